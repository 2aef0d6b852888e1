using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace ApprovalTools.Engine;

/// <summary>
/// What an answer or a listing is pinned to: a source revision (the full id or a prefix of at least 7 characters,
/// matched against every artifact revision of the run), an execution, and for listing a deadline.
/// </summary>
internal static class ApprovalPins
{
    /// <summary>True when one of the run's revisions is <paramref name="revision"/> or starts with it.</summary>
    public static bool Carries(PendingApproval approval, string? revision) =>
        revision is null || approval.Revisions.Any(r =>
            r.RevisionId is { } id && id.StartsWith(revision, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the approval expires within <paramref name="within"/> from now (or has no end).</summary>
    public static bool ExpiresWithin(PendingApproval approval, TimeSpan? within) =>
        within is not { } span || (approval.ExpiresAt is { } at && at - DateTime.UtcNow <= span);

    /// <summary>
    /// Of several runs waiting at one action (a PARALLEL pipeline), the one the pins name. None: ExecutionMismatch or
    /// RevisionMismatch naming every run waiting; several (a revision that more than one run carries):
    /// AmbiguousApproval. Nothing has been answered at that point.
    /// </summary>
    public static PendingApproval Choose(IReadOnlyList<PendingApproval> waiting, string? revision, string? executionId)
    {
        var chosen = waiting.Where(w => Carries(w, revision) && (executionId is null
            || string.Equals(w.PipelineExecutionId, executionId, StringComparison.OrdinalIgnoreCase))).ToList();
        if (chosen.Count == 1) return chosen[0];
        var first = waiting[0];
        var where = $"pipeline '{first.PipelineName}', stage '{first.StageName}', action '{first.ActionName}'";
        var runs = string.Join("; ", (chosen.Count == 0 ? waiting : chosen).Select(Describe));
        if (chosen.Count > 1)
            throw new ApprovalToolsException("AmbiguousApproval", ErrorCategory.InvalidOperation,
                $"{chosen.Count} runs carrying revision {revision} are waiting at {where} ({runs}). "
                + "Nothing was answered. Pin the run with -PipelineExecutionId, or pipe the one you mean from "
                + "Get-PendingApproval.");
        var (id, what) = executionId is not null && !waiting.Any(w => string.Equals(w.PipelineExecutionId, executionId,
                StringComparison.OrdinalIgnoreCase))
            ? ("ExecutionMismatch", $"Execution {executionId} is not a run waiting at {where}")
            : ("RevisionMismatch", $"No run carrying revision {revision}"
                + (executionId is null ? "" : $" as execution {executionId}") + $" is waiting at {where}");
        throw new ApprovalToolsException(id, ErrorCategory.InvalidOperation,
            $"{what}: {waiting.Count} runs wait there ({runs}). Nothing was answered.");
    }

    private static string Describe(PendingApproval run) => $"execution {run.PipelineExecutionId}"
        + (run.Revisions.Length == 0 ? "" : " with " + string.Join(", ", run.Revisions.Select(r => r.ToString())));

    /// <summary>
    /// Throws RevisionMismatch or ExecutionMismatch (InvalidOperation) when the run waiting now is not the one the
    /// answer is pinned to, naming what waits instead. Nothing has been answered at that point.
    /// </summary>
    public static void Check(PendingApproval waiting, string? revision, string? executionId)
    {
        var where = $"pipeline '{waiting.PipelineName}', stage '{waiting.StageName}', action '{waiting.ActionName}'";
        var instead = $"execution {waiting.PipelineExecutionId} is waiting there"
            + (waiting.Revisions.Length == 0 ? ""
                : " with " + string.Join(", ", waiting.Revisions.Select(r => r.ToString())))
            + (waiting.RevisionSummary is { Length: > 0 } s ? $" ('{s.Split('\n')[0].Trim()}')" : "");
        if (executionId is not null
            && !string.Equals(waiting.PipelineExecutionId, executionId, StringComparison.OrdinalIgnoreCase))
            throw new ApprovalToolsException("ExecutionMismatch", ErrorCategory.InvalidOperation,
                $"Execution {executionId} is not the run waiting at {where}: {instead}. Nothing was answered.");
        if (!Carries(waiting, revision))
            throw new ApprovalToolsException("RevisionMismatch", ErrorCategory.InvalidOperation,
                $"No run carrying revision {revision} is waiting at {where}: {instead}. Nothing was answered.");
    }
}
