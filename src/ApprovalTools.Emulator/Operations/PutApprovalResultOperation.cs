using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalTools.Emulator.Aws;
using ApprovalTools.Emulator.State;

namespace ApprovalTools.Emulator.Operations;

/// <summary>
/// PutApprovalResult. The token must be the one of an approval run that is waiting (InProgress). The token of an
/// approval that was answered gives ApprovalAlreadyCompletedException (setting secondAnswer: or
/// InvalidApprovalTokenException); any other token (expired, abandoned, retried, made up, or the action is not a
/// manual approval) InvalidApprovalTokenException.
/// </summary>
internal static class PutApprovalResultOperation
{
    public static JsonObject Handle(JsonElement input, OperationContext context)
    {
        var (pipelineName, stageName, actionName) = (input.Required("pipelineName"), input.Required("stageName"),
            input.Required("actionName"));
        var token = input.Required("token");
        var result = input.GetProperty("result");
        var approved = result.Required("status") == "Approved";
        var summary = result.Text("summary");

        if (!context.State.Pipelines.TryGetValue(pipelineName, out var pipeline))
            throw AwsErrors.PipelineNotFound(pipelineName);
        var stage = pipeline.FindStage(stageName) ?? throw AwsErrors.StageNotFound(pipelineName, stageName);
        var action = stage.FindAction(actionName)
            ?? throw AwsErrors.ActionNotFound(pipelineName, stageName, actionName);
        if (!action.IsManualApproval) throw AwsErrors.InvalidApprovalToken(pipelineName, stageName, actionName);

        var (execution, run) = Find(pipeline, stageName, actionName, token);
        if (execution is null || run is null) throw AwsErrors.InvalidApprovalToken(pipelineName, stageName, actionName);
        if (run.Status != "InProgress")
        {
            if (run.Answered && context.Settings.SecondAnswer == "alreadyCompleted")
                throw AwsErrors.ApprovalAlreadyCompleted(pipelineName, stageName, actionName);
            throw AwsErrors.InvalidApprovalToken(pipelineName, stageName, actionName);
        }

        var by = context.CallerArn;
        if (string.IsNullOrEmpty(summary))
            summary = context.Settings.EmptySummary == "answeredBy"
                ? $"{(approved ? "Approved" : "Rejected")} by {by}" : null;
        var definition = execution.Definition.First(s => s.Name == stageName);
        PipelineRunner.Answer(pipeline, execution, definition, run, approved, summary, by, context.Now);
        return new JsonObject { ["approvedAt"] = EpochTime.Node(context.Now) };
    }

    /// <summary>The run of this approval, current or replaced by a retry, that carries the token, in any
    /// execution.</summary>
    private static (ExecutionRecord?, ActionRun?) Find(PipelineRecord pipeline, string stageName, string actionName,
        string token)
    {
        foreach (var execution in pipeline.Executions)
        {
            if (execution.Stages.GetValueOrDefault(stageName) is not { } stageRun) continue;
            if (stageRun.Actions.GetValueOrDefault(actionName) is { } current && current.Token == token)
                return (execution, current);
            foreach (var (name, earlier) in stageRun.Earlier)
                if (name == actionName && earlier.Token == token) return (execution, earlier);
        }
        return (null, null);
    }
}
