using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ApprovalTools.Client;
using ApprovalTools.Commands;

namespace ApprovalTools.Engine;

/// <summary>What a fan-out's progress bar says: id, activity, description, and the verb for a pipeline done.</summary>
internal sealed class FanOutProgress(int id, string activity, string description, string done)
{
    public int Id { get; } = id;
    public string Activity { get; } = activity;
    public string Description { get; } = description;
    public string Done { get; } = done;
}

/// <summary>
/// One pass of Get-PendingApproval or Get-ApprovalHistory over the pipelines of one session: the literal names at
/// once, the rest as ListPipelines pages them, at most <c>throttleLimit</c> pipelines at a time. A failure is handed
/// to <c>fail</c> with the pipeline's name (null for the listing), and the others go on. Long passes show progress.
/// </summary>
internal sealed class PipelineFanOut(ICommandSink sink, PipelineNames names, int throttleLimit, FanOutProgress shown)
{
    private const int ProgressFrom = 20; // short passes finish before a progress bar helps
    private readonly object _counting = new();
    private int _done;
    private int _total;
    private bool _listing;

    /// <summary>Runs <paramref name="each"/> (a pipeline's name, its execution mode if listed) for each one.</summary>
    public async Task RunAsync(CodePipelineClient client, Func<string, string?, Task> each,
        Action<Exception, string?> fail, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(throttleLimit);
        var scans = new List<Task>();
        var seen = new HashSet<string>(names.Literal, StringComparer.Ordinal);
        (_done, _total, _listing) = (0, names.Literal.Count, names.ListAll);

        Task One(string pipeline, string? executionMode) => Task.Run(async () =>
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try { await each(pipeline, executionMode).ConfigureAwait(false); }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                fail(e, pipeline);
            }
            finally
            {
                gate.Release();
                Count(done: 1);
            }
        });

        foreach (var name in names.Literal) scans.Add(One(name, null));
        if (names.ListAll)
        {
            sink.WriteVerbose("ListPipelines (all pages)");
            try
            {
                await foreach (var summary in client.ListAllPipelinesAsync(null, ct).ConfigureAwait(false))
                {
                    var name = summary.Name ?? "";
                    if (names.Patterns.Count > 0 && !names.Patterns.Any(p => p.IsMatch(name))) continue;
                    if (!seen.Add(name)) continue;
                    Count(found: 1);
                    scans.Add(One(name, summary.ExecutionMode));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                fail(e, null);
            }
            lock (_counting) _listing = false;
        }
        await Task.WhenAll(scans).ConfigureAwait(false);
        Count(completed: true);
    }

    // Pipelines finish on many threads: the counts are read and reported under one lock, so a report never shows
    // fewer than the one before, and each report is a record of its own (a record already written is never changed).
    private void Count(int done = 0, int found = 0, bool completed = false)
    {
        lock (_counting)
        {
            (_done, _total) = (_done + done, _total + found);
            if (found > 0 || _total < ProgressFrom) return;
            sink.WriteProgress(new ProgressRecord(shown.Id, shown.Activity, shown.Description)
            {
                StatusDescription = $"{_done} of {_total}{(_listing ? "+" : "")} pipelines {shown.Done}",
                PercentComplete = _listing ? -1 : Math.Min(100, _done * 100 / Math.Max(1, _total)),
                RecordType = completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            });
        }
    }
}
