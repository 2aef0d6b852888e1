using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalTools.Emulator.Aws;

namespace ApprovalTools.Emulator.Operations;

/// <summary>GetPipeline: the declaration and its metadata. Only the current version is kept, so any other version is not found.</summary>
internal static class GetPipelineOperation
{
    public static JsonObject Handle(JsonElement input, OperationContext context)
    {
        var name = input.Required("name");
        if (!context.State.Pipelines.TryGetValue(name, out var pipeline)) throw AwsErrors.PipelineNotFound(name);
        if (input.Integer("version") is { } version && version != pipeline.Version)
            throw AwsErrors.PipelineVersionNotFound(name, version);
        return new JsonObject
        {
            ["pipeline"] = pipeline.Declaration.DeepClone(),
            ["metadata"] = new JsonObject
            {
                ["pipelineArn"] = context.PipelineArn(pipeline.Name),
                ["created"] = EpochTime.Node(pipeline.Created),
                ["updated"] = EpochTime.Node(pipeline.Updated),
            },
        };
    }
}
