using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalTools.Emulator.Aws;

namespace ApprovalTools.Emulator.Operations;

/// <summary>GetPipelineExecution: status, artifact revisions and trigger of one execution.</summary>
internal static class GetPipelineExecutionOperation
{
    public static JsonObject Handle(JsonElement input, OperationContext context)
    {
        var name = input.Required("pipelineName");
        var id = input.Required("pipelineExecutionId");
        if (!context.State.Pipelines.TryGetValue(name, out var pipeline)) throw AwsErrors.PipelineNotFound(name);
        if (!pipeline.ExecutionsById.TryGetValue(id, out var execution))
            throw AwsErrors.PipelineExecutionNotFound(name, id);

        var result = new JsonObject
        {
            ["pipelineName"] = pipeline.Name,
            ["pipelineVersion"] = execution.PipelineVersion,
            ["pipelineExecutionId"] = execution.Id,
            ["status"] = execution.Status,
        };
        if (execution.StatusSummary is not null) result["statusSummary"] = execution.StatusSummary;
        result["artifactRevisions"] = new JsonArray(execution.ArtifactRevisions.Select(r =>
        {
            var o = new JsonObject
            {
                ["name"] = r.Name,
                ["revisionId"] = r.RevisionId,
                ["revisionChangeIdentifier"] = r.RevisionChangeIdentifier,
            };
            if (r.RevisionSummary is not null) o["revisionSummary"] = r.RevisionSummary;
            o["created"] = EpochTime.Node(r.Created);
            if (r.RevisionUrl is not null) o["revisionUrl"] = r.RevisionUrl;
            return (JsonNode)o;
        }).ToArray());
        result["trigger"] = new JsonObject { ["triggerType"] = execution.TriggerType,
            ["triggerDetail"] = execution.TriggerDetail };
        result["executionMode"] = pipeline.ExecutionMode;
        result["executionType"] = "STANDARD";
        return new JsonObject { ["pipelineExecution"] = result };
    }
}
