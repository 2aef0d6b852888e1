using System.Text.Json.Nodes;
using Xunit;
using static ApprovalTools.Tests.Emulator.LifecycleSteps;

namespace ApprovalTools.Tests.Emulator;

/// <summary>Stage locks ("How pipeline executions are processed"): SUPERSEDED, QUEUED and PARALLEL.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task SUPERSEDED_one_run_waits_in_front_a_newer_one_supersedes_it_never_the_run_inside()
    {
        await using var h = await Harness.StartAsync();
        var second = (string)(await h.StartAsync("web-api"))["pipelineExecutionId"]!;
        var third = await h.StartAsync("web-api");
        var thirdId = (string)third["pipelineExecutionId"]!;
        Assert.Empty(third["tokens"]!.AsObject());
        Assert.Equal("Approval", (string)third["inboundOf"]!);

        var state = await h.StateOfAsync("web-api");
        var stage = Harness.StageState(state, "Approval");
        Assert.Equal(thirdId, (string)stage["inboundExecution"]!["pipelineExecutionId"]!);
        Assert.Equal("InProgress", (string)stage["inboundExecution"]!["status"]!);
        Assert.Null(stage["inboundExecutions"]);
        Assert.Equal(WebApiToken, (string)Harness.Latest(state, "Approval", "ReleaseApproval")!["token"]!);
        Assert.Equal("Superseded", await h.StatusAsync("web-api", second));
        Assert.Equal("InProgress", await h.StatusAsync("web-api", thirdId));
        Assert.Equal("InProgress", await h.StatusAsync("web-api", WebApiExecution));
        // /pending lists the approval inside the stage only.
        Assert.Equal(WebApiToken, Assert.Single(h.State.OpenApprovals(), a => a.PipelineName == "web-api").Token);

        await h.OkAsync("PutApprovalResult", WebApiAnswer(WebApiToken));
        var after = await h.StateOfAsync("web-api");
        Assert.Equal(thirdId, (string)Harness.StageState(after, "Approval")["latestExecution"]!["pipelineExecutionId"]!);
        Assert.NotEqual(WebApiToken, (string)Harness.Latest(after, "Approval", "ReleaseApproval")!["token"]!);
    }

    [Fact]
    public async Task QUEUED_every_run_waits_in_order_and_enters_when_the_stage_unlocks()
    {
        await using var h = await Harness.StartAsync();
        await h.ControlJsonAsync(HttpMethod.Post, "/_emulator/pipelines/web-api/update", new { executionMode = "QUEUED" });
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add((string)(await h.StartAsync("web-api"))["pipelineExecutionId"]!);

        var stage = Harness.StageState(await h.StateOfAsync("web-api"), "Approval");
        Assert.Equal(ids, stage["inboundExecutions"]!.AsArray().Select(e => (string)e!["pipelineExecutionId"]!));
        Assert.Equal(ids[0], (string)stage["inboundExecution"]!["pipelineExecutionId"]!);
        foreach (var id in ids) Assert.Equal("InProgress", await h.StatusAsync("web-api", id));

        await h.OkAsync("PutApprovalResult", WebApiAnswer(WebApiToken, "Rejected", "No"));
        var after = Harness.StageState(await h.StateOfAsync("web-api"), "Approval");
        Assert.Equal(ids[0], (string)after["latestExecution"]!["pipelineExecutionId"]!);
        Assert.Equal(ids[1..], after["inboundExecutions"]!.AsArray().Select(e => (string)e!["pipelineExecutionId"]!));

        await h.SettingsAsync(new { queuedInbound = "listOnly" });
        Assert.Null(Harness.StageState(await h.StateOfAsync("web-api"), "Approval")["inboundExecution"]);
    }

    [Fact]
    public async Task PARALLEL_runs_are_independent_and_nothing_waits_in_front()
    {
        await using var h = await Harness.StartAsync();
        var started = await h.StartAsync("infra-parallel");
        Assert.Single(started["tokens"]!.AsObject());
        Assert.Null((string?)started["inboundOf"]);
        Assert.Null(Harness.StageState(await h.StateOfAsync("infra-parallel"), "Approval")["inboundExecution"]);
        Assert.Equal(2, h.State.OpenApprovals().Count(a => a.PipelineName == "infra-parallel"));
    }

    [Fact]
    public async Task Answers_carry_the_caller_ARN_a_rejection_JobFailed_and_the_summary_Approved_by()
    {
        await using var h = await Harness.StartAsync();
        await h.OkAsync("PutApprovalResult", Harness.Approval("web-frontend", "Approval", "ManualApproval", FrontendToken, summary: ""));
        var latest = Harness.Latest(await h.StateOfAsync("web-frontend"), "Approval", "ManualApproval")!;
        const string arn = "arn:aws:iam::123456789012:user/approvaltools-local";
        Assert.Equal(("Approved by " + arn, arn), ((string)latest["summary"]!, (string)latest["lastUpdatedBy"]!));
        Assert.Equal(FrontendToken, (string)latest["externalExecutionId"]!);

        await h.OkAsync("PutApprovalResult", WebApiAnswer(WebApiToken, "Rejected", "Broken on staging"));
        var rejected = Harness.Latest(await h.StateOfAsync("web-api"), "Approval", "ReleaseApproval")!;
        Assert.Equal("JobFailed", (string)rejected["errorDetails"]!["code"]!);
        Assert.Equal("Broken on staging", (string)rejected["errorDetails"]!["message"]!);
        var row = (await h.ActionRunsAsync("web-api", "ReleaseApproval"))[0];
        Assert.Equal((arn, WebApiToken), ((string)row["updatedBy"]!, (string)row["output"]!["executionResult"]!["externalExecutionId"]!));
    }
}
