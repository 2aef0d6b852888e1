using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalTools.Emulator.Aws;
using ApprovalTools.Emulator.State;

namespace ApprovalTools.Emulator.Operations;

/// <summary>
/// PutApprovalResult. The token must be the one of the approval the stage currently shows (in PARALLEL mode: of
/// any execution's run of that approval). The current token of an approval that is no longer open gives
/// ApprovalAlreadyCompletedException; any other token, InvalidApprovalTokenException.
/// </summary>
internal static class PutApprovalResultOperation
{
    public static JsonObject Handle(JsonElement input, OperationContext context)
    {
        var (pipelineName, stageName, actionName) = (input.Required("pipelineName"), input.Required("stageName"), input.Required("actionName"));
        var token = input.Required("token");
        var result = input.GetProperty("result");
        var approved = result.Required("status") == "Approved";
        var summary = result.Text("summary");

        if (!context.State.Pipelines.TryGetValue(pipelineName, out var pipeline)) throw AwsErrors.PipelineNotFound(pipelineName);
        var stage = pipeline.FindStage(stageName) ?? throw AwsErrors.StageNotFound(pipelineName, stageName);
        var action = stage.FindAction(actionName) ?? throw AwsErrors.ActionNotFound(pipelineName, stageName, actionName);
        if (!action.IsManualApproval) throw AwsErrors.InvalidApprovalToken(pipelineName, stageName, actionName);

        var (execution, run) = Find(pipeline, stage, action, token);
        if (execution is null || run is null || run.Status == "Abandoned")
            throw AwsErrors.InvalidApprovalToken(pipelineName, stageName, actionName);
        if (run.Status != "InProgress")
            throw AwsErrors.ApprovalAlreadyCompleted(pipelineName, stageName, actionName);

        PipelineRunner.Answer(pipeline, execution, stage, run, approved, summary, context.CallerArn, context.Now);
        return new JsonObject { ["approvedAt"] = EpochTime.Node(context.Now) };
    }

    private static (ExecutionRecord?, ActionRun?) Find(PipelineRecord pipeline, StageDefinition stage, ActionDefinition action, string token)
    {
        if (pipeline.IsParallel)
        {
            foreach (var execution in pipeline.Executions)
                if (execution.Stages.GetValueOrDefault(stage.Name)?.Actions.GetValueOrDefault(action.Name) is { } candidate
                    && candidate.Token == token)
                    return (execution, candidate);
            return (null, null);
        }
        if (!pipeline.StageHolders.TryGetValue(stage.Name, out var holder)) return (null, null);
        var run = holder.Stages.GetValueOrDefault(stage.Name)?.Actions.GetValueOrDefault(action.Name);
        return run?.Token == token ? (holder, run) : (null, null);
    }
}
