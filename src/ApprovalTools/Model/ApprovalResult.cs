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

    private DateTime? _respondedAt;

    /// <summary>
    /// When the service recorded the answer (its approvedAt), as a local DateTime (see <see cref="Instant"/>).
    /// </summary>
    public DateTime? RespondedAt { get => _respondedAt; set => _respondedAt = Instant.Normalize(value); }

    /// <summary>
    /// Who the service records as having answered (the caller's ARN), when the module read it back: after a lost
    /// reply it reads the action's state to confirm the answer; otherwise null (the reply does not name the caller).
    /// </summary>
    public string? AnsweredBy { get; set; }
    public string? Region { get; set; }

    /// <summary>The profile whose credentials answered (null when they came from elsewhere).</summary>
    public string? ProfileName { get; set; }

    /// <summary>The credentials file of that profile, when not the default one.</summary>
    public string? ProfileLocation { get; set; }

    /// <summary>The endpoint the answer was sent to, when not the regional CodePipeline endpoint.</summary>
    public string? EndpointUrl { get; set; }

    /// <summary>The access key id (never the secret) of the credentials that signed the answer.</summary>
    public string? AccessKeyId { get; set; }

    public override string ToString() => $"{PipelineName}/{StageName}/{ActionName}: {Status}";
}
