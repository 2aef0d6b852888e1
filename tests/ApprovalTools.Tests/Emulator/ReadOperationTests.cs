using System.Text.Json.Nodes;
using Xunit;

namespace ApprovalTools.Tests.Emulator;

/// <summary>ListPipelines, GetPipeline, GetPipelineState and GetPipelineExecution on the sample data.</summary>
public sealed class ReadOperationTests
{
    private static readonly string[] SampleNames = ["infra-parallel", "legacy-app", "mobile-release", "nightly-batch", "web-api", "web-frontend"];

    [Fact]
    public async Task ListPipelines_returns_the_sample_pipelines_sorted_with_summaries()
    {
        await using var h = await Harness.StartAsync();
        var result = await h.OkAsync("ListPipelines");
        var pipelines = result["pipelines"]!.AsArray();
        Assert.Equal(SampleNames, pipelines.Select(p => (string)p!["name"]!));
        Assert.Null(result["nextToken"]);
        var parallel = pipelines[0]!;
        Assert.Equal(("PARALLEL", "V2", 3), ((string)parallel["executionMode"]!, (string)parallel["pipelineType"]!, (int)parallel["version"]!));
        Assert.True(Harness.Epoch(parallel["created"]!) < Harness.Epoch(parallel["updated"]!));
    }

