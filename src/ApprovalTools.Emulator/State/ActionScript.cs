namespace ApprovalTools.Emulator.State;

/// <summary>
/// How one action of a seeded execution turns out, keyed "Stage/Action". Absent: other actions succeed and
/// manual approvals wait (InProgress) with a fresh token. Status may be Succeeded, Failed, InProgress, or for
/// approvals Approved/Rejected.
/// </summary>
internal sealed record ActionScript(
    string? Status = null,
    string? Summary = null,
    string? LastUpdatedBy = null,
    string? Token = null,
    DateTimeOffset? At = null,
    string? ExternalExecutionId = null);
