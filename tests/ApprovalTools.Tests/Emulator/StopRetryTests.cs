using System.Text.Json.Nodes;
using Xunit;
using static ApprovalTools.Tests.Emulator.LifecycleSteps;

namespace ApprovalTools.Tests.Emulator;

/// <summary>StopPipelineExecution, RetryStageExecution, UpdatePipeline and ListPipelineExecutions.</summary>
public sealed class StopRetryTests
{
    private static object Stop(string id, bool abandon) =>
        new { pipelineName = "web-api", pipelineExecutionId = id, abandon, reason = "Bad build" };

    [Fact]
    public async Task Stop_with_abandon_abandons_the_approval_refuses_its_token_and_unlocks_the_stage()
    {
        await using var h = await Harness.StartAsync();
        var waiting = (string)(await h.StartAsync("web-api"))["pipelineExecutionId"]!;
        var stopped = await h.OkAsync("StopPipelineExecution", Stop(WebApiExecution, true));
        Assert.Equal(WebApiExecution, (string)stopped["pipelineExecutionId"]!);

        Assert.Equal("Stopped", await h.StatusAsync("web-api", WebApiExecution));
        var old = (await h.ActionRunsAsync("web-api", "ReleaseApproval")).Single(r => (string)r["pipelineExecutionId"]! == WebApiExecution);
        Assert.Equal("Abandoned", (string)old["status"]!);
        await h.ErrorAsync("PutApprovalResult", WebApiAnswer(WebApiToken), "InvalidApprovalTokenException");
        var state = await h.StateOfAsync("web-api");
        Assert.Equal(waiting, (string)Harness.StageState(state, "Approval")["latestExecution"]!["pipelineExecutionId"]!);
        await h.ErrorAsync("StopPipelineExecution", Stop(WebApiExecution, true), "PipelineExecutionNotStoppableException");

        var summaries = (await h.OkAsync("ListPipelineExecutions", new { pipelineName = "web-api" }))["pipelineExecutionSummaries"]!.AsArray();
        var summary = summaries.Single(s => (string)s!["pipelineExecutionId"]! == WebApiExecution)!;
        Assert.Equal(("Stopped", "Bad build"), ((string)summary["status"]!, (string)summary["stopTrigger"]!["reason"]!));
    }

    [Fact]
    public async Task Stop_without_abandon_is_Stopping_until_the_approval_is_answered_or_per_setting_abandons_it()
    {
        await using var h = await Harness.StartAsync();
        await h.OkAsync("StopPipelineExecution", Stop(WebApiExecution, false));
        Assert.Equal("Stopping", await h.StatusAsync("web-api", WebApiExecution));
        Assert.Equal("Stopping", (string)Harness.StageState(await h.StateOfAsync("web-api"), "Approval")["latestExecution"]!["status"]!);
        await h.ErrorAsync("StopPipelineExecution", Stop(WebApiExecution, false), "DuplicatedStopRequestException");
        await h.OkAsync("PutApprovalResult", WebApiAnswer(WebApiToken));
        Assert.Equal("Stopped", await h.StatusAsync("web-api", WebApiExecution));
        // Stopped: it does not go on to Production.
        var production = Harness.StageState(await h.StateOfAsync("web-api"), "Production")["latestExecution"]!;
        Assert.NotEqual(WebApiExecution, (string)production["pipelineExecutionId"]!);

        await h.ControlJsonAsync(HttpMethod.Post, "/_emulator/reset");
        await h.SettingsAsync(new { stopWithoutAbandon = "abandonApproval" });
        await h.OkAsync("StopPipelineExecution", Stop(WebApiExecution, false));
        Assert.Equal("Stopped", await h.StatusAsync("web-api", WebApiExecution));
        await h.ErrorAsync("PutApprovalResult", WebApiAnswer(WebApiToken), "InvalidApprovalTokenException");
    }

