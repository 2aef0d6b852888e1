using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalTools.Emulator.Aws;

namespace ApprovalTools.Emulator.Operations;

/// <summary>ListPipelines: summaries by name, pages of maxResults (default 100 as the service) with opaque
/// tokens.</summary>
internal static class ListPipelinesOperation
{
    public const int DefaultMaxResults = 100;

    public static JsonObject Handle(JsonElement input, OperationContext context)
    {
        var max = (int)(input.Integer("maxResults") ?? DefaultMaxResults);
        string? after = null;
        if (input.Text("nextToken") is { } token && !PageToken.TryRead(token, out after))
            throw AwsErrors.InvalidNextToken();

        var page = context.State.Pipelines.Values
            .Where(p => after is null || string.CompareOrdinal(p.Name, after) > 0)
            .Take(max + 1)
            .ToList();
        var more = page.Count > max;
        if (more) page.RemoveAt(max);

        var result = new JsonObject
        {
            ["pipelines"] = new JsonArray(page.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Name,
                ["version"] = p.Version,
                ["pipelineType"] = p.PipelineType,
                ["executionMode"] = p.ExecutionMode,
                ["created"] = EpochTime.Node(p.Created),
                ["updated"] = EpochTime.Node(p.Updated),
            }).ToArray()),
        };
        if (more) result["nextToken"] = PageToken.Create(page[^1].Name);
        return result;
    }
}
