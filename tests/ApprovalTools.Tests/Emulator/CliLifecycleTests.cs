using ApprovalTools.Emulator;
using Xunit;
using static ApprovalTools.Tests.Emulator.LifecycleSteps;

namespace ApprovalTools.Tests.Emulator;

/// <summary>The AWS CLI drives the lifecycle: answers, stops, retries, and reads what it leaves.</summary>
[Collection(CliCollection.Name)]
public sealed class CliLifecycleTests
{
    [Fact]
    public async Task Cli_answers_stops_and_retries_and_sees_inbound_runs_updatedBy_and_the_stored_summary()
    {
        await using var h = await Harness.StartAsync();
        var (url, secret) = (h.Server.Url, EmulatorOptions.DefaultSecretAccessKey);
        async Task<AwsCli.Result> Aws(params string[] args)
        {
            var r = await AwsCli.RunAsync(url, secret, args);
            Assert.True(r.ExitCode == 0, $"aws {string.Join(' ', args)} exited {r.ExitCode}: {r.StdErr}");
            return r;
        }
        var waiting = (string)(await h.StartAsync("web-api"))["pipelineExecutionId"]!;

        var state = await Aws("get-pipeline-state", "--name", "web-api");
        var approval = Harness.StageState(state.Json, "Approval");
        Assert.Equal(waiting, (string)approval["inboundExecution"]!["pipelineExecutionId"]!);

        // The run waiting in front is stopped (or it would enter on the rejection and the retry would be refused).
        await Aws("stop-pipeline-execution", "--pipeline-name", "web-api", "--pipeline-execution-id", waiting, "--abandon");
        Assert.Equal("Stopped", await h.StatusAsync("web-api", waiting));
        // Reject (empty summary) the run inside, retry the stage, approve the new run with no summary.
        await Aws("put-approval-result", "--pipeline-name", "web-api", "--stage-name", "Approval", "--action-name", "ReleaseApproval",
            "--result", "summary=,status=Rejected", "--token", WebApiToken);
        var retried = await Aws("retry-stage-execution", "--pipeline-name", "web-api", "--stage-name", "Approval",
            "--pipeline-execution-id", WebApiExecution, "--retry-mode", "FAILED_ACTIONS");
        Assert.Equal(WebApiExecution, (string)retried.Json["pipelineExecutionId"]!);
        var token = (string)Harness.Latest((await Aws("get-pipeline-state", "--name", "web-api")).Json, "Approval", "ReleaseApproval")!["token"]!;
        Assert.NotEqual(WebApiToken, token);
        await Aws("put-approval-result", "--pipeline-name", "web-api", "--stage-name", "Approval", "--action-name", "ReleaseApproval",
            "--result", "summary=,status=Approved", "--token", token);

        var runs = (await Aws("list-action-executions", "--pipeline-name", "web-api", "--filter", $"pipelineExecutionId={WebApiExecution}"))
            .Json["actionExecutionDetails"]!.AsArray().Where(d => (string)d!["actionName"]! == "ReleaseApproval").ToList();
        const string arn = "arn:aws:iam::123456789012:user/approvaltools-local";
        Assert.Equal(new[] { "Approved by " + arn, "Rejected by " + arn },
            runs.Select(r => (string)r!["output"]!["executionResult"]!["externalExecutionSummary"]!));
        Assert.All(runs, r => Assert.Equal(arn, (string)r!["updatedBy"]!));

        // Stop with abandon a new run waiting at the approval: its token is refused.
        var next = await h.StartAsync("web-api");
        var nextId = (string)next["pipelineExecutionId"]!;
        await Aws("stop-pipeline-execution", "--pipeline-name", "web-api", "--pipeline-execution-id", nextId, "--abandon", "--reason", "Wrong branch");
        Assert.Equal("Stopped", await h.StatusAsync("web-api", nextId));
        var refused = await AwsCli.RunAsync(url, secret, "put-approval-result", "--pipeline-name", "web-api", "--stage-name", "Approval",
            "--action-name", "ReleaseApproval", "--result", "summary=x,status=Approved", "--token", (string)next["tokens"]!["Approval/ReleaseApproval"]!);
        Assert.Contains("(InvalidApprovalTokenException)", refused.StdErr);
    }
}
