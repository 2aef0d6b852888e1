using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalTools.Emulator.Model;

namespace ApprovalTools.Emulator.State;

/// <summary>
/// Builds pipelines from a seed document (format: SampleData/README.md). Times in a seed are relative
/// ("minutes ago") so the sample data always looks recent; executions are replayed through
/// <see cref="PipelineRunner"/> oldest first, which is what leaves each stage holding its latest entrant.
/// </summary>
internal static class SeedLoader
{
    public static JsonObject Read(string? path)
    {
        if (path is not null)
            return JsonNode.Parse(File.ReadAllText(path))?.AsObject()
                ?? throw new InvalidDataException($"Seed file '{path}' is empty.");
        using var stream = typeof(SeedLoader).Assembly.GetManifestResourceStream(
            "ApprovalTools.Emulator.pipelines.json")
            ?? throw new InvalidOperationException("The embedded sample data is missing.");
        return JsonNode.Parse(stream)!.AsObject();
    }

    public static List<PipelineRecord> Build(JsonObject seed, DateTimeOffset now) =>
        (seed["pipelines"]?.AsArray() ?? throw new InvalidDataException("A seed needs a \"pipelines\" array."))
            .Select(p => BuildPipeline(p!.AsObject(), now))
            .ToList();

    public static PipelineRecord BuildPipeline(JsonObject entry, DateTimeOffset now)
    {
        var raw = entry["pipeline"]?.AsObject() ?? throw new InvalidDataException(
            "Each seed pipeline needs a \"pipeline\" declaration.");
        var name = raw["name"]?.GetValue<string>() ?? throw new InvalidDataException(
            "A seed pipeline declaration has no name.");
        try
        {
            var declaration = Normalise(raw);
            var created = now.AddMinutes(-Number(entry, "createdMinutesAgo", 43_200));
            var pipeline = new PipelineRecord
            {
                Name = name,
                Version = declaration["version"]!.GetValue<int>(),
                PipelineType = declaration["pipelineType"]!.GetValue<string>(),
                ExecutionMode = declaration["executionMode"]!.GetValue<string>(),
                Created = created,
                Updated = entry.ContainsKey("updatedMinutesAgo")
                    ? now.AddMinutes(-Number(entry, "updatedMinutesAgo", 0))
                    : created,
                Declaration = declaration,
                Stages = declaration["stages"]!.AsArray().Select(s => ParseStage(s!.AsObject())).ToList(),
            };
            pipeline.Versions[pipeline.Version] = declaration;
            foreach (var e in entry["executions"]?.AsArray() ?? [])
                Replay(pipeline, e!.AsObject(), now);
            return pipeline;
        }
        catch (Exception e) when (e is not InvalidDataException)
        {
            throw new InvalidDataException($"Seed pipeline '{name}': {e.Message}", e);
        }
    }

    /// <summary>Checks the declaration against the model and lays it out in the model's member order, defaults filled
    /// in.</summary>
    internal static JsonObject Normalise(JsonObject raw)
    {
        var copy = raw.DeepClone().AsObject();
        copy["version"] ??= 1;
        copy["executionMode"] ??= "SUPERSEDED";
        copy["pipelineType"] ??= "V1";
        var model = ServiceModel.CodePipeline;
        using (var doc = JsonDocument.Parse(copy.ToJsonString()))
        {
            var errors = new ShapeValidator(model, strict: true).Validate("PipelineDeclaration", doc.RootElement);
            if (errors.Count > 0) throw new InvalidDataException(
                $"Seed pipeline '{raw["name"]}': {ShapeValidator.Message(errors)}");
        }
        var ordered = new JsonObject();
        foreach (var member in model.Shape("PipelineDeclaration").GetProperty("members").EnumerateObject())
            if (copy[member.Name] is { } value) ordered[member.Name] = value.DeepClone();
        return ordered;
    }

    internal static StageDefinition ParseStage(JsonObject stage) => new(
        stage["name"]!.GetValue<string>(),
        stage["actions"]!.AsArray().Select(a =>
        {
            var action = a!.AsObject();
            var type = action["actionTypeId"]!.AsObject();
            return new ActionDefinition(
                action["name"]!.GetValue<string>(),
                type["category"]!.GetValue<string>(),
                type["owner"]!.GetValue<string>(),
                type["provider"]!.GetValue<string>(),
                action["runOrder"]?.GetValue<int>() ?? 1,
                action["configuration"]?.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(),
                    StringComparer.Ordinal)
                    ?? new Dictionary<string, string>())
            {
                TimeoutInMinutes = action["timeoutInMinutes"]?.GetValue<int>(),
            };
        }).ToList());

    private static void Replay(PipelineRecord pipeline, JsonObject e, DateTimeOffset now)
    {
        var started = now.AddMinutes(-Number(e, "startedMinutesAgo", 60));
        var trigger = e["trigger"]?.AsObject();
        var execution = new ExecutionRecord
        {
            Id = Text(e, "pipelineExecutionId") ?? PipelineRunner.NewId(),
            Started = started,
            TriggerType = trigger is null
                ? "StartPipelineExecution"
                : Text(trigger, "triggerType") ?? "StartPipelineExecution",
            TriggerDetail = trigger is null
                ? $"arn:aws:iam::{AwsAccount.Id}:user/release-bot"
                : Text(trigger, "triggerDetail") ?? "",
            ArtifactRevisions = (e["artifactRevisions"]?.AsArray() ?? []).Select(r =>
            {
                var rev = r!.AsObject();
                var id = Text(rev, "revisionId") ?? throw new InvalidDataException(
                    "An artifact revision needs a revisionId.");
                return new ArtifactRevisionRecord(
                    Text(rev, "name") ?? "SourceArtifact",
                    id,
                    Text(rev, "revisionChangeIdentifier") ?? id,
                    Text(rev, "revisionSummary"),
                    rev.ContainsKey("createdMinutesAgo")
                        ? now.AddMinutes(-Number(rev, "createdMinutesAgo", 0))
                        : started.AddMinutes(-5),
                    Text(rev, "revisionUrl"));
            }).ToList(),
            StatusSummary = Text(e, "statusSummary"),
        };
        var script = (e["actions"]?.AsObject() ?? []).ToDictionary(
            p => p.Key,
            p =>
            {
                var a = p.Value!.AsObject();
                return new ActionScript(
                    Text(a, "status"), Text(a, "summary"), Text(a, "lastUpdatedBy"), Text(a, "token"),
                    a.ContainsKey("minutesAgo") ? now.AddMinutes(-Number(a, "minutesAgo", 0)) : null,
                    Text(a, "externalExecutionId"));
            },
            StringComparer.Ordinal);
        foreach (var key in script.Keys)
        {
            var parts = key.Split('/');
            if (parts.Length != 2 || pipeline.FindStage(parts[0])?.FindAction(parts[1]) is null)
                throw new InvalidDataException($"Execution {execution.Id} scripts '{key}', which is not a " +
                    $"Stage/Action of the pipeline.");
        }
        var clock = new RunClock(started, now, TimeSpan.FromMinutes(Number(e, "minutesPerAction", 2)));
        PipelineRunner.Start(pipeline, execution, clock, script);
    }

    private static string? Text(JsonObject o, string key) => o[key]?.GetValue<string>();

    private static double Number(JsonObject o, string key, double fallback) =>
        o[key] is JsonValue v ? v.TryGetValue<double>(out var d) ? d : double.Parse(v.ToString(),
            CultureInfo.InvariantCulture) : fallback;
}
