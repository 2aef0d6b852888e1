using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
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
internal sealed class ApprovalHistoryScan(GetApprovalHistoryCommand command) : ICommandWorker
{
    private static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(7);
    private readonly SessionCache _sessions = new(command, command);
    private readonly List<string> _names = new();
    private readonly ConcurrentDictionary<string, byte> _emitted = new(StringComparer.Ordinal);
    private bool _anyNameGiven;
    private int _executionFound;
    private int _executionMissing;
    private int _waiting;

    public Task ProcessRecordAsync()
    {
        if (command.PipelineName is not null)
        {
            _anyNameGiven = true;
            // As Get-PendingApproval: a malformed wildcard is one error for that name, before any call.
            foreach (var name in command.PipelineName)
                if (PendingApprovalScan.WildcardProblem(name, "-PipelineName") is { } error) command.WriteError(error);
                else _names.Add(name);
        }
        return Task.CompletedTask;
    }

    public async Task EndProcessingAsync()
    {
        // As Get-PendingApproval: names expected from the pipeline that never came read nothing, not everything.
        if (!_anyNameGiven && command.MyInvocation.ExpectingInput)
        {
            command.WriteVerbose("No pipeline name came from the pipeline, so no pipeline is read.");
            return;
        }
        var badFilter = PendingApprovalScan.WildcardProblem(command.StageName, "-StageName")
            ?? PendingApprovalScan.WildcardProblem(command.ActionName, "-ActionName")
            ?? command.AnsweredBy?.Select(p => PendingApprovalScan.WildcardProblem(p, "-AnsweredBy"))
                .FirstOrDefault(e => e is not null);
        if (badFilter is not null)
        {
            command.WriteError(badFilter);
            return;
        }
        var sessions = _sessions.GetAll();
        if (sessions.Count == 0) return;

        var clock = Stopwatch.StartNew();
        while (true)
        {
            _waiting = 0;
            var found = (await Task.WhenAll(sessions.Select(ScanAsync)).ConfigureAwait(false)).Sum();
            if (command.PipelineExecutionId is { } id && _executionFound == 0 && _executionMissing > 0)
            {
                command.WriteError(ErrorMapping.Create("PipelineExecutionNotFound", ErrorCategory.ObjectNotFound,
                    $"No pipeline read has an execution {id}.", id));
                return;
            }
            if (!command.Wait || (_emitted.Count > 0 && _waiting == 0)) return;
            var left = TimeSpan.FromSeconds(command.Timeout) - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                command.WriteError(ErrorMapping.Create("WaitTimeout", ErrorCategory.OperationTimeout,
                    $"The approval of execution {command.PipelineExecutionId} was not decided within "
                    + $"{command.Timeout} seconds.", command.PipelineExecutionId));
                return;
            }
            var pause = TimeSpan.FromSeconds(Math.Min(command.PollInterval, left.TotalSeconds));
            command.WriteVerbose($"{found} new decisions, {_waiting} approvals still waiting; looking again in "
                + $"{pause.TotalSeconds:0} s.");
            await Task.Delay(pause, command.CancelToken).ConfigureAwait(false);
        }
    }

    /// <summary>One pass over the pipelines of one session; returns how many records it emitted.</summary>
    private async Task<int> ScanAsync(ResolvedSession session)
    {
        var resolver = new ApprovalResolver(session, command.WriteVerbose);
        var filter = new HistoryFilter(command);
        var literal = _names.Where(n => !WildcardPattern.ContainsWildcardCharacters(n))
            .Distinct(StringComparer.Ordinal).ToList();
        var patterns = _names.Where(WildcardPattern.ContainsWildcardCharacters)
            .Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        var seen = new HashSet<string>(literal, StringComparer.Ordinal);

        using var gate = new SemaphoreSlim(command.ThrottleLimit);
        var scans = new List<Task>();
        var emitted = 0;
        var done = 0;
        var total = literal.Count;
        var listing = true;
        var denied = 0;
        var progress = new ProgressRecord(2, "Get-ApprovalHistory", "Reading approval history");

        void Report()
        {
            if (total < 20) return; // short reads finish before a progress bar helps
            progress.StatusDescription = $"{done} of {total}{(listing ? "+" : "")} pipelines read";
            progress.PercentComplete = listing ? -1 : Math.Min(100, done * 100 / Math.Max(1, total));
            command.WriteProgress(progress);
        }

        Task Read(string pipeline) => Task.Run(async () =>
        {
            await gate.WaitAsync(command.CancelToken).ConfigureAwait(false);
            try
            {
                if (Volatile.Read(ref denied) != 0) return; // the permission is missing for the whole account
                await foreach (var run in resolver.ApprovalRunsAsync(pipeline, command.PipelineExecutionId,
                                   filter.Since, command.CancelToken).ConfigureAwait(false))
                {
                    if (await ToRecordAsync(resolver, session, filter, pipeline, run).ConfigureAwait(false) is not { } r)
                        continue;
                    Interlocked.Increment(ref emitted);
                    command.WriteObject(r);
                }
                Interlocked.Exchange(ref _executionFound, 1);
            }
            catch (PipelineExecutionNotFoundException) when (command.PipelineExecutionId is not null)
            {
                Interlocked.Increment(ref _executionMissing);
                command.WriteVerbose($"Pipeline {pipeline} has no execution {command.PipelineExecutionId}.");
            }
            catch (AmazonServiceException e) when (e.ErrorCode is "AccessDeniedException" or "AccessDenied")
            {
                // One error per account and region: every pipeline there would say the same.
                if (Interlocked.Exchange(ref denied, 1) == 0) command.WriteError(Denied(e, session));
            }
            catch (Exception e) when (e is not OperationCanceledException || !command.CancelToken.IsCancellationRequested)
            {
                command.WriteError(ErrorMapping.ToErrorRecord(e, pipeline));
            }
            finally
            {
                gate.Release();
                Interlocked.Increment(ref done);
                Report();
            }
        });

        foreach (var name in literal) scans.Add(Read(name));
        if (!_anyNameGiven || patterns.Count > 0)
        {
            command.WriteVerbose("ListPipelines (all pages)");
            try
            {
                await foreach (var summary in session.Client.ListAllPipelinesAsync(null, command.CancelToken)
                                   .ConfigureAwait(false))
                {
                    var name = summary.Name ?? "";
                    if (patterns.Count > 0 && !patterns.Any(p => p.IsMatch(name))) continue;
                    if (!seen.Add(name)) continue;
                    Interlocked.Increment(ref total);
                    scans.Add(Read(name));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !command.CancelToken.IsCancellationRequested)
            {
                command.WriteError(ErrorMapping.ToErrorRecord(e, null));
            }
            listing = false;
        }
        await Task.WhenAll(scans).ConfigureAwait(false);
        if (total >= 20)
        {
            progress.RecordType = ProgressRecordType.Completed;
            command.WriteProgress(progress);
        }
        return emitted;
    }

    private async Task<ApprovalRecord?> ToRecordAsync(ApprovalResolver resolver, ResolvedSession session,
        HistoryFilter filter, string pipeline, ActionExecutionDetail run)
    {
        if (!filter.Place(run.StageName, run.ActionName)) return null;
        if (run.Status is "InProgress" or "Stopping")
        {
            Interlocked.Increment(ref _waiting);
            return null;
        }
        if (!filter.When(run.LastUpdateTime)) return null;
        var status = await resolver.DecisionAsync(pipeline, run, command.CancelToken).ConfigureAwait(false);
        if (status is null || !filter.Outcome(status)) return null;
        var by = status is "Approved" or "Rejected" ? run.UpdatedBy : null;
        if (!filter.Who(by)) return null;
        // A run is reported once, also when -Wait reads the history again.
        if (!_emitted.TryAdd($"{session.Region}|{session.ProfileName}|{pipeline}|{run.ActionExecutionId}", 0))
            return null;
        var revisions = await resolver.ExecutionRevisionsAsync(pipeline, run.PipelineExecutionId, command.CancelToken)
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
        var where = $"region {session.Region}" + (session.ProfileName is null ? "" : $" with profile {session.ProfileName}");
        return ErrorMapping.ToErrorRecord(new ApprovalToolsException("AccessDenied", ErrorCategory.PermissionDenied,
            $"The approval history is read with ListActionExecutions, and this identity is not allowed "
            + $"codepipeline:ListActionExecutions in {where} (the managed policy AWSCodePipelineApproverAccess does "
            + $"not grant it). Add that permission to read the history there. The service said: {e.Message}"), where);
    }

    public void Dispose() => _sessions.Dispose();
}
