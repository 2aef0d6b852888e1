namespace ApprovalTools.Emulator;

/// <summary>
/// Faults injected on the AWS path (never on /_emulator). Rates are probabilities per request in [0, 1];
/// drop, throttle and server error are drawn together so their rates add up, slow is drawn separately.
/// </summary>
public sealed class FaultSettings
{
    /// <summary>Delay added to every matching call.</summary>
    public int? LatencyMs { get; set; }
    /// <summary>Answer 400 ThrottlingException "Rate exceeded".</summary>
    public double? ThrottleRate { get; set; }
    /// <summary>
    /// Answer a server fault: 500 InternalFailure by default, 503 ServiceUnavailableException when
    /// <see cref="ServerErrorStatus"/> is 503.
    /// </summary>
    public double? ServerErrorRate { get; set; }
    public int? ServerErrorStatus { get; set; }
    /// <summary>Abort the connection without a response, before doing anything.</summary>
    public double? DropRate { get; set; }
    /// <summary>Add <see cref="SlowLatencyMs"/> (default 3000) on top of the latency.</summary>
    public double? SlowRate { get; set; }
    public int? SlowLatencyMs { get; set; }
    /// <summary>
    /// Token bucket (burst = one second's worth); calls beyond it get ThrottlingException. Each signing region (the
    /// credential scope's) has a bucket of its own, as AWS limits requests per account and region.
    /// </summary>
    public double? RequestsPerSecond { get; set; }
    /// <summary>The rate of the named signing regions' buckets, instead of <see cref="RequestsPerSecond"/>.</summary>
    public Dictionary<string, double>? RegionRequestsPerSecond { get; set; }
    /// <summary>
    /// The next N successful PutApprovalResult calls are applied, then the connection is aborted without a reply
    /// (whatever <see cref="Operations"/> says).
    /// </summary>
    public int? LostResponses { get; set; }
    /// <summary>Operations the other faults apply to; null or empty means all.</summary>
    public string[]? Operations { get; set; }
    /// <summary>Seed for the random draws, for repeatable runs.</summary>
    public int? RandomSeed { get; set; }
}
