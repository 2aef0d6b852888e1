using System.Text.Json;

namespace ApprovalTools.Emulator.Operations;

/// <summary>Reads members of an already validated input.</summary>
internal static class Input
{
    public static string? Text(this JsonElement input, string name) =>
        input.ValueKind == JsonValueKind.Object && input.TryGetProperty(name, out var v)
            && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static string Required(this JsonElement input, string name) =>
        input.Text(name) ?? throw new InvalidOperationException($"{name} passed validation but is missing");

    public static long? Integer(this JsonElement input, string name) =>
        input.ValueKind == JsonValueKind.Object && input.TryGetProperty(name, out var v)
            && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;
}