    [Fact]
    public async Task Retrying_a_rejected_approval_gives_a_new_token_in_the_same_execution()
    {
        await using var h = await Harness.StartAsync();
        var retry = new { pipelineName = "web-api", stageName = "Approval", pipelineExecutionId = WebApiExecution, retryMode = "FAILED_ACTIONS" };
        await h.ErrorAsync("RetryStageExecution", retry, "StageNotRetryableException");
        await h.OkAsync("PutApprovalResult", WebApiAnswer(WebApiToken, "Rejected", "Not yet"));

        var answer = await h.OkAsync("RetryStageExecution", retry);
        Assert.Equal(WebApiExecution, (string)answer["pipelineExecutionId"]!);
        Assert.Equal("InProgress", await h.StatusAsync("web-api", WebApiExecution));
        var latest = Harness.Latest(await h.StateOfAsync("web-api"), "Approval", "ReleaseApproval")!;
        var token = (string)latest["token"]!;
        Assert.NotEqual(WebApiToken, token);
        var runs = await h.ActionRunsAsync("web-api", "ReleaseApproval");
        Assert.Equal(new[] { token, WebApiToken }, runs.Take(2).Select(r => (string)r["output"]!["executionResult"]!["externalExecutionId"]!));
        await h.ErrorAsync("PutApprovalResult", WebApiAnswer(WebApiToken), "ApprovalAlreadyCompletedException");
        await h.OkAsync("PutApprovalResult", WebApiAnswer(token));
        Assert.Equal("Succeeded", await h.StatusAsync("web-api", WebApiExecution));
    }

    [Fact]
    public async Task Only_the_latest_execution_in_the_failed_stage_can_be_retried()
    {
        await using var h = await Harness.StartAsync();
        await h.StartAsync("web-api");
        await h.OkAsync("PutApprovalResult", WebApiAnswer(WebApiToken, "Rejected", "Not yet"));
        await h.ErrorAsync("RetryStageExecution", new { pipelineName = "web-api", stageName = "Approval", pipelineExecutionId = WebApiExecution, retryMode = "ALL_ACTIONS" },
            "NotLatestPipelineExecutionException");
        await h.ErrorAsync("RetryStageExecution", new { pipelineName = "web-api", stageName = "Nope", pipelineExecutionId = WebApiExecution, retryMode = "ALL_ACTIONS" },
            "StageNotFoundException");
        await h.ErrorAsync("RetryStageExecution", new { pipelineName = "web-api", stageName = "Approval", pipelineExecutionId = WebApiExecution, retryMode = "SOME" },
            "ValidationException");
    }

    [Fact]
    public async Task UpdatePipeline_makes_a_new_version_and_the_waiting_run_keeps_its_own()
    {
        await using var h = await Harness.StartAsync();
        var declaration = (await h.OkAsync("GetPipeline", new { name = "web-api" }))["pipeline"]!.DeepClone();
        var version = (int)declaration["version"]!;
        var updated = await h.OkAsync("UpdatePipeline", new { pipeline = declaration });
        Assert.Equal(version + 1, (int)updated["pipeline"]!["version"]!);
        Assert.Equal(version + 1, (int)(await h.StateOfAsync("web-api"))["pipelineVersion"]!);
        Assert.Equal(version, (int)(await h.OkAsync("GetPipeline", new { name = "web-api", version }))["pipeline"]!["version"]!);
        var execution = await h.OkAsync("GetPipelineExecution", new { pipelineName = "web-api", pipelineExecutionId = WebApiExecution });
        Assert.Equal(version, (int)execution["pipelineExecution"]!["pipelineVersion"]!);
        await h.OkAsync("PutApprovalResult", WebApiAnswer(WebApiToken));

        await h.ControlJsonAsync(HttpMethod.Post, "/_emulator/reset");
        await h.SettingsAsync(new { updateInFlight = "cancel" });
        await h.ControlJsonAsync(HttpMethod.Post, "/_emulator/pipelines/web-api/update");
        Assert.Equal("Cancelled", await h.StatusAsync("web-api", WebApiExecution));
        await h.ErrorAsync("PutApprovalResult", WebApiAnswer(WebApiToken), "InvalidApprovalTokenException");
        await h.ErrorAsync("GetPipeline", new { name = "web-api", version = 99 }, "PipelineVersionNotFoundException");
    }

    [Fact]
    public async Task ListPipelineExecutions_lists_newest_first_in_pages()
    {
        await using var h = await Harness.StartAsync();
        var started = (string)(await h.StartAsync("web-api"))["pipelineExecutionId"]!;
        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await h.OkAsync("ListPipelineExecutions", token is null ? new { pipelineName = "web-api", maxResults = 2 } : new { pipelineName = "web-api", maxResults = 2, nextToken = token });
            ids.AddRange(page["pipelineExecutionSummaries"]!.AsArray().Select(s => (string)s!["pipelineExecutionId"]!));
            token = (string?)page["nextToken"];
        } while (token is not null);
        Assert.Equal(new[] { started, WebApiExecution, "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60", "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e50" }, ids);
        await h.ErrorAsync("ListPipelineExecutions", new { pipelineName = "web-api", nextToken = "bogus" }, "InvalidNextTokenException");
    }
}
