using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalTools.Emulator.Aws;
using ApprovalTools.Emulator.State;

namespace ApprovalTools.Emulator.Operations;

/// <summary>
/// GetPipelineState: per stage, the run of the execution the stage holds and the runs waiting in front of it. An open
/// manual approval shows its token, except in PARALLEL mode; its externalExecutionId is the token in every mode.
/// </summary>
internal static class GetPipelineStateOperation
{
    public static JsonObject Handle(JsonElement input, OperationContext context)
    {
        var name = input.Required("name");
        if (!context.State.Pipelines.TryGetValue(name, out var pipeline)) throw AwsErrors.PipelineNotFound(name);
        var stages = new JsonArray();
        for (var i = 0; i < pipeline.Stages.Count; i++)
            stages.Add(StageState(pipeline, pipeline.Stages[i], i, context));
        return new JsonObject
        {
            ["pipelineName"] = pipeline.Name,
            ["pipelineVersion"] = pipeline.Version,
            ["stageStates"] = stages,
            ["created"] = EpochTime.Node(pipeline.Created),
            ["updated"] = EpochTime.Node(pipeline.Updated),
        };
    }

    private static JsonObject StageState(PipelineRecord pipeline, StageDefinition stage, int index,
        OperationContext context)
    {
        var state = new JsonObject { ["stageName"] = stage.Name };
        if (index > 0) state["inboundTransitionState"] = new JsonObject { ["enabled"] = true };
        pipeline.StageHolders.TryGetValue(stage.Name, out var holder);
        var run = holder?.Stages.GetValueOrDefault(stage.Name);
        if (pipeline.Inbound.GetValueOrDefault(stage.Name) is { Count: > 0 } inbound)
        {
            static JsonObject Waiting(ExecutionRecord e) => new() { ["pipelineExecutionId"] = e.Id,
                ["status"] = "InProgress" };
            if (pipeline.ExecutionMode != "QUEUED" || context.Settings.QueuedInbound == "both")
                state["inboundExecution"] = Waiting(inbound[0]);
            if (pipeline.ExecutionMode == "QUEUED")
                state["inboundExecutions"] = new JsonArray(inbound.Select(e => (JsonNode)Waiting(e)).ToArray());
        }
        var showAnswered = context.Settings.AnsweredTokenShown;
        state["actionStates"] = new JsonArray(stage.Actions
            .Select(a => (JsonNode)ActionState(pipeline, a, holder, run?.Actions.GetValueOrDefault(a.Name),
                context.Caller.Region, showAnswered))
            .ToArray());
        if (holder is not null && run is not null)
            state["latestExecution"] = new JsonObject { ["pipelineExecutionId"] = holder.Id, ["status"] = run.Status };
        return state;
    }

    private static JsonObject ActionState(PipelineRecord pipeline, ActionDefinition action, ExecutionRecord? execution,
        ActionRun? run, string region, bool showAnswered)
    {
        var state = new JsonObject { ["actionName"] = action.Name };
        var revision = action.Category == "Source" && run is not null
            ? execution?.ArtifactRevisions.FirstOrDefault() : null;
        if (revision is not null)
            state["currentRevision"] = new JsonObject
            {
                ["revisionId"] = revision.RevisionId,
                ["revisionChangeId"] = revision.RevisionChangeIdentifier,
                ["created"] = EpochTime.Node(revision.Created),
            };
        if (run is not null)
            state["latestExecution"] = LatestExecution(pipeline, action, run, revision, region, showAnswered);
        if (ConsoleUrls.Entity(action, region) is { } entity) state["entityUrl"] = entity;
        if (revision?.RevisionUrl is { } revisionUrl) state["revisionUrl"] = revisionUrl;
        return state;
    }

    private static JsonObject LatestExecution(PipelineRecord pipeline, ActionDefinition action, ActionRun run,
        ArtifactRevisionRecord? revision, string region, bool showAnswered)
    {
        var hideToken = action.IsManualApproval && (pipeline.IsParallel || (run.Status != "InProgress"
            && !showAnswered));
        var latest = new JsonObject
        {
            ["actionExecutionId"] = run.ActionExecutionId,
            ["status"] = run.Status,
        };
        if (run.Summary is not null) latest["summary"] = run.Summary;
        latest["lastStatusChange"] = EpochTime.Node(run.LastStatusChange);
        if (run.Token is not null && !hideToken) latest["token"] = run.Token;
        if (run.LastUpdatedBy is not null) latest["lastUpdatedBy"] = run.LastUpdatedBy;
        var externalId = action.IsManualApproval ? run.Token : run.ExternalExecutionId;
        if (externalId is not null) latest["externalExecutionId"] = externalId;
        if ((ConsoleUrls.ExternalExecution(action, externalId, region) ?? revision?.RevisionUrl) is { } url)
            latest["externalExecutionUrl"] = url;
        if (run.ErrorCode is not null)
            latest["errorDetails"] = new JsonObject { ["code"] = run.ErrorCode,
                ["message"] = run.ErrorMessage ?? run.Summary ?? "The action failed." };
        return latest;
    }
}