    [Fact]
    public async Task ListPipelines_pages_with_opaque_tokens_and_a_default_of_100()
    {
        await using var h = await Harness.StartAsync();
        h.State.Generate(250, 10, "bench-");
        var names = new List<string>();
        var pageSizes = new List<int>();
        string? token = null;
        do
        {
            var page = await h.OkAsync("ListPipelines", token is null ? new { } : new { nextToken = token });
            var items = page["pipelines"]!.AsArray();
            pageSizes.Add(items.Count);
            names.AddRange(items.Select(p => (string)p!["name"]!));
            token = page["nextToken"]?.GetValue<string>();
            Assert.DoesNotContain("bench", token ?? "");
        } while (token is not null);

        Assert.Equal([100, 100, 56], pageSizes);
        Assert.Equal(256, names.Distinct().Count());
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), names);
        Assert.Equal("bench-0001", names[0]);

        var small = await h.OkAsync("ListPipelines", new { maxResults = 7 });
        Assert.Equal(7, small["pipelines"]!.AsArray().Count);
        Assert.NotNull(small["nextToken"]);
    }

    [Fact]
    public async Task ListPipelines_refuses_made_up_or_altered_tokens()
    {
        await using var h = await Harness.StartAsync();
        await h.ErrorAsync("ListPipelines", new { nextToken = "bm90LWEtdG9rZW4" }, "InvalidNextTokenException");
        var page = await h.OkAsync("ListPipelines", new { maxResults = 2 });
        var token = (string)page["nextToken"]!;
        var altered = (token[0] == 'A' ? 'B' : 'A') + token[1..];
        await h.ErrorAsync("ListPipelines", new { nextToken = altered }, "InvalidNextTokenException");
    }

    [Fact]
    public async Task GetPipeline_returns_the_declaration_and_metadata()
    {
        await using var h = await Harness.StartAsync();
        var result = await h.OkAsync("GetPipeline", new { name = "web-api" });
        var pipeline = result["pipeline"]!;
        Assert.Equal(("web-api", 12, "SUPERSEDED", "V2"),
            ((string)pipeline["name"]!, (int)pipeline["version"]!, (string)pipeline["executionMode"]!, (string)pipeline["pipelineType"]!));
        Assert.Equal(["Source", "Build", "Staging", "Approval", "Production"], pipeline["stages"]!.AsArray().Select(s => (string)s!["name"]!));
        var approval = pipeline["stages"]![3]!["actions"]![0]!;
        Assert.Equal("ReleaseApproval", (string)approval["name"]!);
        Assert.Equal(("Approval", "AWS", "Manual", "1"), ((string)approval["actionTypeId"]!["category"]!, (string)approval["actionTypeId"]!["owner"]!,
            (string)approval["actionTypeId"]!["provider"]!, (string)approval["actionTypeId"]!["version"]!));
        Assert.Equal(1, (int)approval["runOrder"]!);
        Assert.Equal(120, (int)approval["timeoutInMinutes"]!);
        var configuration = approval["configuration"]!.AsObject();
        Assert.Equal(["CustomData", "ExternalEntityLink", "NotificationArn"], configuration.Select(c => c.Key).Order());
        Assert.Equal("arn:aws:sns:us-east-1:123456789012:web-api-release-approvals", (string)configuration["NotificationArn"]!);
        Assert.Equal("arn:aws:codepipeline:us-east-1:123456789012:web-api", (string)result["metadata"]!["pipelineArn"]!);

        await h.OkAsync("GetPipeline", new { name = "web-api", version = 12 });
        await h.ErrorAsync("GetPipeline", new { name = "web-api", version = 11 }, "PipelineVersionNotFoundException");
        var missing = await h.ErrorAsync("GetPipeline", new { name = "no-such-pipeline" }, "PipelineNotFoundException");
        Assert.Contains("no-such-pipeline", missing.Message);
    }

    [Fact]
    public async Task Every_sample_pipeline_answers_every_read_operation_within_the_model()
    {
        await using var h = await Harness.StartAsync();
        foreach (var name in SampleNames)
        {
            await h.OkAsync("GetPipeline", new { name });
            var state = await h.StateOfAsync(name);
            var executionIds = state["stageStates"]!.AsArray()
                .Select(s => s!["latestExecution"]?["pipelineExecutionId"]?.GetValue<string>())
                .OfType<string>().Distinct();
            foreach (var id in executionIds)
                await h.OkAsync("GetPipelineExecution", new { pipelineName = name, pipelineExecutionId = id });
        }
    }

    [Fact]
    public async Task GetPipelineState_shows_a_pending_approval_with_its_token_a_few_hours_old()
    {
        await using var h = await Harness.StartAsync();
        var state = await h.StateOfAsync("web-frontend");
        Assert.Equal(("web-frontend", 7), ((string)state["pipelineName"]!, (int)state["pipelineVersion"]!));
        Assert.Equal(["Source", "Build", "Approval", "Deploy"], state["stageStates"]!.AsArray().Select(s => (string)s!["stageName"]!));

        var approvalStage = Harness.StageState(state, "Approval");
        Assert.Equal(("b3e1c5d7-2f4a-4b6c-9d8e-0a1b2c3d4e5f", "InProgress"),
            ((string)approvalStage["latestExecution"]!["pipelineExecutionId"]!, (string)approvalStage["latestExecution"]!["status"]!));
        var latest = Harness.Latest(state, "Approval", "ManualApproval")!;
        Assert.Equal("6f1c2b9e-8a47-4d3e-b5a0-1c2d3e4f5a6b", (string)latest["token"]!);
        Assert.Equal("InProgress", (string)latest["status"]!);
        Assert.Matches("^[0-9a-f-]{36}$", (string)latest["actionExecutionId"]!);
        Assert.InRange(DateTimeOffset.UtcNow - Harness.Epoch(latest["lastStatusChange"]!), TimeSpan.FromHours(2), TimeSpan.FromHours(4));

        // The Deploy stage still shows the previous execution, which went all the way.
        var deploy = Harness.StageState(state, "Deploy");
        Assert.Equal(("4f7d2a10-9c3b-4e8a-a1d2-6b5c4e3f2a10", "Succeeded"),
            ((string)deploy["latestExecution"]!["pipelineExecutionId"]!, (string)deploy["latestExecution"]!["status"]!));

        var source = Harness.ActionState(state, "Source", "Source");
        Assert.Equal((string)source["currentRevision"]!["revisionId"]!, (string)source["latestExecution"]!["externalExecutionId"]!);
        Assert.StartsWith("https://github.com/acme/web-frontend/commit/", (string)source["revisionUrl"]!);
    }

    [Fact]
    public async Task GetPipelineState_of_answered_and_approval_free_pipelines()
    {
        await using var h = await Harness.StartAsync();
        var legacy = Harness.Latest(await h.StateOfAsync("legacy-app"), "Approval", "ManualApproval")!;
        Assert.Equal("Succeeded", (string)legacy["status"]!);
        Assert.Equal("Regression suite green, ship it.", (string)legacy["summary"]!);
        Assert.Equal("arn:aws:iam::123456789012:user/jane.doe", (string)legacy["lastUpdatedBy"]!);
        // An answered approval shows no token (setting answeredTokenShown, SettingsTests), but its id is the token.
        Assert.Null(legacy["token"]);
        Assert.Equal("4c3b2a19-0f8e-4d7c-b6a5-9483f2e1d0c9", (string)legacy["externalExecutionId"]!);

        var nightly = await h.StateOfAsync("nightly-batch");
        var actions = nightly["stageStates"]!.AsArray().SelectMany(s => s!["actionStates"]!.AsArray()).ToList();
        Assert.DoesNotContain(actions, a => a!["latestExecution"]?["token"] is not null);
        Assert.All(actions, a => Assert.Equal("Succeeded", (string)a!["latestExecution"]!["status"]!));
    }

    [Fact]
    public async Task Mobile_release_has_two_pending_approvals_held_by_two_executions()
    {
        await using var h = await Harness.StartAsync();
        var state = await h.StateOfAsync("mobile-release");
        var qa = Harness.StageState(state, "QA");
        var prod = Harness.StageState(state, "Production");
        Assert.Equal("c5d6e7f8-a9b0-4c1d-8e2f-3a4b5c6d7e8f", (string)qa["latestExecution"]!["pipelineExecutionId"]!);
        Assert.Equal("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", (string)prod["latestExecution"]!["pipelineExecutionId"]!);
        Assert.Equal("2a9c7e5b-4d6f-4a8b-b1c3-e5f7a9b1c3d5", (string)Harness.Latest(state, "QA", "QASignOff")!["token"]!);
        Assert.Equal("8d1e5f3a-2b4c-4d6e-9f8a-7b6c5d4e3f2a", (string)Harness.Latest(state, "Production", "ProdGate")!["token"]!);
        // The second action of Production waits for the gate (runOrder 2) and has not run in that execution.
        Assert.Null(Harness.Latest(state, "Production", "PublishToStores"));
    }

    [Fact]
    public async Task In_PARALLEL_mode_the_token_is_only_in_externalExecutionId()
    {
        await using var h = await Harness.StartAsync();
        var latest = Harness.Latest(await h.StateOfAsync("infra-parallel"), "Approval", "ApplyApproval")!;
        Assert.Equal("InProgress", (string)latest["status"]!);
        Assert.Null(latest["token"]);
        Assert.Equal("3b7e9d1f-5a2c-4e8b-a6d4-0f9e8d7c6b5a", (string)latest["externalExecutionId"]!);
    }

    [Fact]
    public async Task GetPipelineExecution_returns_revisions_trigger_and_mode()
    {
        await using var h = await Harness.StartAsync();
        var result = await h.OkAsync("GetPipelineExecution", new { pipelineName = "web-api", pipelineExecutionId = "7e2f4a6c-1b3d-4e5f-8a9b-0c1d2e3f4a5b" });
        var execution = result["pipelineExecution"]!;
        Assert.Equal(("web-api", 12, "InProgress", "SUPERSEDED", "STANDARD"),
            ((string)execution["pipelineName"]!, (int)execution["pipelineVersion"]!, (string)execution["status"]!,
             (string)execution["executionMode"]!, (string)execution["executionType"]!));
        var revision = execution["artifactRevisions"]!.AsArray().Single()!;
        Assert.Matches("^[0-9a-f]{40}$", (string)revision["revisionId"]!);
        Assert.Equal("{\"ProviderType\":\"GitHub\",\"CommitMessage\":\"Fix pagination of GET /orders (#482)\"}", (string)revision["revisionSummary"]!);
        Assert.Equal($"https://github.com/acme/web-api/commit/{revision["revisionId"]}", (string)revision["revisionUrl"]!);
        Assert.Equal("WebhookV2", (string)execution["trigger"]!["triggerType"]!);

        var failed = await h.OkAsync("GetPipelineExecution", new { pipelineName = "web-api", pipelineExecutionId = "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60" });
        Assert.Equal("Failed", (string)failed["pipelineExecution"]!["status"]!);

        await h.ErrorAsync("GetPipelineExecution", new { pipelineName = "web-api", pipelineExecutionId = "00000000-0000-4000-8000-000000000000" }, "PipelineExecutionNotFoundException");
        await h.ErrorAsync("GetPipelineExecution", new { pipelineName = "nope", pipelineExecutionId = "7e2f4a6c-1b3d-4e5f-8a9b-0c1d2e3f4a5b" }, "PipelineNotFoundException");
    }
}
