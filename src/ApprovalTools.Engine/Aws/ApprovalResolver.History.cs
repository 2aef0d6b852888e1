using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using ApprovalTools.Client;

namespace ApprovalTools.Aws;

public sealed partial class ApprovalResolver
{
    /// <summary>
    /// The runs of manual approvals in the action history of <paramref name="pipeline"/>, newest start first (of one
    /// execution when <paramref name="executionId"/> is given). With <paramref name="decidedSince"/>, paging stops
    /// once the runs start so early that none of them can have been decided since then: before that time minus the
    /// longest wait of the pipeline's approvals.
    /// </summary>
    public async IAsyncEnumerable<ActionExecutionDetail> ApprovalRunsAsync(string pipeline, string? executionId,
        DateTime? decidedSince, [EnumeratorCancellation] CancellationToken ct)
    {
        string? next = null;
        DateTime? horizon = null;
        do
        {
            var page = await ActionHistoryAsync(pipeline, executionId, next, ct).ConfigureAwait(false);
            foreach (var run in page.ActionExecutionDetails)
                if (await IsApprovalRunAsync(pipeline, run, ct).ConfigureAwait(false))
                    yield return run;
            next = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
            if (next is null || decidedSince is not { } since) continue;
            horizon ??= since - await LongestWaitAsync(pipeline, ct).ConfigureAwait(false);
            if (page.ActionExecutionDetails.LastOrDefault()?.StartTime is { } oldest && oldest < horizon)
            {
                verbose?.Invoke($"The history of {pipeline} is read back to {oldest:yyyy-MM-dd HH:mm:ss}Z; "
                    + "nothing older can have been decided in the window.");
                next = null;
            }
        } while (next is not null);
    }

    // One page of the action history of a pipeline (of one execution when executionId is given).
    private Task<ListActionExecutionsResponse> ActionHistoryAsync(string pipeline, string? executionId, string? next,
        CancellationToken ct)
    {
        var of = executionId is null ? "" : $" of execution {executionId}";
        verbose?.Invoke($"ListActionExecutions {pipeline}{of}");
        return Client.ListActionExecutionsAsync(new()
        {
            PipelineName = pipeline,
            Filter = executionId is null ? null : new() { PipelineExecutionId = executionId },
            NextToken = next,
        }, ct);
    }

    /// <summary>
    /// How a run ended: Approved, Rejected, Expired (failed by its timeout, decided as for a refused token) or
    /// Abandoned; null while it is still waiting (or in a state that is no decision).
    /// </summary>
    public async Task<string?> DecisionAsync(string pipeline, ActionExecutionDetail run, CancellationToken ct)
    {
        var result = run.Output?.ExecutionResult;
        return run.Status switch
        {
            "Succeeded" => "Approved",
            "Abandoned" => "Abandoned",
            "Failed" => await IsTimeoutAsync(pipeline, run.StageName ?? "", run.ActionName ?? "",
                new Seen(run.Status, result?.ExternalExecutionSummary, run.UpdatedBy, run.LastUpdateTime,
                    run.StartTime, result?.ErrorDetails, run.PipelineExecutionId, run.PipelineVersion),
                run.PipelineVersion, ct).ConfigureAwait(false) ? "Expired" : "Rejected",
            _ => null,
        };
    }

    /// <summary>The source revisions an execution carries; none when it cannot be read.</summary>
    public async Task<SourceRevision[]> ExecutionRevisionsAsync(string pipeline, string? executionId,
        CancellationToken ct)
    {
        if (executionId is null) return Array.Empty<SourceRevision>();
        try { return Revisions(await GetExecutionAsync(pipeline, executionId, ct).ConfigureAwait(false)); }
        catch (Exception e) when (!ct.IsCancellationRequested && e is AmazonServiceException or AmazonClientException)
        {
            verbose?.Invoke($"Execution {executionId} could not be read: {e.Message}");
            return Array.Empty<SourceRevision>();
        }
    }

    // The history names the action type of each run; without it, the declaration of the run's version does.
    private async Task<bool> IsApprovalRunAsync(string pipeline, ActionExecutionDetail run, CancellationToken ct)
    {
        if (run.Input?.ActionTypeId is { } type) return IsManualApproval(type);
        var declaration = await GetDeclarationAsync(pipeline, run.PipelineVersion, ct).ConfigureAwait(false);
        return FindAction(declaration, run.StageName, run.ActionName) is { } declared && IsManualApproval(declared);
    }

    private async Task<TimeSpan> LongestWaitAsync(string pipeline, CancellationToken ct)
    {
        var declaration = await GetDeclarationAsync(pipeline, null, ct).ConfigureAwait(false);
        var waits = (declaration.Pipeline?.Stages ?? new()).SelectMany(s => s.Actions ?? new())
            .Where(IsManualApproval).Select(Timeout).ToList();
        // An hour of slack, as for the executions in progress: the service's clock and ours differ a little.
        return (waits.Count == 0 ? DefaultApprovalTimeout : waits.Max()) + TimeSpan.FromHours(1);
    }
}
