using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using ApprovalTools.Aws;
using ApprovalTools.Client;
using ApprovalTools.Commands;

namespace ApprovalTools.Engine;

/// <summary>
/// Get-ApprovalHistory: collects the names piped in, then reads the action history of each pipeline in each region
/// and profile side by side (at most -ThrottleLimit pipelines at once), streaming one ApprovalRecord per decision.
/// With -Wait, reads again until the execution's approval is decided.
/// </summary>
internal sealed class GetApprovalHistoryWorker(ICommandSink sink)
    : PipelineScanWorker<GetApprovalHistoryRequest>(sink)
{
    private static readonly FanOutProgress Shown = new(2, "Get-ApprovalHistory", "Reading approval history", "read");
    private readonly ConcurrentDictionary<string, byte> _emitted = new(StringComparer.Ordinal);
    private int _executionFound;
    private int _executionMissing;
    private int _waiting;

    public override Task ProcessRecordAsync(GetApprovalHistoryRequest request)
    {
        Names.Add(request.PipelineName, Sink);
        return Task.CompletedTask;
    }

    public override async Task EndProcessingAsync(GetApprovalHistoryRequest request)
    {
        var filters = new[] { (request.StageName, "-StageName"), (request.ActionName, "-ActionName") }
            .Concat((request.AnsweredBy ?? Array.Empty<string>()).Select(p => ((string?)p, "-AnsweredBy")));
        var sessions = Start(request.ExpectingInput, request.Aws, filters.ToArray());
        if (sessions.Count == 0) return;

        var clock = Stopwatch.StartNew();
        while (true)
        {
            _waiting = 0;
            var filter = new HistoryFilter(request);
            var found = (await Task.WhenAll(sessions.Select(s => ScanAsync(request, filter, s))).ConfigureAwait(false))
                .Sum();
            if (request.PipelineExecutionId is { } id && _executionFound == 0 && _executionMissing > 0)
            {
                Sink.WriteError(ErrorMapping.Create("PipelineExecutionNotFound", ErrorCategory.ObjectNotFound,
                    $"No pipeline read has an execution {id}.", id));
                return;
            }
            if (!request.Wait || (_emitted.Count > 0 && _waiting == 0)) return;
            var left = TimeSpan.FromSeconds(request.Timeout) - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                Sink.WriteError(ErrorMapping.Create("WaitTimeout", ErrorCategory.OperationTimeout,
                    $"The approval of execution {request.PipelineExecutionId} was not decided within "
                    + $"{request.Timeout} seconds.", request.PipelineExecutionId));
                return;
            }
            var pause = TimeSpan.FromSeconds(Math.Min(request.PollInterval, left.TotalSeconds));
            Sink.WriteVerbose($"{found} new decisions, {_waiting} approvals still waiting; looking again in "
                + $"{pause.TotalSeconds:0} s.");
            await Task.Delay(pause, Sink.CancelToken).ConfigureAwait(false);
        }
    }

    /// <summary>One pass over the pipelines of one session; returns how many records it emitted.</summary>
    private async Task<int> ScanAsync(GetApprovalHistoryRequest request, HistoryFilter filter, ResolvedSession session)
    {
        var resolver = new ApprovalResolver(session, Sink.WriteVerbose);
        var ct = Sink.CancelToken;
        var emitted = 0;
        var denied = 0;

        async Task Read(string pipeline, string? executionMode)
        {
            if (Volatile.Read(ref denied) != 0) return; // the permission is missing for the whole account
            try
            {
                await foreach (var run in resolver.ApprovalRunsAsync(pipeline, request.PipelineExecutionId,
                                   filter.Since, ct).ConfigureAwait(false))
                {
                    if (await ToRecordAsync(resolver, session, filter, pipeline, run, ct).ConfigureAwait(false)
                        is not { } record) continue;
                    Interlocked.Increment(ref emitted);
                    Sink.WriteObject(record);
                }
                Interlocked.Exchange(ref _executionFound, 1);
            }
            catch (PipelineExecutionNotFoundException) when (request.PipelineExecutionId is not null)
            {
                Interlocked.Increment(ref _executionMissing);
                Sink.WriteVerbose($"Pipeline {pipeline} has no execution {request.PipelineExecutionId}.");
            }
            catch (AmazonServiceException e) when (ApprovalResolver.IsAccessDenied(e))
            {
                // One error per account and region: every pipeline there would say the same.
                if (Interlocked.Exchange(ref denied, 1) == 0) Sink.WriteError(Denied(e, session));
            }
        }

        await new PipelineFanOut(Sink, Names, request.ThrottleLimit, Shown).RunAsync(session.Client, Read,
            (e, pipeline) => Sink.WriteError(ErrorMapping.ToErrorRecord(e, pipeline)), ct).ConfigureAwait(false);
        return emitted;
    }

    private async Task<ApprovalRecord?> ToRecordAsync(ApprovalResolver resolver, ResolvedSession session,
        HistoryFilter filter, string pipeline, ActionExecutionDetail run, CancellationToken ct)
    {
        if (!filter.Place(run.StageName, run.ActionName)) return null;
        if (run.Status is "InProgress" or "Stopping")
        {
            Interlocked.Increment(ref _waiting);
            return null;
        }
        if (!filter.When(run.LastUpdateTime)) return null;
        var status = await resolver.DecisionAsync(pipeline, run, ct).ConfigureAwait(false);
        if (status is null || !filter.Outcome(status)) return null;
        var by = status is "Approved" or "Rejected" ? run.UpdatedBy : null;
        if (!filter.Who(by)) return null;
        // A run is reported once, also when -Wait reads the history again.
        if (!_emitted.TryAdd($"{session.Region}|{session.ProfileName}|{pipeline}|{run.ActionExecutionId}", 0))
            return null;
        var revisions = await resolver.ExecutionRevisionsAsync(pipeline, run.PipelineExecutionId, ct)
            .ConfigureAwait(false);
        return new ApprovalRecord
        {
            PipelineName = pipeline,
            StageName = run.StageName ?? "",
            ActionName = run.ActionName ?? "",
            PipelineExecutionId = run.PipelineExecutionId,
            ActionExecutionId = run.ActionExecutionId,
            Status = status,
            Summary = run.Output?.ExecutionResult?.ExternalExecutionSummary,
            AnsweredBy = by,
            RequestedAt = run.StartTime,
            AnsweredAt = run.LastUpdateTime,
            Revisions = revisions.Length == 0 ? null : string.Join("; ", revisions.Select(r => r.ToString())),
            RevisionSummary = revisions.FirstOrDefault()?.Summary,
            Region = session.Region,
            ProfileName = session.ProfileName,
        };
    }

    private static ErrorRecord Denied(AmazonServiceException e, ResolvedSession session)
    {
        var where = $"region {session.Region}"
            + (session.ProfileName is null ? "" : $" with profile {session.ProfileName}");
        return ErrorMapping.ToErrorRecord(new ApprovalToolsException("AccessDenied", ErrorCategory.PermissionDenied,
            $"The approval history is read with ListActionExecutions, and this identity is not allowed "
            + $"codepipeline:ListActionExecutions in {where} (the managed policy AWSCodePipelineApproverAccess does "
            + $"not grant it). Add that permission to read the history there. The service said: {e.Message}"), where);
    }
}
