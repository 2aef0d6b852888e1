using Xunit;
using static ApprovalTools.Tests.Emulator.LifecycleSteps;

namespace ApprovalTools.Tests.Emulator;

/// <summary>Approvals expire timeoutInMinutes (else 7 days) after they started waiting, on the emulator's clock.</summary>
public sealed class TimeoutTests
{
    [Fact]
    public async Task The_web_api_approval_expires_after_121_minutes_and_the_waiting_run_enters()
    {
        await using var h = await Harness.StartAsync();
        var waiting = (string)(await h.StartAsync("web-api"))["pipelineExecutionId"]!;
        var expiresAt = Assert.Single(h.State.OpenApprovals(), a => a.PipelineName == "web-api").ExpiresAt;
        var pending = await h.ControlJsonAsync(HttpMethod.Get, "/_emulator/pending");
        Assert.NotNull(pending.AsArray().Single(p => (string)p!["token"]! == WebApiToken)!["expiresAt"]);

        var before = DateTimeOffset.UtcNow;
        var moved = await h.AdvanceAsync(121);
        Assert.True(DateTimeOffset.Parse((string)moved["now"]!) >= before.AddMinutes(121));

        var state = await h.StateOfAsync("web-api");
        Assert.Equal("Failed", await h.StatusAsync("web-api", WebApiExecution));
        var old = (await h.ActionRunsAsync("web-api", "ReleaseApproval")).Single(r => (string)r["pipelineExecutionId"]! == WebApiExecution);
        Assert.Equal("Failed", (string)old["status"]!);
        Assert.Equal(expiresAt, Harness.Epoch(old["lastUpdateTime"]!), TimeSpan.FromMilliseconds(2));
        Assert.Equal(waiting, (string)Harness.StageState(state, "Approval")["latestExecution"]!["pipelineExecutionId"]!);
        var latest = Harness.Latest(state, "Approval", "ReleaseApproval")!;
        Assert.NotEqual(WebApiToken, (string)latest["token"]!);
        await h.ErrorAsync("PutApprovalResult", WebApiAnswer(WebApiToken), "InvalidApprovalTokenException");
    }

    [Fact]
    public async Task Before_its_deadline_the_approval_still_answers_and_the_failure_shows_the_timeout()
    {
        await using var h = await Harness.StartAsync();
        await h.AdvanceAsync(5);
        Assert.Equal("InProgress", await h.StatusAsync("web-api", WebApiExecution));
        await h.ControlJsonAsync(HttpMethod.Post, "/_emulator/clock", new { advanceSeconds = 7200 });
        var latest = Harness.Latest(await h.StateOfAsync("web-api"), "Approval", "ReleaseApproval")!;
        Assert.Equal(("Failed", "JobFailed"), ((string)latest["status"]!, (string)latest["errorDetails"]!["code"]!));
        Assert.Null(latest["token"]);
        Assert.Contains("timed out", (string)latest["errorDetails"]!["message"]!);
    }

    [Fact]
    public async Task Without_timeoutInMinutes_an_approval_waits_seven_days_and_reset_rewinds_the_clock()
    {
        await using var h = await Harness.StartAsync();
        await h.AdvanceAsync(7 * 24 * 60 - 200);
        await h.OkAsync("GetPipelineState", new { name = "web-frontend" });
        Assert.Equal("InProgress", await h.StatusAsync("web-frontend", FrontendExecution));
        await h.AdvanceAsync(200);
        Assert.Equal("Failed", await h.StatusAsync("web-frontend", FrontendExecution));

        await h.ControlJsonAsync(HttpMethod.Post, "/_emulator/reset");
        var now = DateTimeOffset.Parse((string)(await h.ControlJsonAsync(HttpMethod.Get, "/_emulator/clock"))["now"]!);
        Assert.InRange(now, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal("InProgress", await h.StatusAsync("web-frontend", FrontendExecution));
    }

    [Fact]
    public async Task A_control_update_sets_the_timeout_of_runs_that_start_after_it()
    {
        await using var h = await Harness.StartAsync();
        await h.OkAsync("PutApprovalResult", Harness.Approval("web-frontend", "Approval", "ManualApproval", FrontendToken));
        await h.ControlJsonAsync(HttpMethod.Post, "/_emulator/pipelines/web-frontend/update", new { timeoutInMinutes = 10 });
        var id = (string)(await h.StartAsync("web-frontend"))["pipelineExecutionId"]!;
        await h.AdvanceAsync(11);
        Assert.Equal("Failed", await h.StatusAsync("web-frontend", id));
    }
}
