using System.Text.Json.Nodes;

namespace ApprovalTools.Emulator.State;

/// <summary>A pipeline: its declaration(s), its executions, which execution each stage currently shows, and the
/// executions waiting in front of each locked stage.</summary>
internal sealed class PipelineRecord
{
    public required string Name { get; init; }
    public required int Version { get; set; }
    public required string PipelineType { get; set; }
    public required string ExecutionMode { get; set; }
    public required DateTimeOffset Created { get; init; }
    public required DateTimeOffset Updated { get; set; }
    /// <summary>The GetPipeline "pipeline" value, already normalised to the model's member order.</summary>
    public required JsonObject Declaration { get; set; }
    public required IReadOnlyList<StageDefinition> Stages { get; set; }

    /// <summary>Every version's declaration, so GetPipeline with an older version still answers.</summary>
    public Dictionary<int, JsonObject> Versions { get; } = [];

    /// <summary>Executions in the order they started.</summary>
    public List<ExecutionRecord> Executions { get; } = [];
    public Dictionary<string, ExecutionRecord> ExecutionsById { get; } = new(StringComparer.Ordinal);

    /// <summary>Stage name -> the execution whose run that stage shows (its latest entrant). With SUPERSEDED mode
    /// different stages can hold different executions.</summary>
    public Dictionary<string, ExecutionRecord> StageHolders { get; } = new(StringComparer.Ordinal);

    /// <summary>Stage name -> executions waiting in front of it, oldest first (SUPERSEDED: at most one).</summary>
    public Dictionary<string, List<ExecutionRecord>> Inbound { get; } = new(StringComparer.Ordinal);

    public bool IsParallel => ExecutionMode == "PARALLEL";

    public StageDefinition? FindStage(string name) => Stages.FirstOrDefault(s => s.Name == name);

    public void Add(ExecutionRecord execution)
    {
        execution.PipelineVersion = Version;
        execution.Definition = Stages;
        Executions.Add(execution);
        ExecutionsById[execution.Id] = execution;
    }
}
