namespace ApprovalTools.Emulator.State;

internal sealed record ArtifactRevisionRecord(
    string Name,
    string RevisionId,
    string RevisionChangeIdentifier,
    string? RevisionSummary,
    DateTimeOffset Created,
    string? RevisionUrl);

/// <summary>One pipeline execution and what it did in each stage it entered.</summary>
internal sealed class ExecutionRecord
{
    public required string Id { get; init; }
    public required DateTimeOffset Started { get; init; }
    public required string TriggerType { get; init; }
    public required string TriggerDetail { get; init; }
    public required IReadOnlyList<ArtifactRevisionRecord> ArtifactRevisions { get; init; }
    public string Status { get; set; } = "InProgress";
    public string? StatusSummary { get; set; }
    public DateTimeOffset LastUpdated { get; set; }
    public Dictionary<string, StageRun> Stages { get; } = new(StringComparer.Ordinal);
}

internal sealed class StageRun
{
    public string Status { get; set; } = "InProgress";
    public Dictionary<string, ActionRun> Actions { get; } = new(StringComparer.Ordinal);
}

internal sealed class ActionRun
{
    public required string ActionExecutionId { get; init; }
    public required string Status { get; set; }
    public required DateTimeOffset LastStatusChange { get; set; }
    public string? Summary { get; set; }
    /// <summary>Manual approvals only: the value PutApprovalResult takes.</summary>
    public string? Token { get; init; }
    public string? LastUpdatedBy { get; set; }
    public string? ExternalExecutionId { get; init; }
    public string? ErrorCode { get; set; }
}
