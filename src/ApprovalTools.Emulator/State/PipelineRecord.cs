using System.Text.Json.Nodes;

namespace ApprovalTools.Emulator.State;

/// <summary>A pipeline: its declaration, its executions, and which execution each stage currently shows.</summary>
internal sealed class PipelineRecord
{
    public required string Name { get; init; }
    public required int Version { get; init; }
    public required string PipelineType { get; init; }
    public required string ExecutionMode { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required DateTimeOffset Updated { get; init; }
    /// <summary>The GetPipeline "pipeline" value, already normalised to the model's member order.</summary>
    public required JsonObject Declaration { get; init; }
    public required IReadOnlyList<StageDefinition> Stages { get; init; }

    /// <summary>Executions in the order they started.</summary>
    public List<ExecutionRecord> Executions { get; } = [];
    public Dictionary<string, ExecutionRecord> ExecutionsById { get; } = new(StringComparer.Ordinal);

    /// <summary>Stage name -> the execution whose run that stage shows (its latest entrant). With SUPERSEDED mode
    /// different stages can hold different executions.</summary>
    public Dictionary<string, ExecutionRecord> StageHolders { get; } = new(StringComparer.Ordinal);

    public bool IsParallel => ExecutionMode == "PARALLEL";

    public StageDefinition? FindStage(string name) => Stages.FirstOrDefault(s => s.Name == name);

    public void Add(ExecutionRecord execution)
    {
        Executions.Add(execution);
        ExecutionsById[execution.Id] = execution;
    }
}
