using System;

namespace ApprovalTools;

/// <summary>The answer given to a manual approval.</summary>
public sealed class ApprovalResult
{
    public string PipelineName { get; set; } = "";
    public string StageName { get; set; } = "";
    public string ActionName { get; set; } = "";

    /// <summary>Approved or Rejected.</summary>
    public string Status { get; set; } = "";
    public string? Summary { get; set; }
    public string Token { get; set; } = "";
    public string? PipelineExecutionId { get; set; }

    /// <summary>When the service recorded the answer (its approvedAt, UTC).</summary>
    public DateTime? RespondedAt { get; set; }

    /// <summary>
    /// Who the service records as having answered (the caller's ARN), when the module read it back: after a lost
    /// reply it reads the action's state to confirm the answer; otherwise null (the reply does not name the caller).
    /// </summary>
    public string? AnsweredBy { get; set; }
    public string? Region { get; set; }

    public override string ToString() => $"{PipelineName}/{StageName}/{ActionName}: {Status}";
}
