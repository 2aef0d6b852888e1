using System.Text.Json.Nodes;
using Xunit;

namespace ApprovalTools.Tests.Emulator;

/// <summary>PutApprovalResult semantics: answers, every error code, and tokens going stale.</summary>
public sealed class ApprovalTests
{
    private const string WebFrontendToken = "6f1c2b9e-8a47-4d3e-b5a0-1c2d3e4f5a6b";
    private const string WebFrontendExecution = "b3e1c5d7-2f4a-4b6c-9d8e-0a1b2c3d4e5f";

    [Fact]
    public async Task Approving_completes_the_action_the_stage_and_the_rest_of_the_execution()
    {
        await using var h = await Harness.StartAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var result = await h.OkAsync("PutApprovalResult", Harness.Approval("web-frontend", "Approval", "ManualApproval", WebFrontendToken, summary: "Verified on staging"));
        Assert.InRange(Harness.Epoch(result["approvedAt"]!), before, DateTimeOffset.UtcNow.AddSeconds(1));

        var state = await h.StateOfAsync("web-frontend");
        var latest = Harness.Latest(state, "Approval", "ManualApproval")!;
        Assert.Equal(("Succeeded", "Verified on staging", "arn:aws:iam::123456789012:user/approvaltools-local"),
            ((string)latest["status"]!, (string)latest["summary"]!, (string)latest["lastUpdatedBy"]!));
        Assert.InRange(Harness.Epoch(latest["lastStatusChange"]!), before, DateTimeOffset.UtcNow.AddSeconds(1));
        foreach (var stage in new[] { "Approval", "Deploy" })
        {
            var stageState = Harness.StageState(state, stage)["latestExecution"]!;
            Assert.Equal((WebFrontendExecution, "Succeeded"), ((string)stageState["pipelineExecutionId"]!, (string)stageState["status"]!));
        }
        Assert.Equal("Succeeded", await ExecutionStatus(h, "web-frontend", WebFrontendExecution));
        Assert.DoesNotContain(h.State.OpenApprovals(), a => a.PipelineName == "web-frontend");
    }

    [Fact]
    public async Task Rejecting_fails_the_action_the_stage_and_the_execution()
    {
        await using var h = await Harness.StartAsync();
        await h.OkAsync("PutApprovalResult", Harness.Approval("web-frontend", "Approval", "ManualApproval", WebFrontendToken, "Rejected", "Broken layout on mobile"));

        var state = await h.StateOfAsync("web-frontend");
        var latest = Harness.Latest(state, "Approval", "ManualApproval")!;
        Assert.Equal(("Failed", "Broken layout on mobile"), ((string)latest["status"]!, (string)latest["summary"]!));
        Assert.Equal("Failed", (string)Harness.StageState(state, "Approval")["latestExecution"]!["status"]!);
        // Deploy was never reached: it still shows the previous execution.
        Assert.NotEqual(WebFrontendExecution, (string)Harness.StageState(state, "Deploy")["latestExecution"]!["pipelineExecutionId"]!);
        Assert.Equal("Failed", await ExecutionStatus(h, "web-frontend", WebFrontendExecution));
    }

