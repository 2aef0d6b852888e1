using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ApprovalTools.Aws;
using ApprovalTools.Commands;

namespace ApprovalTools.Engine;

/// <summary>
/// Get-PendingApproval: collects the names piped in, then scans each region and profile side by side, reading at most
/// -ThrottleLimit pipelines at once and streaming each approval as it is found.
/// </summary>
internal sealed class PendingApprovalScan(GetPendingApprovalCommand command) : ICommandWorker
{
    private readonly SessionCache _sessions = new(command, command);
    private readonly List<string> _names = new();
    private bool _anyNameGiven;

    public Task ProcessRecordAsync()
    {
        // A notification names one run: it is looked up as it comes, and no pipeline is scanned.
        if (command.ParameterSetName == GetPendingApprovalCommand.ByNotification)
            return new NotificationLookup(command, _sessions).LookUpAsync(command.Notification!);
        if (command.PipelineName is not null)
        {
            _anyNameGiven = true;
            // A malformed wildcard is one error for that name, before any call; the other names go on.
            foreach (var name in command.PipelineName)
                if (WildcardProblem(name, "-PipelineName") is { } error) command.WriteError(error);
                else _names.Add(name);
        }
        return Task.CompletedTask;
    }

    public async Task EndProcessingAsync()
    {
        // Names were expected from the pipeline but none bound ($null, no input, objects without one). Scanning every
        // pipeline instead would hand `$names | Get-PendingApproval | Approve-PipelineAction -Force` the whole account.
        if (command.ParameterSetName == GetPendingApprovalCommand.ByNotification) return;
        if (!_anyNameGiven && command.MyInvocation.ExpectingInput)
        {
            command.WriteVerbose("No pipeline name came from the pipeline, so no pipeline is read.");
            return;
        }
        // A malformed -StageName or -ActionName pattern would fail on every pipeline: one error, and nothing is read.
        var badFilter = WildcardProblem(command.StageName, "-StageName") ?? WildcardProblem(command.ActionName, "-ActionName");
        if (badFilter is not null)
        {
            command.WriteError(badFilter);
            return;
        }
        // One session per -Region x -ProfileName combination given; each is scanned on its own, side by side.
        var sessions = _sessions.GetAll();
        if (sessions.Count == 0) return;
        // Settings that cannot be used (reported once by GetAll) do not get better by waiting.
        IAwsParameters aws = command;
        if (command.Wait && sessions.Count < aws.ProfileNames.Count * aws.Regions.Count) return;

        var clock = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(command.Timeout);
        // With -Wait, a poll still running at the deadline is cut off there (-Timeout 0: one whole poll).
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(command.CancelToken);
        if (command.Wait && command.Timeout > 0) deadline.CancelAfter(limit);
        var ct = deadline.Token;
        while (true)
        {
            try { await Task.WhenAll(sessions.Select(s => ScanAsync(s, ct))).ConfigureAwait(false); }
            catch (OperationCanceledException) when (!command.CancelToken.IsCancellationRequested) { }
            if (!command.Wait || _emitted > 0 || _unfixable) return;
            var left = limit - clock.Elapsed;
            if (left <= TimeSpan.Zero || ct.IsCancellationRequested)
            {
                var last = _lastTransient is { } t ? $" The last poll failed: {t.Exception.Message}" : "";
                command.WriteError(ErrorMapping.Create("WaitTimeout", ErrorCategory.OperationTimeout,
                    $"No matching approval became pending within {command.Timeout} seconds.{last}",
                    _anyNameGiven ? _names.ToArray() : null));
                return;
            }
            var pause = TimeSpan.FromSeconds(Math.Min(command.PollInterval, left.TotalSeconds));
            command.WriteVerbose($"Nothing pending yet; looking again in {pause.TotalSeconds:0} s.");
            try { await Task.Delay(pause, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) when (!command.CancelToken.IsCancellationRequested) { }
        }
    }

    private int _emitted;
    private volatile bool _unfixable;
    private ErrorRecord? _lastTransient;
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    /// <summary>
    /// Without -Wait, every failure is an error. With -Wait, a failure that waiting can fix (throttling past the
    /// ceiling, a server error, a timeout, a connection error) is a warning, once per pipeline and cause, and the
    /// waiting goes on; any other (no such pipeline, access denied, refused credentials, ...) is an error, and the
    /// waiting stops after this poll.
    /// </summary>
    private void Fail(Exception e, object? target)
    {
        var record = ErrorMapping.ToErrorRecord(e, target);
        if (!command.Wait) { command.WriteError(record); return; }
        if (ErrorMapping.IsTransient(e))
        {
            lock (_warned)
            {
                _lastTransient = record;
                if (!_warned.Add($"{record.FullyQualifiedErrorId}|{target}")) return;
            }
            command.WriteWarning($"{(target is null ? "" : $"{target}: ")}{e.Message} Still waiting.");
            return;
        }
        _unfixable = true;
        command.WriteError(record);
    }

    /// <summary>One pass over the pipelines; returns how many approvals it emitted.</summary>
    private async Task<int> ScanAsync(ResolvedSession session, CancellationToken ct)
    {
        var resolver = new ApprovalResolver(session, command.WriteVerbose, command.WriteWarning);
        var stageFilter = Matcher(command.StageName);
        var actionFilter = Matcher(command.ActionName);
        var literal = _names.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)).Distinct(StringComparer.Ordinal).ToList();
        var patterns = _names.Where(WildcardPattern.ContainsWildcardCharacters)
            .Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        var listAll = !_anyNameGiven || patterns.Count > 0;

