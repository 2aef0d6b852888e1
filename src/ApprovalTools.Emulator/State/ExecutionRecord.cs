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

    /// <summary>The pipeline version the execution started with, and that version's stages, which it keeps.</summary>
    public int PipelineVersion { get; set; }
    public IReadOnlyList<StageDefinition> Definition { get; set; } = [];

    /// <summary>The stage this execution waits in front of (locked by another execution), or null.</summary>
    public string? WaitingAt { get; set; }

    /// <summary>Set by StopPipelineExecution: the reason given, and whether in-progress actions were
    /// abandoned.</summary>
    public string? StopReason { get; set; }
    public bool StopRequested { get; set; }
    public bool Abandoned { get; set; }
}

internal sealed class StageRun
{
    public string Status { get; set; } = "InProgress";
    public Dictionary<string, ActionRun> Actions { get; } = new(StringComparer.Ordinal);

    /// <summary>Action runs a retry replaced, kept for ListActionExecutions.</summary>
    public List<(string Action, ActionRun Run)> Earlier { get; } = [];
}

internal sealed class ActionRun
{
    public required string ActionExecutionId { get; init; }
    public required string Status { get; set; }
    public required DateTimeOffset LastStatusChange { get; set; }
    public DateTimeOffset Started { get; init; }
    public string? Summary { get; set; }
    /// <summary>Manual approvals only: the value PutApprovalResult takes.</summary>
    public string? Token { get; init; }
    /// <summary>Manual approvals only: when the approval fails for want of an answer.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
    /// <summary>Manual approvals only: a person answered it (approved or rejected).</summary>
    public bool Answered { get; set; }
    public string? LastUpdatedBy { get; set; }
    public string? ExternalExecutionId { get; init; }
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
}
