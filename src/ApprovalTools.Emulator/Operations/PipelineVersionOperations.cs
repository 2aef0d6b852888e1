using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalTools.Emulator.Aws;
using ApprovalTools.Emulator.State;

namespace ApprovalTools.Emulator.Operations;

/// <summary>UpdatePipeline (a new version; every version is kept) and ListPipelineExecutions.</summary>
internal static class PipelineVersionOperations
{
    public static JsonObject Update(JsonElement input, OperationContext context)
    {
        var raw = JsonNode.Parse(input.GetProperty("pipeline").GetRawText())!.AsObject();
        var name = raw["name"]!.GetValue<string>();
        if (!context.State.Pipelines.TryGetValue(name, out var pipeline)) throw AwsErrors.PipelineNotFound(name);
        return new JsonObject { ["pipeline"] = Publish(context.State, pipeline, raw, context.Now).DeepClone() };
    }

    /// <summary>Makes <paramref name="raw"/> the pipeline's next version (shared with the control surface).</summary>
    public static JsonObject Publish(EmulatorState state, PipelineRecord pipeline, JsonObject raw, DateTimeOffset now)
    {
        var copy = raw.DeepClone().AsObject();
        copy["version"] = pipeline.Version + 1;
        JsonObject declaration;
        try { declaration = SeedLoader.Normalise(copy); }
        catch (InvalidDataException e) { throw AwsErrors.Validation(e.Message); }
        pipeline.Version = declaration["version"]!.GetValue<int>();
        pipeline.Versions[pipeline.Version] = declaration;
        pipeline.Declaration = declaration;
        pipeline.Stages = declaration["stages"]!.AsArray().Select(s => SeedLoader.ParseStage(s!.AsObject())).ToList();
        pipeline.ExecutionMode = declaration["executionMode"]!.GetValue<string>();
        pipeline.PipelineType = declaration["pipelineType"]!.GetValue<string>();
        pipeline.Updated = now;
        PipelineRunner.Update(pipeline, state.Settings.UpdateInFlight == "cancel", now);
        return declaration;
    }

    public static JsonObject ListExecutions(JsonElement input, OperationContext context)
    {
        var name = input.Required("pipelineName");
        if (!context.State.Pipelines.TryGetValue(name, out var pipeline)) throw AwsErrors.PipelineNotFound(name);
        var max = (int)(input.Integer("maxResults") ?? 100);
        var offset = 0;
        if (input.Text("nextToken") is { } token
            && (!PageToken.TryRead(token, out var text)
                || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out offset)))
            throw AwsErrors.InvalidNextToken();
        string? succeededIn = null;
        if (input.TryGetProperty("filter", out var filter) && filter.TryGetProperty("succeededInStage", out var stage))
            succeededIn = stage.Text("stageName");

        var all = pipeline.Executions
            .Where(e => succeededIn is null || e.Stages.GetValueOrDefault(succeededIn)?.Status == "Succeeded")
            .OrderByDescending(e => e.Started)
            .ToList();
        var page = all.Skip(offset).Take(max).ToList();
        var result = new JsonObject
        {
            ["pipelineExecutionSummaries"] = new JsonArray(page.Select(e => (JsonNode)Summary(pipeline, e)).ToArray()),
        };
        if (offset + page.Count < all.Count)
            result["nextToken"] = PageToken.Create((offset + page.Count).ToString(CultureInfo.InvariantCulture));
        return result;
    }

    private static JsonObject Summary(PipelineRecord pipeline, ExecutionRecord execution)
    {
        var source = execution.Definition.SelectMany(s => s.Actions).FirstOrDefault(a => a.Category == "Source");
        var summary = new JsonObject
        {
            ["pipelineExecutionId"] = execution.Id,
            ["status"] = execution.Status,
        };
        if (execution.StatusSummary is not null) summary["statusSummary"] = execution.StatusSummary;
        summary["startTime"] = EpochTime.Node(execution.Started);
        summary["lastUpdateTime"] = EpochTime.Node(execution.LastUpdated);
        summary["sourceRevisions"] = new JsonArray(execution.ArtifactRevisions.Take(1).Select(r =>
        {
            var o = new JsonObject { ["actionName"] = source?.Name ?? "Source", ["revisionId"] = r.RevisionId };
            if (r.RevisionSummary is not null) o["revisionSummary"] = r.RevisionSummary;
            if (r.RevisionUrl is not null) o["revisionUrl"] = r.RevisionUrl;
            return (JsonNode)o;
        }).ToArray());
        summary["trigger"] = new JsonObject
        {
            ["triggerType"] = execution.TriggerType,
            ["triggerDetail"] = execution.TriggerDetail,
        };
        if (execution.StopRequested)
            summary["stopTrigger"] = execution.StopReason is null
                ? new JsonObject() : new JsonObject { ["reason"] = execution.StopReason };
        summary["executionMode"] = pipeline.ExecutionMode;
        summary["executionType"] = "STANDARD";
        return summary;
    }
}
