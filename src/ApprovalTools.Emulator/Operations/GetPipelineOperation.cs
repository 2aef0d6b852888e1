using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalTools.Emulator.Aws;

namespace ApprovalTools.Emulator.Operations;

/// <summary>GetPipeline: the declaration (of the version asked for; every version is kept) and its metadata.</summary>
internal static class GetPipelineOperation
{
    public static JsonObject Handle(JsonElement input, OperationContext context)
    {
        var name = input.Required("name");
        if (!context.State.Pipelines.TryGetValue(name, out var pipeline)) throw AwsErrors.PipelineNotFound(name);
        var declaration = pipeline.Declaration;
        if (input.Integer("version") is { } version
            && (version is < 1 or > int.MaxValue || !pipeline.Versions.TryGetValue((int)version, out declaration)))
            throw AwsErrors.PipelineVersionNotFound(name, version);
        return new JsonObject
        {
            ["pipeline"] = declaration.DeepClone(),
            ["metadata"] = new JsonObject
            {
                ["pipelineArn"] = context.PipelineArn(pipeline.Name),
                ["created"] = EpochTime.Node(pipeline.Created),
                ["updated"] = EpochTime.Node(pipeline.Updated),
            },
        };
    }
}
