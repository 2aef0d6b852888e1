using System;

namespace ApprovalTools;

/// <summary>
/// One decided run of a manual approval, from the action history: who answered it, how, when and why, or how it
/// ended without an answer. Every property is a plain value, so Export-Csv gives readable columns.
/// </summary>
public sealed class ApprovalRecord
{
    public string PipelineName { get; set; } = "";
    public string StageName { get; set; } = "";
    public string ActionName { get; set; } = "";
    public string? PipelineExecutionId { get; set; }

    /// <summary>The service's id of this run of the action.</summary>
    public string? ActionExecutionId { get; set; }

    /// <summary>Approved, Rejected, Expired (failed by its timeout) or Abandoned (its execution was stopped).</summary>
    public string Status { get; set; } = "";

    /// <summary>The summary the answer recorded (the service's "Approved by ARN" when none was given).</summary>
    public string? Summary { get; set; }

    /// <summary>The ARN of whoever answered (the caller of PutApprovalResult); null when nobody answered.</summary>
    public string? AnsweredBy { get; set; }

    /// <summary>
    /// The short name of <see cref="AnsweredBy"/>: the user name, or the session name of an assumed role.
    /// </summary>
    public string? AnsweredByName => ShortName(AnsweredBy);

    /// <summary>When the action started waiting (UTC).</summary>
    public DateTime? RequestedAt { get; set; }

    /// <summary>When the run was answered, expired or abandoned (UTC).</summary>
    public DateTime? AnsweredAt { get; set; }

    /// <summary>How long the approval waited for its decision.</summary>
    public TimeSpan? WaitedFor => RequestedAt is { } r && AnsweredAt is { } a ? a - r : null;

    /// <summary>The run's source revisions, as "artifact@revision" separated by "; ".</summary>
    public string? Revisions { get; set; }

    /// <summary>The first revision's summary (usually the commit message).</summary>
    public string? RevisionSummary { get; set; }

    public string? Region { get; set; }
    public string? ProfileName { get; set; }

    /// <summary>
    /// The last part of an IAM or STS ARN: "jane" for user/jane and user/team/jane, the session name for
    /// assumed-role/Role/session, the name for role/Name; anything else as it is.
    /// </summary>
    public static string? ShortName(string? arn)
    {
        if (string.IsNullOrEmpty(arn) || !arn!.StartsWith("arn:", StringComparison.Ordinal)) return arn;
        var parts = arn.Split(new[] { ':' }, 6);
        if (parts.Length < 6) return arn;
        var resource = parts[5];
        var slash = resource.LastIndexOf('/');
        return slash >= 0 && slash < resource.Length - 1 ? resource.Substring(slash + 1) : resource;
    }

    public override string ToString() => $"{PipelineName}/{StageName}/{ActionName}: {Status}";
}