        using var gate = new SemaphoreSlim(command.ThrottleLimit);
        var scans = new List<Task>();
        var emitted = 0;
        var done = 0;
        var total = literal.Count;
        var listing = true;
        var progress = new ProgressRecord(1, "Get-PendingApproval", "Reading pipeline states");
        var reporting = new object();
        var seen = new HashSet<string>(literal, StringComparer.Ordinal);

        void Report()
        {
            if (Volatile.Read(ref total) < 20) return; // short scans finish before a progress bar helps
            // Scans finish on many threads: each report is a record of its own, and a count never goes back.
            lock (reporting)
            {
                var count = Volatile.Read(ref done);
                var all = Volatile.Read(ref total);
                progress = new ProgressRecord(1, "Get-PendingApproval", "Reading pipeline states")
                {
                    StatusDescription = $"{count} of {all}{(listing ? "+" : "")} pipelines scanned",
                    PercentComplete = listing ? -1 : Math.Min(100, count * 100 / Math.Max(1, all)),
                };
                command.WriteProgress(progress);
            }
        }

        Task Scan(string pipeline, string? executionMode = null) => Task.Run(async () =>
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                foreach (var approval in await resolver.FindPendingAsync(pipeline, stageFilter, actionFilter, ct, executionMode).ConfigureAwait(false))
                {
                    if (!ApprovalPins.Carries(approval, command.RevisionId)
                        || !ApprovalPins.ExpiresWithin(approval, command.ExpiringWithin)) continue;
                    Interlocked.Increment(ref emitted);
                    Interlocked.Increment(ref _emitted);
                    command.WriteObject(approval);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                Fail(e, pipeline);
            }
            finally
            {
                gate.Release();
                Interlocked.Increment(ref done);
                Report();
            }
        });

        foreach (var name in literal) scans.Add(Scan(name));
        if (listAll)
        {
            command.WriteVerbose("ListPipelines (all pages)");
            try
            {
                await foreach (var summary in session.Client.ListAllPipelinesAsync(null, ct).ConfigureAwait(false))
                {
                    var name = summary.Name ?? "";
                    if (patterns.Count > 0 && !patterns.Any(p => p.IsMatch(name))) continue;
                    if (!seen.Add(name)) continue;
                    Interlocked.Increment(ref total);
                    scans.Add(Scan(name, summary.ExecutionMode));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                Fail(e, null);
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

    /// <summary>The error for a malformed wildcard (a '[' without its ']'), or null; shared with Get-ApprovalHistory.</summary>
    internal static ErrorRecord? WildcardProblem(string? pattern, string parameter)
    {
        if (pattern is null) return null;
        try
        {
            _ = new WildcardPattern(pattern, WildcardOptions.IgnoreCase).IsMatch("");
            return null;
        }
        catch (WildcardPatternException e)
        {
            return new ErrorRecord(new ArgumentException($"{parameter} '{pattern}' is not a valid wildcard pattern: "
                + "a '[' needs its ']' (as in 'web-[ab]*'). Nothing was read for it.", e),
                "InvalidWildcardPattern", ErrorCategory.InvalidArgument, pattern);
        }
    }

    private static Func<string, bool>? Matcher(string? pattern)
    {
        if (pattern is null) return null;
        var wildcard = new WildcardPattern(pattern, WildcardOptions.IgnoreCase);
        return wildcard.IsMatch;
    }

    public void Dispose() => _sessions.Dispose();
}
