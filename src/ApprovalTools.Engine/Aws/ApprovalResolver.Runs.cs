using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using ApprovalTools.Client;

namespace ApprovalTools.Aws;

public sealed partial class ApprovalResolver
{
    /// <summary>
    /// What became of the run that <paramref name="token"/> answers, and what waits at the action now: read from
    /// GetPipelineState, then (where allowed) ListActionExecutions and GetPipelineExecution. Null when even the
    /// pipeline state cannot be read.
    /// </summary>
    public async Task<ApprovalRun?> ReadRunAsync(string pipeline, string stage, string action, string token,
        string? executionId, CancellationToken ct)
    {
        GetPipelineStateResponse state;
        try
        {
            verbose?.Invoke($"GetPipelineState {pipeline} to see what became of {stage}/{action} token {token}");
            state = await Client.GetPipelineStateAsync(new() { Name = pipeline }, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            verbose?.Invoke($"The action's state could not be read: {e.Message}");
            return null;
        }
        var stageState = state.StageStates?.FirstOrDefault(s => s.StageName == stage);
        var latest = stageState?.ActionStates?.FirstOrDefault(a => a.ActionName == action)?.LatestExecution;
        var latestExecution = stageState?.LatestExecution?.PipelineExecutionId;
        var waiting = latest?.Status == "InProgress" ? latest.Token ?? latest.ExternalExecutionId : null;

        Seen? seen = latest is not null && (latest.Token == token || latest.ExternalExecutionId == token)
            ? new(latest.Status, latest.Summary, latest.LastUpdatedBy, latest.LastStatusChange, null,
                latest.ErrorDetails, latestExecution, null)
            : null;
        executionId ??= seen?.ExecutionId;
        // The history gives the run's start (to tell a timeout) and finds runs that are no longer the latest.
        if (seen is null || seen.Status == "Failed")
            seen = await FindInHistoryAsync(pipeline, stage, action, token, executionId, ct).ConfigureAwait(false)
                ?? seen;
        executionId ??= seen?.ExecutionId;

        // The execution tells why a run was abandoned (stopped, superseded) or where a run that is gone went.
        var execution = executionId is null || seen?.Status is "Succeeded" or "Failed" or "InProgress" ? null
            : await TryGetExecutionAsync(pipeline, executionId, ct).ConfigureAwait(false);
        var version = seen?.Version ?? execution?.PipelineVersion;
        var status = seen?.Status switch
        {
            null => execution?.Status is "Stopped" or "Stopping" or "Superseded" ? "Abandoned" : "Unknown",
            "InProgress" => "Waiting",
            "Succeeded" => "Approved",
            "Failed" => await IsTimeoutAsync(pipeline, stage, action, seen, version, ct).ConfigureAwait(false)
                ? "Expired" : "Rejected",
            var other => other,
        };
        return new ApprovalRun
        {
            Status = status,
            Summary = seen?.Summary,
            By = status is "Approved" or "Rejected" ? seen?.By : null,
            At = seen?.At,
            ExecutionId = executionId,
            ExecutionStatus = execution?.Status,
            Version = version,
            CurrentVersion = state.PipelineVersion,
            WaitingExecutionId = waiting is null || waiting == token ? null : latestExecution,
            WaitingToken = waiting == token ? null : waiting,
        };
    }

    private sealed class Seen(string? status, string? summary, string? by, DateTime? at, DateTime? started,
        ErrorDetails? error, string? executionId, int? version)
    {
        public string? Status => status;
        public string? Summary => summary;
        public string? By => by;
        public DateTime? At => at;
        public DateTime? Started => started;
        public ErrorDetails? Error => error;
        public string? ExecutionId => executionId;
        public int? Version => version;
    }

    // The run in the action history whose external execution id is the token (the service gives an approval's
    // token there). Without permission for ListActionExecutions, null: the state alone must do.
    private async Task<Seen?> FindInHistoryAsync(string pipeline, string stage, string action, string token,
        string? executionId, CancellationToken ct)
    {
        try
        {
            var page = await ActionHistoryAsync(pipeline, executionId, null, ct).ConfigureAwait(false);
            var run = page.ActionExecutionDetails.FirstOrDefault(d => d.StageName == stage && d.ActionName == action
                && d.Output?.ExecutionResult?.ExternalExecutionId == token);
            return run is null ? null : new(run.Status, run.Output?.ExecutionResult?.ExternalExecutionSummary,
                run.UpdatedBy, run.LastUpdateTime, run.StartTime, run.Output?.ExecutionResult?.ErrorDetails,
                run.PipelineExecutionId, run.PipelineVersion);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is AmazonServiceException or AmazonClientException)
        {
            verbose?.Invoke($"The action history could not be read: {e.Message}");
            return null;
        }
    }

    private async Task<PipelineExecution?> TryGetExecutionAsync(string pipeline, string executionId,
        CancellationToken ct)
    {
        try { return await GetExecutionAsync(pipeline, executionId, ct).ConfigureAwait(false); }
        catch (Exception e) when (!ct.IsCancellationRequested && e is AmazonServiceException or AmazonClientException)
        {
            verbose?.Invoke($"Execution {executionId} could not be read: {e.Message}");
            return null;
        }
    }

    // A failed approval is a rejection unless it timed out: the service says so in the error, or nobody answered
    // and it ended when its timeout ran out. How the service words a timeout is not documented, so the error text
    // is one hint and the missing caller with the elapsed time the other.
    private async Task<bool> IsTimeoutAsync(string pipeline, string stage, string action, Seen run, int? version,
        CancellationToken ct)
    {
        var error = $"{run.Error?.Code} {run.Error?.Message}";
        if (error.IndexOf("expire", StringComparison.OrdinalIgnoreCase) >= 0
            || error.IndexOf("timed out", StringComparison.OrdinalIgnoreCase) >= 0
            || error.IndexOf("timeout", StringComparison.OrdinalIgnoreCase) >= 0)
            return true;
        if (!string.IsNullOrEmpty(run.By)) return false;
        // Every answer records its caller: a failure without one, and no start time to compare, was no answer.
        if (run.Started is not { } started || run.At is not { } ended) return true;
        try
        {
            var declaration = await GetDeclarationAsync(pipeline, version, ct).ConfigureAwait(false);
            var declared = FindAction(declaration, stage, action);
            return declared is not null && ended - started >= Timeout(declared) - TimeSpan.FromMinutes(1);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is AmazonServiceException or AmazonClientException)
        {
            return false;
        }
    }
}
