using System.Text.Json.Nodes;

namespace ApprovalTools.Emulator.Aws;

/// <summary>awsJson timestamps: epoch seconds as a JSON number with a millisecond fraction, e.g.
/// 1764079200.123.</summary>
internal static class EpochTime
{
    // Multiplying by 0.001m keeps a scale of 3, so whole seconds still print as 1764079200.000.
    public static decimal Seconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() * 0.001m;

    public static JsonNode Node(DateTimeOffset time) => JsonValue.Create(Seconds(time));
}
