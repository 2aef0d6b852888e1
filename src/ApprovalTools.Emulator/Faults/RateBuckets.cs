using System.Diagnostics;

namespace ApprovalTools.Emulator.Faults;

/// <summary>
/// The request-rate limit of <see cref="FaultSettings.RequestsPerSecond"/>: a token bucket per signing region (AWS
/// limits requests per account and region; one emulator is one account), each holding one second's worth, full when
/// the faults are set. Not thread-safe: the <see cref="FaultInjector"/> calls it under its lock.
/// </summary>
internal sealed class RateBuckets
{
    private readonly Dictionary<string, (double Tokens, long Refilled)> _buckets = new(StringComparer.Ordinal);
    private FaultSettings? _settings;

    public void Reset(FaultSettings? settings)
    {
        _settings = settings;
        _buckets.Clear();
    }

    /// <summary>True when a call signed for <paramref name="region"/> may pass (and takes its token).</summary>
    public bool TryTake(string? region)
    {
        var key = region ?? "";
        if (RateOf(key) is not double rps) return true;
        var now = Stopwatch.GetTimestamp();
        var (tokens, refilled) = _buckets.TryGetValue(key, out var bucket) ? bucket : (Burst(rps), now);
        tokens = Math.Min(Burst(rps), tokens + Stopwatch.GetElapsedTime(refilled, now).TotalSeconds * rps);
        var pass = tokens >= 1;
        _buckets[key] = (pass ? tokens - 1 : tokens, now);
        return pass;
    }

    private double? RateOf(string region)
    {
        var rps = _settings?.RegionRequestsPerSecond is { } byRegion && byRegion.TryGetValue(region, out var own)
            ? own
            : _settings?.RequestsPerSecond;
        return rps > 0 ? rps : null;
    }

    private static double Burst(double rps) => Math.Max(1, rps);
}
