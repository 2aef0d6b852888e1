using Xunit;

namespace ApprovalTools.Tests.Emulator;

/// <summary>ListActionExecutions: how a PARALLEL pipeline's waiting runs are found and their tokens read.</summary>
public sealed class ListActionExecutionsTests
{
    [Fact]
    public async Task Lists_each_waiting_parallel_run_with_its_token_as_externalExecutionId()
    {
        await using var h = await Harness.StartAsync();
        var second = h.State.StartExecution("infra-parallel");
        var result = await h.OkAsync("ListActionExecutions", new { pipelineName = "infra-parallel" });
        var waiting = result["actionExecutionDetails"]!.AsArray()
            .Where(d => (string)d!["actionName"]! == "ApplyApproval" && (string)d["status"]! == "InProgress")
            .ToList();

        Assert.Equal(2, waiting.Count);
        var tokens = waiting.Select(d => (string)d!["output"]!["executionResult"]!["externalExecutionId"]!).ToHashSet();
        Assert.Contains("3b7e9d1f-5a2c-4e8b-a6d4-0f9e8d7c6b5a", tokens);
        Assert.Contains(second.Tokens["Approval/ApplyApproval"], tokens);
        // Newest first.
        Assert.Equal(second.PipelineExecutionId, (string)waiting[0]!["pipelineExecutionId"]!);
        var times = result["actionExecutionDetails"]!.AsArray().Select(d => Harness.Epoch(d!["startTime"]!)).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
    }

    [Fact]
    public async Task Filters_by_execution_and_pages_with_tokens()
    {
        await using var h = await Harness.StartAsync();
        var all = await h.OkAsync("ListActionExecutions", new { pipelineName = "web-api" });
        var count = all["actionExecutionDetails"]!.AsArray().Count;
        Assert.True(count > 3);

        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await h.OkAsync("ListActionExecutions", token is null ? new { pipelineName = "web-api", maxResults = 2 } : new { pipelineName = "web-api", maxResults = 2, nextToken = token });
            ids.AddRange(page["actionExecutionDetails"]!.AsArray().Select(d => (string)d!["actionExecutionId"]!));
            token = page["nextToken"]?.GetValue<string>();
        } while (token is not null);
        Assert.Equal(count, ids.Distinct().Count());

        var one = await h.OkAsync("ListActionExecutions", new { pipelineName = "web-api", filter = new { pipelineExecutionId = "7e2f4a6c-1b3d-4e5f-8a9b-0c1d2e3f4a5b" } });
        Assert.All(one["actionExecutionDetails"]!.AsArray(), d => Assert.Equal("7e2f4a6c-1b3d-4e5f-8a9b-0c1d2e3f4a5b", (string)d!["pipelineExecutionId"]!));
        // In every mode an approval's externalExecutionId is its token.
        var approval = one["actionExecutionDetails"]!.AsArray().Single(d => (string)d!["actionName"]! == "ReleaseApproval");
        Assert.Equal("c4d5e6f7-0a1b-4c2d-8e3f-5a6b7c8d9e0f", (string)approval!["output"]!["executionResult"]!["externalExecutionId"]!);
    }

    [Fact]
    public async Task Refuses_unknown_pipelines_executions_and_tokens()
    {
        await using var h = await Harness.StartAsync();
        await h.ErrorAsync("ListActionExecutions", new { pipelineName = "nope" }, "PipelineNotFoundException");
        await h.ErrorAsync("ListActionExecutions", new { pipelineName = "web-api", filter = new { pipelineExecutionId = "00000000-0000-0000-0000-000000000000" } }, "PipelineExecutionNotFoundException");
        await h.ErrorAsync("ListActionExecutions", new { pipelineName = "web-api", nextToken = "made-up" }, "InvalidNextTokenException");
    }
}
