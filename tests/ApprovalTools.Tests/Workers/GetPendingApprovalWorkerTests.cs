using System.Management.Automation;
using ApprovalTools.Commands;
using ApprovalTools.Engine;
using ApprovalTools.Tests.Emulator;
using Xunit;
using static ApprovalTools.Tests.Workers.WorkerRequests;

namespace ApprovalTools.Tests.Workers;

/// <summary>Get-PendingApproval's worker, run without PowerShell: requests by hand, a recording sink.</summary>
public sealed class GetPendingApprovalWorkerTests
{
    private static Task<RecordingSink> RunAsync(Harness emulator, params GetPendingApprovalRequest[] records) =>
        WorkerRequests.RunAsync(sink => new GetPendingApprovalWorker(sink), records,
            records.LastOrDefault() ?? new() { Aws = AwsFor(emulator) });

    private static GetPendingApprovalRequest Request(Harness emulator, params string[]? names) =>
        new() { Aws = AwsFor(emulator), PipelineName = names };

    [Fact]
    public async Task Streams_each_waiting_approval_of_the_pipelines_named_with_its_token()
    {
        await using var emulator = await Harness.StartAsync();
        var sink = await RunAsync(emulator, Request(emulator, "web-*"));

        Assert.Empty(sink.Errors);
        var found = sink.Of<PendingApproval>().OrderBy(a => a.PipelineName).ToList();
        Assert.Equal(new[] { "web-api", "web-frontend" }, found.Select(a => a.PipelineName));
        var open = emulator.State.OpenApprovals();
        foreach (var approval in found)
        {
            var waiting = Assert.Single(open, o => o.PipelineName == approval.PipelineName);
            Assert.Equal(waiting.Token, approval.Token);
            Assert.Equal(Region, approval.Region);
        }
        Assert.Single(Calls(emulator, "ListPipelines"));
        Assert.DoesNotContain(emulator.State.Calls(), c => c.Operation == "PutApprovalResult");
    }

    [Fact]
    public async Task A_malformed_wildcard_is_one_error_for_that_name_and_the_others_go_on()
    {
        await using var emulator = await Harness.StartAsync();
        var sink = await RunAsync(emulator, Request(emulator, "web-api["), Request(emulator, "web-frontend"));

        var error = Assert.Single(sink.Errors);
        Assert.StartsWith("InvalidWildcardPattern", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal("web-frontend", Assert.Single(sink.Of<PendingApproval>()).PipelineName);
        Assert.Empty(Calls(emulator, "ListPipelines"));
        Assert.DoesNotContain(emulator.State.Calls(), c => c.PipelineName == "web-api[");
    }

    [Fact]
    public async Task No_name_from_the_pipeline_reads_nothing_rather_than_the_whole_account()
    {
        await using var emulator = await Harness.StartAsync();
        // No record at all: PowerShell calls ProcessRecord only for input that came.
        var nothingCame = new GetPendingApprovalRequest { Aws = AwsFor(emulator), ExpectingInput = true };
        var sink = await WorkerRequests.RunAsync(s => new GetPendingApprovalWorker(s), [], nothingCame);

        Assert.Empty(sink.Objects);
        Assert.Empty(sink.Errors);
        Assert.Contains(sink.Verbose, v => v.Contains("No pipeline name came from the pipeline"));
        Assert.Empty(emulator.State.Calls());
    }

    [Fact]
    public async Task A_missing_pipeline_is_PipelineNotFound_naming_it()
    {
        await using var emulator = await Harness.StartAsync();
        var sink = await RunAsync(emulator, Request(emulator, "no-such-pipeline"));

        var error = Assert.Single(sink.Errors);
        Assert.StartsWith("PipelineNotFound", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("no-such-pipeline", error.TargetObject);
        Assert.Empty(sink.Objects);
    }

    [Fact]
    public async Task Only_runs_carrying_the_revision_are_returned()
    {
        await using var emulator = await Harness.StartAsync();
        var all = (await RunAsync(emulator, Request(emulator, "web-*"))).Of<PendingApproval>();
        var revision = all.Single(a => a.PipelineName == "web-api").Revisions[0].RevisionId!;

        var request = Request(emulator, "web-*");
        request.RevisionId = revision.Substring(0, 7);
        var sink = await RunAsync(emulator, request);

        Assert.Equal("web-api", Assert.Single(sink.Of<PendingApproval>()).PipelineName);
    }

    [Fact]
    public async Task A_long_scan_reports_progress_that_never_goes_back_a_record_per_report_ending_Completed()
    {
        await using var emulator = await Harness.StartAsync();
        emulator.State.Generate(40, 4, "progress-");
        var pipelines = emulator.State.PipelineCount;
        var request = Request(emulator, null);
        request.ThrottleLimit = 8;
        var sink = await RunAsync(emulator, request);

        Assert.Empty(sink.Errors);
        Assert.True(sink.Of<PendingApproval>().Count >= 4);
        var progress = sink.Progress;
        Assert.True(progress.Count > 1);
        Assert.Equal(progress.Count, progress.Distinct().Count());
        Assert.All(progress, p => Assert.Equal("Get-PendingApproval", p.Activity));
        var counts = progress.Select(p => int.Parse(p.StatusDescription.Split(' ')[0])).ToList();
        Assert.Equal(counts.OrderBy(c => c), counts);
        var last = progress[^1];
        Assert.Equal(ProgressRecordType.Completed, last.RecordType);
        Assert.Equal($"{pipelines} of {pipelines} pipelines scanned", last.StatusDescription);
        Assert.Single(progress, p => p.RecordType == ProgressRecordType.Completed);
    }
}
