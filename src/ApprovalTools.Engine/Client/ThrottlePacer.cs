using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace ApprovalTools.Client;

/// <summary>
/// Paces the requests of one client (one session: account, region, endpoint) once the service throttles it. Unpaced
/// until the first throttle; then requests go out one at a time, spaced at a rate learned from the service: it starts
/// at 90% of the replies of the last seconds, drops by 10% on a throttle (once per change: attempts sent before it
/// went at the old rate), never below half the best rate replies came at lately, and while no attempt sent at the
/// current rate is throttled it grows: by a quarter each half second (and two turns) up to twice the rate last
/// throttled at, then doubling each quarter second, until pacing is off again. A throttled request is sent again at
/// its next turn, without an attempt limit, until <see cref="Ceiling"/> has passed without one reply from the service.
/// </summary>
internal sealed class ThrottlePacer
{
    /// <summary>How long throttling may go on without one reply before a throttled request fails.</summary>
    public static readonly TimeSpan DefaultCeiling = TimeSpan.FromMinutes(5);

    internal const double MinRate = 0.5;      // requests per second
    internal const double UnpacedAbove = 500; // a learned rate this high means the limit is gone
    private const double Backoff = 0.9;
    private const double Window = 2;          // seconds of replies the rate is learned from
    private const double Memory = 30;         // seconds the highest learned rate is remembered
    // Seconds without a throttle before the rate grows: near the rate last throttled at (and at least two turns), and
    // well above it. Short, as a limit that was lifted costs full speed until the rate has grown past it.
    private const double CautiousStep = 0.5;
    private const double FastStep = 0.25;

    private readonly object _gate = new();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Func<double> _now;
    private readonly Queue<double> _replies = new();
    private double _rate = double.PositiveInfinity;
    private double _throttledAt;              // the rate of the last throttle
    private double _lastSend = double.NegativeInfinity;
    private double _lastChange = double.NegativeInfinity;
    private double _lastThrottle = double.NegativeInfinity; // of an attempt sent at the current rate
    private double? _firstReply;
    private double _pacedSince;
    private double _best, _bestAt;            // the highest reply rate learned while paced, lately
    private double? _throttledSince;

    public ThrottlePacer() : this(Clock()) { }

    /// <param name="now">Seconds on a monotonic clock (tests pass their own).</param>
    internal ThrottlePacer(Func<double> now) => _now = now;

    private static Func<double> Clock()
    {
        var clock = Stopwatch.StartNew();
        return () => clock.Elapsed.TotalSeconds;
    }

    public TimeSpan Ceiling { get; set; } = DefaultCeiling;

    /// <summary>The requests per second sent now; infinity while unpaced.</summary>
    public double Rate { get { lock (_gate) return _rate; } }

    /// <summary>How many throttled replies were absorbed.</summary>
    public int Throttles { get { lock (_gate) return _throttles; } }
    private int _throttles;

    /// <summary>
    /// Waits for this attempt's turn; returns its send time, to pass to <see cref="OnReply"/> or
    /// <see cref="OnThrottle"/>.
    /// </summary>
    public async Task<double> WaitTurnAsync(CancellationToken cancellationToken)
    {
        if (double.IsPositiveInfinity(Rate)) return _now();
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                if (TryTake(out var sentAt, out var wait)) return sentAt;
                // Waits at most a tenth of a second at a time, so a rate that grows is used at once.
                var pause = TimeSpan.FromSeconds(Math.Min(wait.TotalSeconds, 0.1));
                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            }
        }
        finally { _turn.Release(); }
    }

    /// <summary>Takes the send slot if it is due (returning its time), else says how long until it is.</summary>
    internal bool TryTake(out double sentAt, out TimeSpan wait)
    {
        lock (_gate)
        {
            var now = _now();
            var due = double.IsPositiveInfinity(_rate) ? now : _lastSend + 1 / _rate;
            sentAt = now;
            wait = TimeSpan.FromSeconds(Math.Max(0, due - now));
            if (due > now) return false;
            _lastSend = now;
            return true;
        }
    }

    /// <summary>The service answered (anything but a throttle): it counts toward the learned rate.</summary>
    public void OnReply(double sentAt)
    {
        lock (_gate)
        {
            var now = _now();
            _firstReply ??= now;
            _replies.Enqueue(now);
            Trim(now);
            _throttledSince = null;
            if (double.IsPositiveInfinity(_rate) || sentAt < _lastChange) return;
            // Remembered once paced for a whole window: replies of an unpaced burst would count as the rate.
            var learned = Learned(now);
            if (now - _pacedSince >= Window && (learned >= _best || now - _bestAt > Memory))
                (_best, _bestAt) = (learned, now);
            // Carefully near the rate last throttled at, fast well above it.
            var cautious = _rate < 2 * _throttledAt;
            var calm = now - Math.Max(_lastChange, _lastThrottle);
            if (calm < (cautious ? Math.Max(CautiousStep, 2 / _rate) : FastStep)) return;
            _rate *= cautious ? 1.25 : 2;
            if (_rate > UnpacedAbove) _rate = double.PositiveInfinity;
            _lastChange = now;
        }
    }

    /// <summary>
    /// The service throttled an attempt sent at <paramref name="sentAt"/>. Returns true to send it again, false once
    /// the throttling has lasted past <see cref="Ceiling"/> without one reply.
    /// </summary>
    public bool OnThrottle(double sentAt)
    {
        lock (_gate)
        {
            var now = _now();
            _throttles++;
            _throttledSince ??= now;
            if (now - _throttledSince.Value >= Ceiling.TotalSeconds) return false;
            // One drop per change: attempts sent before it were sent at the old rate.
            if (sentAt < _lastChange) return true;
            _lastThrottle = now;
            Trim(now);
            // Unpaced, the rate starts from the replies of the last seconds. Never below half the best rate the
            // service let through lately: throttles that come whatever the rate (not a limit) would otherwise bring
            // the rate down step by step to nothing.
            var learned = Learned(now);
            var basis = double.IsPositiveInfinity(_rate) ? (learned > 0 ? learned : 2 * MinRate) : _rate;
            var floor = now - _bestAt <= Memory ? _best / 2 : 0;
            if (double.IsPositiveInfinity(_rate)) _pacedSince = now;
            _rate = Math.Max(MinRate, Math.Max(floor, Backoff * basis));
            _throttledAt = _rate / Backoff;
            _lastChange = now;
            _lastSend = Math.Max(_lastSend, now);
            return true;
        }
    }

    // Replies per second lately (over a quarter second at least).
    private double Learned(double now) =>
        _replies.Count / Math.Max(0.25, Math.Min(Window, now - (_firstReply ?? now)));

    private void Trim(double now)
    {
        while (_replies.Count > 0 && _replies.Peek() < now - Window) _replies.Dequeue();
    }
}
