using System.Text.Json.Nodes;

namespace ApprovalTools.Emulator.State;

/// <summary>
/// Makes many look-alike pipelines for load tests: Source -> Build -> Approval (ManualApproval) -> Deploy.
/// The pending ones wait at the approval; the others ran through it (approved) to success.
/// They are built as seed entries so they behave exactly like seeded pipelines.
/// </summary>
internal static class PipelineGenerator
{
    private static readonly string ConnectionArn =
        $"arn:aws:codestar-connections:us-east-1:{AwsAccount.Id}:connection/5b8c6a1e-0d3f-4c1b-9a77-2f0e6d4c8b10";

    public static List<(PipelineRecord Pipeline, bool Pending)> Generate(int count, int pending, string prefix,
        DateTimeOffset now)
    {
        pending = Math.Clamp(pending, 0, count);
        // Spread the pending ones evenly: the k-th sits at floor(k * count / pending).
        var pendingAt = Enumerable.Range(0, pending).Select(k => (int)((long)k * count / pending)).ToHashSet();
        var width = Math.Max(4, count.ToString().Length);
        var result = new List<(PipelineRecord, bool)>(count);
        for (var i = 0; i < count; i++)
        {
            var name = prefix + (i + 1).ToString().PadLeft(width, '0');
            var isPending = pendingAt.Contains(i);
            result.Add((SeedLoader.BuildPipeline(Entry(name, i, isPending), now), isPending));
        }
        return result;
    }

    private static JsonObject Entry(string name, int index, bool pending)
    {
        var commit = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant() + index.ToString("x8");
        var started = 30 + index % 300;
        var execution = new JsonObject
        {
            ["startedMinutesAgo"] = started,
            ["trigger"] = new JsonObject { ["triggerType"] = "WebhookV2", ["triggerDetail"] = ConnectionArn },
            ["artifactRevisions"] = new JsonArray(new JsonObject
            {
                ["name"] = "SourceArtifact",
                ["revisionId"] = commit,
                ["revisionSummary"] = $"{{\"ProviderType\":\"GitHub\",\"CommitMessage\":\"Change {index + 1} for " +
                    $"{name}\"}}",
                ["revisionUrl"] = $"https://github.com/acme/{name}/commit/{commit}",
            }),
        };
        if (!pending)
            execution["actions"] = new JsonObject
            {
                ["Approval/ManualApproval"] = new JsonObject
                {
                    ["status"] = "Approved",
                    ["summary"] = "Approved by the nightly load generator",
                    ["lastUpdatedBy"] = $"arn:aws:iam::{AwsAccount.Id}:user/release-bot",
                    ["minutesAgo"] = started - 10,
                },
            };
        return new JsonObject
        {
            ["pipeline"] = Declaration(name),
            ["createdMinutesAgo"] = 100_000 + index,
            ["updatedMinutesAgo"] = 10_000 + index,
            ["executions"] = new JsonArray(execution),
        };
    }

    private static JsonObject Declaration(string name) => new()
    {
        ["name"] = name,
        ["roleArn"] = $"arn:aws:iam::{AwsAccount.Id}:role/service-role/AWSCodePipelineServiceRole-{name}",
        ["artifactStore"] = new JsonObject { ["type"] = "S3",
            ["location"] = $"codepipeline-us-east-1-{AwsAccount.Id}" },
        ["stages"] = new JsonArray(
            Stage("Source", Action("Source", "Source", "CodeStarSourceConnection", new()
            {
                ["ConnectionArn"] = ConnectionArn,
                ["FullRepositoryId"] = $"acme/{name}",
                ["BranchName"] = "main",
            })),
            Stage("Build", Action("Build", "Build", "CodeBuild", new() { ["ProjectName"] = $"{name}-build" })),
            Stage("Approval", Action("ManualApproval", "Approval", "Manual",
                new() { ["CustomData"] = $"Approve the release of {name}." })),
            Stage("Deploy", Action("Deploy", "Deploy", "S3", new() { ["BucketName"] = $"{name}-site",
                ["Extract"] = "true" }))),
        ["version"] = 1,
        ["executionMode"] = "SUPERSEDED",
        ["pipelineType"] = "V2",
    };

    private static JsonObject Stage(string name, JsonObject action) => new() { ["name"] = name,
        ["actions"] = new JsonArray(action) };

    private static JsonObject Action(string name, string category, string provider, JsonObject configuration) => new()
    {
        ["name"] = name,
        ["actionTypeId"] = new JsonObject { ["category"] = category, ["owner"] = "AWS", ["provider"] = provider,
            ["version"] = "1" },
        ["runOrder"] = 1,
        ["configuration"] = configuration,
    };
}
