namespace ApprovalTools.Emulator.Faults;

internal enum FaultKind { None, Drop, Throttle, RateLimit, ServerError }

/// <summary>What to do to one request before it is handled.</summary>
internal readonly record struct FaultDecision(int DelayMs, FaultKind Kind, bool Slow, int ServerErrorStatus)
{
    public static readonly FaultDecision None = new(0, FaultKind.None, false, 500);
}

/// <summary>
/// Decides faults per request from the current <see cref="FaultSettings"/>; one lock keeps the random draws
/// repeatable.
/// </summary>
internal sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private FaultSettings? _settings;
    private Random _random = new();
    private readonly RateBuckets _buckets = new();
    private int _lostRemaining;

    public FaultSettings? Current { get { lock (_gate) return _settings; } }

    public void Set(FaultSettings settings)
    {
        lock (_gate)
        {
            _settings = settings;
            _random = settings.RandomSeed is int seed ? new Random(seed) : new Random();
            _buckets.Reset(settings);
            _lostRemaining = Math.Max(0, settings.LostResponses ?? 0);
        }
    }

    public void Clear()
    {
        lock (_gate) { _settings = null; _lostRemaining = 0; _buckets.Reset(null); }
    }

    /// <param name="operation">The operation called (null when the target is unknown).</param>
    /// <param name="region">The region of the signature's credential scope: the rate limit's bucket.</param>
    public FaultDecision Decide(string? operation, string? region = null)
    {
        lock (_gate)
        {
            var s = _settings;
            if (s is null || !Applies(s, operation)) return FaultDecision.None;

            // Always draw both numbers so a seeded run stays repeatable whatever the rates are.
            var roll = _random.NextDouble();
            var slow = _random.NextDouble() < (s.SlowRate ?? 0);
            var delay = Math.Max(0, s.LatencyMs ?? 0) + (slow ? Math.Max(0, s.SlowLatencyMs ?? 3000) : 0);
            var status = s.ServerErrorStatus == 503 ? 503 : 500;

            if (!_buckets.TryTake(region))
                return new(delay, FaultKind.RateLimit, slow, status);

            var drop = s.DropRate ?? 0;
            var throttle = drop + (s.ThrottleRate ?? 0);
            var server = throttle + (s.ServerErrorRate ?? 0);
            var kind = roll < drop ? FaultKind.Drop
                : roll < throttle ? FaultKind.Throttle
                : roll < server ? FaultKind.ServerError
                : FaultKind.None;
            return new(delay, kind, slow, status);
        }
    }

    /// <summary>
    /// True when this applied PutApprovalResult's response should be lost (and counts it down). Not restricted by
    /// Operations, so a lost reply can be combined with faults on the reads that would tell what happened.
    /// </summary>
    public bool TakeLostResponse()
    {
        lock (_gate)
        {
            if (_settings is null || _lostRemaining <= 0) return false;
            _lostRemaining--;
            return true;
        }
    }

    private static bool Applies(FaultSettings s, string? operation) =>
        s.Operations is not { Length: > 0 } ops
        || (operation is not null && ops.Contains(operation, StringComparer.OrdinalIgnoreCase));
}
