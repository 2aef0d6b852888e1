using System;

namespace ApprovalTools.Aws;

/// <summary>
/// What the service shows for one run of a manual approval (one token), and what waits at the action now: read
/// after the service refused a token or an answer's reply was lost, so the module can say what really happened.
/// </summary>
public sealed class ApprovalRun
{
    /// <summary>Waiting, Approved, Rejected, Expired, Abandoned, or Unknown when the run could not be found.</summary>
    public string Status { get; set; } = "Unknown";
    public string? Summary { get; set; }

    /// <summary>The ARN of whoever answered (the caller of PutApprovalResult).</summary>
    public string? By { get; set; }

    /// <summary>When the run was answered, expired or abandoned (UTC).</summary>
    public DateTime? At { get; set; }

    public string? ExecutionId { get; set; }

    /// <summary>The status of the run's execution: Stopped, Superseded, Failed, InProgress...</summary>
    public string? ExecutionStatus { get; set; }

    /// <summary>The pipeline version the run belongs to, and the pipeline's version now.</summary>
    public int? Version { get; set; }
    public int? CurrentVersion { get; set; }

    /// <summary>The run waiting at the action now, if any (its execution and token).</summary>
    public string? WaitingExecutionId { get; set; }
    public string? WaitingToken { get; set; }

    /// <summary>
    /// True when the run holds exactly this answer. An empty summary is stored as the service's own
    /// "Approved by ARN" / "Rejected by ARN" text, or as nothing: both are the same empty answer.
    /// </summary>
    public bool Holds(string status, string? summary)
    {
        if (Status != status) return false;
        if (!string.IsNullOrEmpty(summary)) return Summary == summary;
        return string.IsNullOrEmpty(Summary) || Summary == ServiceSummary(status, By);
    }

    /// <summary>The summary the service records for an answer given without one.</summary>
    public static string ServiceSummary(string status, string? by) => $"{status} by {by}";

    /// <summary>What became of the run, as a clause: "it was approved by ... at ...".</summary>
    public string Describe()
    {
        var when = At is { } at ? $" at {at:yyyy-MM-dd HH:mm:ss}Z" : "";
        var text = Status switch
        {
            "Approved" or "Rejected" => $"it was already {Status.ToLowerInvariant()}"
                + (By is null ? "" : $" by {By}") + when
                + (string.IsNullOrEmpty(Summary) || Summary == ServiceSummary(Status, By) ? "" : $" ('{Summary}')"),
            "Expired" => $"it expired{when} without an answer",
            "Abandoned" => ExecutionStatus switch
            {
                "Stopped" or "Stopping" => $"its execution was stopped{when}",
                "Superseded" => $"its execution was superseded{when}",
                _ => $"it was abandoned{when}" + (ExecutionStatus is null ? "" : $" (execution {ExecutionStatus})"),
            },
            "Waiting" => "it is still waiting",
            _ => "its run could not be found in the action's history",
        };
        if (WaitingToken is not null && Status != "Waiting")
            text += WaitingExecutionId is not null && WaitingExecutionId == ExecutionId
                ? "; the stage was retried and the same execution waits there again with a new token"
                : $"; execution {WaitingExecutionId} is waiting there now";
        if (Version is { } v && CurrentVersion is { } current && current != v)
            text += $"; the pipeline has since been updated (version {v} to {current})";
        return text;
    }
}
