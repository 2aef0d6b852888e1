using System.Collections.Generic;
using ApprovalTools.Commands;

namespace ApprovalTools.Engine;

/// <summary>The engine ApprovalTools.dll creates (by name, in the engine's load context) on first use.</summary>
internal sealed class CommandEngine : IEngine
{
    // Load AWSSDK.Core now, so a module folder without it fails here, with ModuleEngine's plain error, not mid-command.
    public CommandEngine() => _ = typeof(Amazon.Runtime.AmazonServiceClient).Assembly;

    public ICommandWorker<GetPendingApprovalRequest> GetPendingApproval(ICommandSink sink) =>
        new GetPendingApprovalWorker(sink);

    public ICommandWorker<GetApprovalHistoryRequest> GetApprovalHistory(ICommandSink sink) =>
        new GetApprovalHistoryWorker(sink);

    public ICommandWorker<AnswerPipelineActionRequest> AnswerPipelineAction(ICommandSink sink) =>
        new AnswerPipelineActionWorker(sink);

    public IEnumerable<(string Name, string Tooltip)> CompletionNames(string parameterName, AwsParameters aws,
        string? pipelineName, string? stageName) =>
        Completion.Names(parameterName, aws, pipelineName, stageName);
}
