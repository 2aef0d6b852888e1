using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using Amazon.Runtime;

namespace ApprovalTools.Client;

/// <summary>
/// The longest one call (all its attempts and back-offs) may wait for the endpoint: cancels the call's token when
/// the time is up. Waits for a turn under throttling are paused out of it, so a slow scan under a rate limit does
/// not time out, but an endpoint that never answers does.
/// </summary>
internal sealed class CallDeadline : IDisposable
{
    private static readonly ConditionalWeakTable<AmazonWebServiceRequest, CallDeadline> Calls = new();

    private readonly CancellationTokenSource _source;
    private readonly AmazonWebServiceRequest _request;
    private readonly Stopwatch _running = Stopwatch.StartNew();
    private readonly object _gate = new();
    private readonly CancellationToken _caller;
    private int _paused;

    public CallDeadline(AmazonWebServiceRequest request, TimeSpan limit, CancellationToken caller)
    {
        Limit = limit;
        _request = request;
        _caller = caller;
        _source = CancellationTokenSource.CreateLinkedTokenSource(caller);
        _source.CancelAfter(limit);
        Calls.Remove(request); // a request object sent again (an answer's state read) gets a new deadline
        Calls.Add(request, this);
    }

    public TimeSpan Limit { get; }
    public CancellationToken Token => _source.Token;

    /// <summary>True when the limit was reached (not the caller's own cancellation).</summary>
    public bool Expired => _source.IsCancellationRequested && !_caller.IsCancellationRequested;

    public static CallDeadline? Of(AmazonWebServiceRequest? request) =>
        request is not null && Calls.TryGetValue(request, out var deadline) ? deadline : null;

    public void Pause()
    {
        lock (_gate)
        {
            if (_paused++ > 0 || _source.IsCancellationRequested) return;
            _running.Stop();
            _source.CancelAfter(Timeout.Infinite);
        }
    }

    public void Resume()
    {
        lock (_gate)
        {
            if (--_paused > 0 || _source.IsCancellationRequested) return;
            _running.Start();
            var left = Limit - _running.Elapsed;
            _source.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }
    }

    public void Dispose()
    {
        Calls.Remove(_request);
        _source.Dispose();
    }
}