    [Fact]
    public async Task Every_PutApprovalResult_error_code()
    {
        await using var h = await Harness.StartAsync();
        await h.ErrorAsync("PutApprovalResult", Harness.Approval("no-such-pipeline", "Approval", "ManualApproval", WebFrontendToken), "PipelineNotFoundException");
        await h.ErrorAsync("PutApprovalResult", Harness.Approval("web-frontend", "NoSuchStage", "ManualApproval", WebFrontendToken), "StageNotFoundException");
        await h.ErrorAsync("PutApprovalResult", Harness.Approval("web-frontend", "Approval", "NoSuchAction", WebFrontendToken), "ActionNotFoundException");
        // Not a manual approval.
        var build = await h.ErrorAsync("PutApprovalResult", Harness.Approval("web-frontend", "Build", "Build", WebFrontendToken), "InvalidApprovalTokenException");
        Assert.StartsWith("The token was invalid", build.Message);
        // A well-formed token that is not the approval's.
        await h.ErrorAsync("PutApprovalResult", Harness.Approval("web-frontend", "Approval", "ManualApproval", "00000000-0000-4000-8000-000000000000"), "InvalidApprovalTokenException");
        // Another pipeline's token.
        await h.ErrorAsync("PutApprovalResult", Harness.Approval("web-frontend", "Approval", "ManualApproval", "c4d5e6f7-0a1b-4c2d-8e3f-5a6b7c8d9e0f"), "InvalidApprovalTokenException");
        // Answered long ago.
        var done = await h.ErrorAsync("PutApprovalResult", Harness.Approval("legacy-app", "Approval", "ManualApproval", "4c3b2a19-0f8e-4d7c-b6a5-9483f2e1d0c9"), "ApprovalAlreadyCompletedException");
        Assert.Contains("already been completed", done.Message);

        // None of that changed anything.
        Assert.Equal("InProgress", (string)Harness.Latest(await h.StateOfAsync("web-frontend"), "Approval", "ManualApproval")!["status"]!);
        var counts = h.State.ApprovalCounts().ToDictionary(c => c.Token);
        Assert.Equal((4, 0), (counts[WebFrontendToken].Received, counts[WebFrontendToken].Applied));
    }

    [Fact]
    public async Task A_new_execution_waits_in_front_of_the_locked_stage_and_the_waiting_token_stays_valid()
    {
        await using var h = await Harness.StartAsync();
        var started = await h.ControlJsonAsync(HttpMethod.Post, "/_emulator/pipelines/web-frontend/executions", new { revisionSummary = "Hotfix: broken checkout button" });
        var executionId = (string)started["pipelineExecutionId"]!;
        Assert.Empty(started["tokens"]!.AsObject());
        Assert.Equal(("InProgress", "Approval"), ((string)started["status"]!, (string)started["inboundOf"]!));

        var state = await h.StateOfAsync("web-frontend");
        Assert.Equal(WebFrontendToken, (string)Harness.Latest(state, "Approval", "ManualApproval")!["token"]!);
        Assert.Equal(executionId, (string)Harness.StageState(state, "Build")["latestExecution"]!["pipelineExecutionId"]!);
        Assert.Equal(executionId, (string)Harness.StageState(state, "Approval")["inboundExecution"]!["pipelineExecutionId"]!);
        Assert.Equal("InProgress", await ExecutionStatus(h, "web-frontend", WebFrontendExecution));
        Assert.Equal("InProgress", await ExecutionStatus(h, "web-frontend", executionId));

        // The answer goes to the run inside the stage; then the waiting run enters and waits with a new token.
        await h.OkAsync("PutApprovalResult", Harness.Approval("web-frontend", "Approval", "ManualApproval", WebFrontendToken));
        Assert.Equal("Succeeded", await ExecutionStatus(h, "web-frontend", WebFrontendExecution));
        var after = await h.StateOfAsync("web-frontend");
        Assert.Null(Harness.StageState(after, "Approval")["inboundExecution"]);
        var newToken = (string)Harness.Latest(after, "Approval", "ManualApproval")!["token"]!;
        Assert.NotEqual(WebFrontendToken, newToken);
        Assert.Equal(executionId, (string)Harness.StageState(after, "Approval")["latestExecution"]!["pipelineExecutionId"]!);
        await h.OkAsync("PutApprovalResult", Harness.Approval("web-frontend", "Approval", "ManualApproval", newToken));
        Assert.Equal("Succeeded", await ExecutionStatus(h, "web-frontend", executionId));
    }

