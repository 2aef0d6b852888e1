using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalTools.Emulator.Aws;
using ApprovalTools.Emulator.State;

namespace ApprovalTools.Emulator.Operations;

/// <summary>StopPipelineExecution and RetryStageExecution.</summary>
internal static class StopRetryOperations
{
    public static JsonObject Stop(JsonElement input, OperationContext context)
    {
        var name = input.Required("pipelineName");
        var id = input.Required("pipelineExecutionId");
        var abandon = input.TryGetProperty("abandon", out var a) && a.ValueKind == JsonValueKind.True;
        Apply(context.State, name, id, abandon, input.Text("reason"), context.Now);
        return new JsonObject { ["pipelineExecutionId"] = id };
    }

    /// <summary>Stops an execution (shared with the control surface); returns its status afterwards.</summary>
    public static string Apply(EmulatorState state, string name, string id, bool abandon, string? reason,
        DateTimeOffset now)
    {
        if (!state.Pipelines.TryGetValue(name, out var pipeline)) throw AwsErrors.PipelineNotFound(name);
        if (!pipeline.ExecutionsById.TryGetValue(id, out var execution))
            throw AwsErrors.PipelineExecutionNotFound(name, id);
        if (execution.Status == "Stopping")
        {
            if (!abandon) throw AwsErrors.DuplicatedStop(id);
        }
        else if (execution.Status != "InProgress") throw AwsErrors.NotStoppable(id);
        var abandonNow = abandon || state.Settings.StopWithoutAbandon == "abandonApproval";
        PipelineRunner.Stop(pipeline, execution, abandonNow, reason, now);
        return execution.Status;
    }

    public static JsonObject Retry(JsonElement input, OperationContext context)
    {
        var name = input.Required("pipelineName");
        var stageName = input.Required("stageName");
        var id = input.Required("pipelineExecutionId");
        var all = input.Required("retryMode") == "ALL_ACTIONS";
        if (!context.State.Pipelines.TryGetValue(name, out var pipeline)) throw AwsErrors.PipelineNotFound(name);
        if (pipeline.FindStage(stageName) is null) throw AwsErrors.StageNotFound(name, stageName);
        if (!pipeline.ExecutionsById.TryGetValue(id, out var execution)
            || !pipeline.StageHolders.TryGetValue(stageName, out var holder) || holder != execution)
            throw AwsErrors.NotLatestExecution(name, stageName, id);
        if (execution.Stages.GetValueOrDefault(stageName)?.Status != "Failed" || execution.Status != "Failed")
            throw AwsErrors.StageNotRetryable(name, stageName);
        PipelineRunner.Retry(pipeline, execution, stageName, all, context.Now);
        return new JsonObject { ["pipelineExecutionId"] = id };
    }
}
