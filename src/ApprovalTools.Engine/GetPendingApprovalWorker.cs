using System;
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
/// -ThrottleLimit pipelines at once and streaming each approval as it is found. With -Wait, scans again until one is.
/// </summary>
internal sealed class GetPendingApprovalWorker(ICommandSink sink)
    : PipelineScanWorker<GetPendingApprovalRequest>(sink)
{
    private static readonly FanOutProgress Shown = new(1, "Get-PendingApproval", "Reading pipeline states", "scanned");
    private int _emitted;
    private volatile bool _unfixable;
    private ErrorRecord? _lastTransient;
    private readonly System.Collections.Generic.HashSet<string> _warned = new(StringComparer.Ordinal);

    public override Task ProcessRecordAsync(GetPendingApprovalRequest request)
    {
        // A notification names one run: it is looked up as it comes, and no pipeline is scanned.
        if (request.ByNotification) return new NotificationLookup(Sink, Sessions).LookUpAsync(request);
        Names.Add(request.PipelineName, Sink);
        return Task.CompletedTask;
    }

    public override async Task EndProcessingAsync(GetPendingApprovalRequest request)
    {
        if (request.ByNotification) return;
        var aws = request.Aws;
        var sessions = Start(request.ExpectingInput, aws,
            (request.StageName, "-StageName"), (request.ActionName, "-ActionName"));
        if (sessions.Count == 0) return;
        // Settings that cannot be used (reported once by GetAll) do not get better by waiting.
        if (request.Wait && sessions.Count < aws.ProfileNames.Count * aws.Regions.Count) return;

        var clock = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(request.Timeout);
        // With -Wait, a poll still running at the deadline is cut off there (-Timeout 0: one whole poll).
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Sink.CancelToken);
        if (request.Wait && request.Timeout > 0) deadline.CancelAfter(limit);
        var ct = deadline.Token;
        while (true)
        {
            try { await Task.WhenAll(sessions.Select(s => ScanAsync(request, s, ct))).ConfigureAwait(false); }
            catch (OperationCanceledException) when (!Sink.CancelToken.IsCancellationRequested) { }
            if (!request.Wait || _emitted > 0 || _unfixable) return;
            var left = limit - clock.Elapsed;
            if (left <= TimeSpan.Zero || ct.IsCancellationRequested)
            {
                var last = _lastTransient is { } t ? $" The last poll failed: {t.Exception.Message}" : "";
                Sink.WriteError(ErrorMapping.Create("WaitTimeout", ErrorCategory.OperationTimeout,
                    $"No matching approval became pending within {request.Timeout} seconds.{last}", Names.Given));
                return;
            }
            var pause = TimeSpan.FromSeconds(Math.Min(request.PollInterval, left.TotalSeconds));
            Sink.WriteVerbose($"Nothing pending yet; looking again in {pause.TotalSeconds:0} s.");
            try { await Task.Delay(pause, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) when (!Sink.CancelToken.IsCancellationRequested) { }
        }
    }

    /// <summary>
    /// Without -Wait, every failure is an error. With -Wait, a failure that waiting can fix (throttling past the
    /// ceiling, a server error, a timeout, a connection error) is a warning, once per pipeline and cause, and the
    /// waiting goes on; any other (no such pipeline, access denied, refused credentials, ...) is an error, and the
    /// waiting stops after this poll.
    /// </summary>
    private void Fail(bool waiting, Exception e, object? target)
    {
        var record = ErrorMapping.ToErrorRecord(e, target);
        if (!waiting) { Sink.WriteError(record); return; }
        if (ErrorMapping.IsTransient(e))
        {
            lock (_warned)
            {
                _lastTransient = record;
                if (!_warned.Add($"{record.FullyQualifiedErrorId}|{target}")) return;
            }
            Sink.WriteWarning($"{(target is null ? "" : $"{target}: ")}{e.Message} Still waiting.");
            return;
        }
        _unfixable = true;
        Sink.WriteError(record);
    }

    /// <summary>One pass over the pipelines of one session, each approval written as it is found.</summary>
    private Task ScanAsync(GetPendingApprovalRequest request, ResolvedSession session, CancellationToken ct)
    {
        var resolver = new ApprovalResolver(session, Sink.WriteVerbose, Sink.WriteWarning);
        var stageFilter = Matcher(request.StageName);
        var actionFilter = Matcher(request.ActionName);
        async Task Scan(string pipeline, string? executionMode)
        {
            var found = await resolver.FindPendingAsync(pipeline, stageFilter, actionFilter, ct, executionMode)
                .ConfigureAwait(false);
            foreach (var approval in found)
            {
                if (!ApprovalPins.Carries(approval, request.RevisionId)
                    || !ApprovalPins.ExpiresWithin(approval, request.ExpiringWithin)) continue;
                Interlocked.Increment(ref _emitted);
                Sink.WriteObject(approval);
            }
        }
        return new PipelineFanOut(Sink, Names, request.ThrottleLimit, Shown)
            .RunAsync(session.Client, Scan, (e, pipeline) => Fail(request.Wait, e, pipeline), ct);
    }

    private static Func<string, bool>? Matcher(string? pattern) =>
        pattern is null ? null : new WildcardPattern(pattern, WildcardOptions.IgnoreCase).IsMatch;
}
