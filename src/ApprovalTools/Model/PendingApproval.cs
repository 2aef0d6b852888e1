using System;
using System.Collections.Generic;

namespace ApprovalTools;

/// <summary>A manual approval that is waiting for an answer, with what an approver needs to decide.</summary>
public sealed class PendingApproval
{
    public string PipelineName { get; set; } = "";
    public string StageName { get; set; } = "";
    public string ActionName { get; set; } = "";

    /// <summary>
    /// The value PutApprovalResult takes for this run (in PARALLEL mode, the action's external execution id).
    /// </summary>
    public string Token { get; set; } = "";

    public string? PipelineExecutionId { get; set; }
    public int? PipelineVersion { get; set; }
    public string? ExecutionMode { get; set; }

    private DateTime? _requestedAt, _expiresAt;

    /// <summary>When the action started waiting (a local DateTime: see <see cref="Instant.Normalize"/>).</summary>
    public DateTime? RequestedAt { get => _requestedAt; set => _requestedAt = Instant.Normalize(value); }

    /// <summary>When the service gives up on this approval: RequestedAt plus the action's timeout.</summary>
    public DateTime? ExpiresAt { get => _expiresAt; set => _expiresAt = Instant.Normalize(value); }

    public TimeSpan? TimeRemaining => ExpiresAt is { } e ? e.ToUniversalTime() - DateTime.UtcNow : null;
    public TimeSpan? WaitingFor => RequestedAt is { } r ? DateTime.UtcNow - r.ToUniversalTime() : null;

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

    /// <summary>
    /// The console link that opens this approval's review dialog (as the approvalReviewLink of the approval
    /// notification): https://console.aws.amazon.com/codepipeline/home?region=R#/view/P/S/A/approve/TOKEN.
    /// </summary>
    public string? ApprovalUrl { get; set; }

    /// <summary>
    /// What started the execution, from its trigger: the trigger type and, when the service gives one, its detail
    /// (such as "WebhookV2: arn:aws:codestar-connections:..." or "StartPipelineExecution: arn:aws:iam::...:user/x").
    /// </summary>
    public string? StartedBy { get; set; }
    public string? Region { get; set; }

    /// <summary>The profile whose credentials listed this approval (null when they came from elsewhere).</summary>
    public string? ProfileName { get; set; }

    /// <summary>The credentials file that profile was read from (full path), when not the default one.</summary>
    public string? ProfileLocation { get; set; }

    /// <summary>The endpoint the approval was listed at, when not the regional CodePipeline endpoint.</summary>
    public string? EndpointUrl { get; set; }

    /// <summary>
    /// The access key id (never the secret) of the keys this approval was listed with when they came from a source the
    /// object cannot name again (-AccessKey, -Credential, $StoredAWSCredentials, AWS_ACCESS_KEY_ID): answering it
    /// without credential parameters requires credentials with this access key id.
    /// </summary>
    public string? AccessKeyId { get; set; }

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

    private DateTime? _created;

    /// <summary>When the revision was made (a local DateTime, as every time the module gives).</summary>
    public DateTime? Created { get => _created; set => _created = Instant.Normalize(value); }

    public override string ToString() => $"{ArtifactName}@{RevisionId}";
}

/// <summary>
/// The one time convention of the module: every DateTime it gives is the true instant as a local DateTime
/// (Kind Local), because PowerShell subtracts and compares DateTime values without looking at their Kind, and
/// Get-Date is local: <c>(Get-Date) - $approval.RequestedAt</c> is then the true age in any time zone. The views
/// show these times in UTC, marked Z (<c>2026-12-02 06:03Z</c>); <c>.ToUniversalTime()</c> gives the UTC value.
/// </summary>
internal static class Instant
{
    /// <summary>The instant as a local DateTime. A value without a Kind (Unspecified) is taken as UTC.</summary>
    public static DateTime? Normalize(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Local } local => local,
        { } other => DateTime.SpecifyKind(other, DateTimeKind.Utc).ToLocalTime(),
    };

    /// <summary>The instant in UTC, as the views show it: 2026-12-02 06:03Z.</summary>
    public static string Format(DateTime? value) =>
        value is { } v
            ? v.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture)
            : "";
}
