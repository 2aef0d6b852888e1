using System.Text.Json;

namespace ApprovalTools.Emulator.Model;

/// <summary>The parts of the botocore service model the emulator needs: operations and shapes.</summary>
internal sealed class ServiceModel
{
    private readonly JsonDocument _doc;
    private readonly Dictionary<string, JsonElement> _shapes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonElement> _operations = new(StringComparer.Ordinal);

    public string TargetPrefix { get; }
    public string SigningName { get; }

    private ServiceModel(JsonDocument doc)
    {
        _doc = doc;
        var root = doc.RootElement;
        var metadata = root.GetProperty("metadata");
        TargetPrefix = metadata.GetProperty("targetPrefix").GetString()!;
        SigningName = metadata.TryGetProperty("signingName", out var s)
            ? s.GetString()! : metadata.GetProperty("endpointPrefix").GetString()!;
        foreach (var p in root.GetProperty("shapes").EnumerateObject()) _shapes[p.Name] = p.Value;
        foreach (var p in root.GetProperty("operations").EnumerateObject()) _operations[p.Name] = p.Value;
    }

    // Parsed once per process: the model is read-only and about 300 KB.
    private static readonly Lazy<ServiceModel> Embedded = new(() =>
    {
        using var stream = typeof(ServiceModel).Assembly.GetManifestResourceStream(
            "ApprovalTools.Emulator.service-2.json")
            ?? throw new InvalidOperationException("The embedded service model is missing.");
        return new ServiceModel(JsonDocument.Parse(stream));
    });

    public static ServiceModel CodePipeline => Embedded.Value;

    public bool HasOperation(string name) => _operations.ContainsKey(name);

    public string? InputShapeOf(string operation) =>
        _operations.TryGetValue(operation, out var op) && op.TryGetProperty("input", out var input)
            ? input.GetProperty("shape").GetString() : null;

    public string? OutputShapeOf(string operation) =>
        _operations.TryGetValue(operation, out var op) && op.TryGetProperty("output", out var output)
            ? output.GetProperty("shape").GetString() : null;

    public IReadOnlyList<string> ErrorsOf(string operation) =>
        _operations.TryGetValue(operation, out var op) && op.TryGetProperty("errors", out var errors)
            ? errors.EnumerateArray().Select(e => e.GetProperty("shape").GetString()!).ToList() : [];

    public JsonElement Shape(string name) =>
        _shapes.TryGetValue(name, out var shape) ? shape : throw new KeyNotFoundException(
            $"Shape {name} is not in the model.");
}
