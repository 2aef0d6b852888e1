using System;
using System.Collections.Generic;

namespace ApprovalTools;

/// <summary>A manual approval that is waiting for an answer, with what an approver needs to decide.</summary>
public sealed class PendingApproval
{
    public string PipelineName { get; set; } = "";
    public string StageName { get; set; } = "";
    public string ActionName { get; set; } = "";

    /// <summary>The value PutApprovalResult takes for this run (in PARALLEL mode, the action's external execution id).</summary>
    public string Token { get; set; } = "";

    public string? PipelineExecutionId { get; set; }
    public int? PipelineVersion { get; set; }
    public string? ExecutionMode { get; set; }

    /// <summary>When the action started waiting (UTC).</summary>
    public DateTime? RequestedAt { get; set; }

    /// <summary>When the service gives up on this approval (UTC): RequestedAt plus the action's timeout.</summary>
    public DateTime? ExpiresAt { get; set; }

    public TimeSpan? TimeRemaining => ExpiresAt is { } e ? e - DateTime.UtcNow : null;
    public TimeSpan? WaitingFor => RequestedAt is { } r ? DateTime.UtcNow - r : null;

    public string? CustomData { get; set; }
    public string? ExternalEntityLink { get; set; }
    public string? NotificationArn { get; set; }
    public SourceRevision[] Revisions { get; set; } = Array.Empty<SourceRevision>();

    /// <summary>The first revision's summary (usually the commit message), for tables.</summary>
    public string? RevisionSummary => Revisions.Length > 0 ? Revisions[0].Summary : null;

    /// <summary>
    /// Newer runs waiting in front of the stage, which enter it once this approval is answered or expires
    /// (SUPERSEDED mode: at most one; QUEUED mode: every one, in order). Empty when nothing waits behind it.
    /// </summary>
    public InboundExecution[] InboundExecutions { get; set; } = Array.Empty<InboundExecution>();

    public string? ReviewUrl { get; set; }
    public string? Region { get; set; }
    public string? ProfileName { get; set; }

    public override string ToString() => $"{PipelineName}/{StageName}/{ActionName} ({PipelineExecutionId})";
}

/// <summary>A newer run of the pipeline waiting in front of a stage that an approval holds.</summary>
public sealed class InboundExecution
{
    public string PipelineExecutionId { get; set; } = "";

    /// <summary>The status the service gives the waiting run (InProgress).</summary>
    public string? Status { get; set; }
    public SourceRevision[] Revisions { get; set; } = Array.Empty<SourceRevision>();

    /// <summary>The first revision's summary (usually the commit message).</summary>
    public string? RevisionSummary => Revisions.Length > 0 ? Revisions[0].Summary : null;

    public override string ToString() => $"{PipelineExecutionId}: {RevisionSummary}";
}

/// <summary>A source revision that an execution carries (for example a commit).</summary>
public sealed class SourceRevision
{
    public string? ArtifactName { get; set; }
    public string? RevisionId { get; set; }
    public string? Summary { get; set; }
    public string? Url { get; set; }
    public DateTime? Created { get; set; }

    public override string ToString() => $"{ArtifactName}@{RevisionId}";
}