    [Fact]
    public async Task Approving_QA_brings_the_newer_mobile_release_in_front_of_Production_which_the_older_holds()
    {
        await using var h = await Harness.StartAsync();
        const string older = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", newer = "c5d6e7f8-a9b0-4c1d-8e2f-3a4b5c6d7e8f";
        const string oldGate = "8d1e5f3a-2b4c-4d6e-9f8a-7b6c5d4e3f2a";
        await h.OkAsync("PutApprovalResult", Harness.Approval("mobile-release", "QA", "QASignOff", "2a9c7e5b-4d6f-4a8b-b1c3-e5f7a9b1c3d5"));

        var state = await h.StateOfAsync("mobile-release");
        Assert.Equal(older, (string)Harness.StageState(state, "Production")["latestExecution"]!["pipelineExecutionId"]!);
        Assert.Equal(newer, (string)Harness.StageState(state, "Production")["inboundExecution"]!["pipelineExecutionId"]!);
        Assert.Equal(oldGate, (string)Harness.Latest(state, "Production", "ProdGate")!["token"]!);

        await h.OkAsync("PutApprovalResult", Harness.Approval("mobile-release", "Production", "ProdGate", oldGate));
        Assert.Equal("Succeeded", await ExecutionStatus(h, "mobile-release", older));
        var after = await h.StateOfAsync("mobile-release");
        Assert.Equal(newer, (string)Harness.StageState(after, "Production")["latestExecution"]!["pipelineExecutionId"]!);
        var gate = (string)Harness.Latest(after, "Production", "ProdGate")!["token"]!;
        Assert.NotEqual(oldGate, gate);
        await h.OkAsync("PutApprovalResult", Harness.Approval("mobile-release", "Production", "ProdGate", gate));
        Assert.Equal("Succeeded", (string)Harness.Latest(await h.StateOfAsync("mobile-release"), "Production", "PublishToStores")!["status"]!);
        Assert.Equal("Succeeded", await ExecutionStatus(h, "mobile-release", newer));
    }

    [Fact]
    public async Task The_older_mobile_release_can_be_approved_in_Production_independently()
    {
        await using var h = await Harness.StartAsync();
        await h.OkAsync("PutApprovalResult", Harness.Approval("mobile-release", "Production", "ProdGate", "8d1e5f3a-2b4c-4d6e-9f8a-7b6c5d4e3f2a"));
        Assert.Equal("Succeeded", await ExecutionStatus(h, "mobile-release", "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"));
        // QA is still waiting for the newer execution.
        Assert.Equal("InProgress", (string)Harness.Latest(await h.StateOfAsync("mobile-release"), "QA", "QASignOff")!["status"]!);
    }

    [Fact]
    public async Task PARALLEL_approvals_take_the_externalExecutionId_and_each_execution_keeps_its_own()
    {
        await using var h = await Harness.StartAsync();
        const string first = "3b7e9d1f-5a2c-4e8b-a6d4-0f9e8d7c6b5a";
        var started = h.State.StartExecution("infra-parallel");
        var second = started.Tokens["Approval/ApplyApproval"];

        var latest = Harness.Latest(await h.StateOfAsync("infra-parallel"), "Approval", "ApplyApproval")!;
        Assert.Null(latest["token"]);
        Assert.Equal(second, (string)latest["externalExecutionId"]!);

        // Executions run side by side: the first one is not superseded and its approval still answers.
        Assert.Equal("InProgress", await ExecutionStatus(h, "infra-parallel", "f0a1b2c3-d4e5-4f6a-8b7c-9d0e1f2a3b4c"));
        await h.OkAsync("PutApprovalResult", Harness.Approval("infra-parallel", "Approval", "ApplyApproval", first));
        await h.OkAsync("PutApprovalResult", Harness.Approval("infra-parallel", "Approval", "ApplyApproval", second, "Rejected", "Plan destroys the database"));
        Assert.Equal("Succeeded", await ExecutionStatus(h, "infra-parallel", "f0a1b2c3-d4e5-4f6a-8b7c-9d0e1f2a3b4c"));
        Assert.Equal("Failed", await ExecutionStatus(h, "infra-parallel", started.PipelineExecutionId));
    }

    [Fact]
    public async Task Starting_an_execution_of_an_approval_free_pipeline_runs_it_to_success()
    {
        await using var h = await Harness.StartAsync();
        var started = h.State.StartExecution("nightly-batch");
        Assert.Empty(started.Tokens);
        Assert.Equal("Succeeded", await ExecutionStatus(h, "nightly-batch", started.PipelineExecutionId));
    }

    private static async Task<string> ExecutionStatus(Harness h, string pipeline, string id) =>
        (string)(await h.OkAsync("GetPipelineExecution", new { pipelineName = pipeline, pipelineExecutionId = id }))["pipelineExecution"]!["status"]!;
}
