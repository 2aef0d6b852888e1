using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using ApprovalTools.Commands;

namespace ApprovalTools.Engine;

/// <summary>The engine ApprovalTools.dll creates (by name, in the engine's load context) on first use.</summary>
internal sealed class CommandEngine : IEngine
{
    // Load AWSSDK.Core now, so a module folder without it fails here, with ModuleEngine's plain error, not mid-command.
    public CommandEngine() => _ = typeof(Amazon.Runtime.AmazonServiceClient).Assembly;

    public ICommandWorker CreateWorker(PSCmdlet command) => command switch
    {
        GetPendingApprovalCommand get => new PendingApprovalScan(get),
        GetApprovalHistoryCommand history => new ApprovalHistoryScan(history),
        AnswerApprovalCommandBase answer => new ApprovalAnswer(answer),
        _ => throw new ArgumentException($"No worker for {command.GetType().Name}.", nameof(command)),
    };

    public IEnumerable<(string Name, string Tooltip)> CompletionNames(string completer, IDictionary boundParameters) =>
        Completion.Names(completer, boundParameters);
}
