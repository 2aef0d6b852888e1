using System.Management.Automation;
using ApprovalTools.Commands;
using ApprovalTools.Engine;
using ApprovalTools.Tests.Emulator;
using Xunit;
using static ApprovalTools.Tests.Workers.WorkerRequests;

namespace ApprovalTools.Tests.Workers;

/// <summary>Get-ApprovalHistory's worker, run without PowerShell, on the fan-out Get-PendingApproval uses.</summary>
public sealed class GetApprovalHistoryWorkerTests
{
    private static Task<RecordingSink> RunAsync(GetApprovalHistoryRequest request) =>
        WorkerRequests.RunAsync(sink => new GetApprovalHistoryWorker(sink), new[] { request }, request);

    [Fact]
    public async Task An_answer_given_is_one_record_with_its_outcome_and_summary()
    {
        await using var emulator = await Harness.StartAsync();
        var waiting = Assert.Single(emulator.State.OpenApprovals(), o => o.PipelineName == "web-api");
        await emulator.OkAsync("PutApprovalResult", Harness.Approval(waiting.PipelineName, waiting.StageName,
            waiting.ActionName, waiting.Token, "Rejected", "Not this week"));

        var sink = await RunAsync(new GetApprovalHistoryRequest
        {
            Aws = AwsFor(emulator), PipelineName = new[] { "web-api" }, Status = new[] { "Rejected" },
        });

        Assert.Empty(sink.Errors);
        var record = Assert.Single(sink.Of<ApprovalRecord>());
        Assert.Equal(waiting.PipelineExecutionId, record.PipelineExecutionId);
        Assert.Equal("Rejected", record.Status);
        Assert.Equal("Not this week", record.Summary);
        Assert.Equal(Region, record.Region);
        Assert.NotEmpty(Calls(emulator, "ListActionExecutions"));
        Assert.Empty(Calls(emulator, "ListPipelines"));
    }

    [Fact]
    public async Task An_execution_no_pipeline_has_is_PipelineExecutionNotFound()
    {
        await using var emulator = await Harness.StartAsync();
        var id = "00000000-0000-0000-0000-000000000000";
        var sink = await RunAsync(new GetApprovalHistoryRequest
        {
            Aws = AwsFor(emulator), PipelineName = new[] { "web-api" }, PipelineExecutionId = id,
        });

        var error = Assert.Single(sink.Errors);
        Assert.StartsWith("PipelineExecutionNotFound", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(id, error.TargetObject);
    }

    [Fact]
    public async Task A_malformed_AnsweredBy_is_one_error_and_nothing_is_read()
    {
        await using var emulator = await Harness.StartAsync();
        var sink = await RunAsync(new GetApprovalHistoryRequest
        {
            Aws = AwsFor(emulator), AnsweredBy = new[] { "ops[" },
        });

        Assert.StartsWith("InvalidWildcardPattern", Assert.Single(sink.Errors).FullyQualifiedErrorId);
        Assert.Empty(emulator.State.Calls());
    }

    [Fact]
    public async Task A_long_read_reports_progress_of_its_own_activity_ending_Completed()
    {
        await using var emulator = await Harness.StartAsync();
        emulator.State.Generate(30, 0, "history-");
        var pipelines = emulator.State.PipelineCount;
        var sink = await RunAsync(new GetApprovalHistoryRequest { Aws = AwsFor(emulator), ThrottleLimit = 4 });

        var progress = sink.Progress;
        Assert.True(progress.Count > 1);
        Assert.All(progress, p => Assert.Equal(2, p.ActivityId));
        Assert.All(progress, p => Assert.Equal("Get-ApprovalHistory", p.Activity));
        var counts = progress.Select(p => int.Parse(p.StatusDescription.Split(' ')[0])).ToList();
        Assert.Equal(counts.OrderBy(c => c), counts);
        Assert.Equal(ProgressRecordType.Completed, progress[^1].RecordType);
        Assert.Equal($"{pipelines} of {pipelines} pipelines read", progress[^1].StatusDescription);
        Assert.Equal(pipelines, Calls(emulator, "ListActionExecutions").Select(c => c.PipelineName).Distinct().Count());
    }
}
