using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ApprovalTools.Client;

namespace ApprovalTools.Aws;

/// <summary>
/// Reads pipeline state and turns each manual approval that is waiting into a <see cref="PendingApproval"/>.
/// The one place that decides which token answers which run, for listing and for answering by name alike.
/// </summary>
public sealed partial class ApprovalResolver(ResolvedSession session, Action<string>? verbose = null,
    Action<string>? warning = null)
{
    /// <summary>The service's default wait for a manual approval when the action sets no timeout.</summary>
    public static readonly TimeSpan DefaultApprovalTimeout = TimeSpan.FromDays(7);

    private readonly ConcurrentDictionary<string, Task<GetPipelineResponse>> _declarations = new();
    private readonly ConcurrentDictionary<string, Task<PipelineExecution?>> _executions = new();

    private CodePipelineClient Client => session.Client;

    /// <summary>
    /// Every approval waiting in the pipeline that passes the filters. <paramref name="executionModeHint"/> is the
    /// mode ListPipelines reported, if known. A pipeline named without a hint is looked up (GetPipeline, cached per
    /// version) when its state shows nothing waiting, since a PARALLEL pipeline's state may not show its waiting runs.
    /// </summary>
    public async Task<IReadOnlyList<PendingApproval>> FindPendingAsync(string pipelineName,
        Func<string, bool>? stageFilter, Func<string, bool>? actionFilter, CancellationToken ct,
        string? executionModeHint = null)
    {
        verbose?.Invoke($"GetPipelineState {pipelineName}");
        var state = await Client.GetPipelineStateAsync(new() { Name = pipelineName }, ct).ConfigureAwait(false);

        var waiting = (from stage in state.StageStates ?? new()
                       where stageFilter?.Invoke(stage.StageName ?? "") ?? true
                       from action in stage.ActionStates ?? new()
                       where action.LatestExecution?.Status == "InProgress"
                       where actionFilter?.Invoke(action.ActionName ?? "") ?? true
                       select (stage, action)).ToList();
        if (waiting.Count == 0 && executionModeHint is not null && executionModeHint != Parallel)
            return Array.Empty<PendingApproval>();

        // Only the declaration says which in-progress actions are approvals, how long they wait, and the execution
        // mode.
        var declaration = await TryGetDeclarationAsync(pipelineName, state.PipelineVersion, ct).ConfigureAwait(false);
        var found = new List<PendingApproval>();
        foreach (var (stage, action) in waiting)
        {
            // Without it, the state alone: only a manual approval carries a token there.
            var declared = declaration is null ? new ActionDeclaration { Name = action.ActionName }
                : FindAction(declaration, stage.StageName, action.ActionName);
            if (declaration is null && !string.IsNullOrEmpty(action.LatestExecution?.Token))
            {
                found.Add(await ToPendingAsync(StandIn(pipelineName, state.PipelineVersion), stage, stage.StageName!,
                    declared!, action.LatestExecution!.Token!, stage.LatestExecution?.PipelineExecutionId,
                    action.LatestExecution.LastStatusChange, ct).ConfigureAwait(false));
                continue;
            }
            var token = action.LatestExecution?.Token;
            if (declaration is null || declared is null || !IsManualApproval(declared) || string.IsNullOrEmpty(token))
                continue;
            found.Add(await ToPendingAsync(declaration, stage, stage.StageName!, declared, token!,
                    stage.LatestExecution?.PipelineExecutionId, action.LatestExecution!.LastStatusChange, ct)
                .ConfigureAwait(false));
        }
        if (declaration?.Pipeline?.ExecutionMode != Parallel) return found;

        // PARALLEL: the state shows at most one run per action and no token; each waiting run is in the history.
        var parallel = await FindParallelAsync(declaration, state, stageFilter, actionFilter, ct).ConfigureAwait(false);
        foreach (var run in parallel)
            if (!found.Any(f => f.Token == run.Token)) found.Add(run);
        return found;
    }

    private const string Parallel = "PARALLEL";

    /// <summary>
    /// PARALLEL pipelines: several runs can wait at one approval. The executions still in progress (newest first,
    /// back to the longest approval timeout) are read, and for each one its action runs: the externalExecutionId
    /// of a waiting approval run is what PutApprovalResult takes. Runs of executions that are not PARALLEL (from
    /// before the pipeline changed mode) show their token in the state instead.
    /// </summary>
    private async Task<IReadOnlyList<PendingApproval>> FindParallelAsync(GetPipelineResponse declaration,
        GetPipelineStateResponse state, Func<string, bool>? stageFilter, Func<string, bool>? actionFilter,
        CancellationToken ct)
    {
        var pipelineName = declaration.Pipeline!.Name!;
        var approvals = (from stage in declaration.Pipeline.Stages ?? new()
                         where stageFilter?.Invoke(stage.Name ?? "") ?? true
                         from action in stage.Actions ?? new()
                         where IsManualApproval(action) && (actionFilter?.Invoke(action.Name ?? "") ?? true)
                         select (stage: stage.Name!, action)).ToDictionary(a => $"{a.stage}/{a.action.Name}", a => a);
        if (approvals.Count == 0) return Array.Empty<PendingApproval>();

        var found = new List<PendingApproval>();
        var longest = approvals.Values.Max(a => Timeout(a.action));
        foreach (var executionId in await InProgressExecutionsAsync(pipelineName, longest, ct).ConfigureAwait(false))
        {
            ListActionExecutionsResponse page;
            try
            {
                verbose?.Invoke($"ListActionExecutions {pipelineName} of execution {executionId}");
                page = await Client.ListActionExecutionsAsync(new()
                {
                    PipelineName = pipelineName,
                    Filter = new() { PipelineExecutionId = executionId },
                }, ct).ConfigureAwait(false);
            }
            catch (Amazon.Runtime.AmazonServiceException e) when (IsAccessDenied(e))
            {
                throw new ApprovalToolsException("AccessDenied", ErrorCategory.PermissionDenied,
                    $"Pipeline '{pipelineName}' runs in PARALLEL mode, where the waiting runs are listed only by "
                    + "ListActionExecutions, and this identity is not allowed codepipeline:ListActionExecutions "
                    + "(the managed policy AWSCodePipelineApproverAccess does not grant it). Add that permission "
                    + $"for this pipeline to list and answer its approvals. The service said: {e.Message}");
            }
            foreach (var run in page.ActionExecutionDetails)
            {
                if (run.Status != "InProgress"
                    || !approvals.TryGetValue($"{run.StageName}/{run.ActionName}", out var approval))
                    continue;
                var token = run.Output?.ExecutionResult?.ExternalExecutionId;
                if (string.IsNullOrEmpty(token)) continue;
                var stage = state.StageStates?.FirstOrDefault(s => s.StageName == approval.stage);
                found.Add(await ToPendingAsync(declaration, stage, approval.stage, approval.action, token!,
                    run.PipelineExecutionId, run.StartTime, ct).ConfigureAwait(false));
            }
        }
        return found;
    }

    // Executions in progress, newest first; nothing started before the longest approval timeout can still wait.
    private async Task<IReadOnlyList<string>> InProgressExecutionsAsync(string pipelineName, TimeSpan longest,
        CancellationToken ct)
    {
        var horizon = DateTime.UtcNow - longest - TimeSpan.FromHours(1);
        var ids = new List<string>();
        string? next = null;
        do
        {
            verbose?.Invoke($"ListPipelineExecutions {pipelineName}");
            var request = new ListPipelineExecutionsRequest { PipelineName = pipelineName, NextToken = next };
            var page = await Client.ListPipelineExecutionsAsync(request, ct).ConfigureAwait(false);
            ids.AddRange(page.PipelineExecutionSummaries
                .Where(e => e.Status is "InProgress" or "Stopping" && e.PipelineExecutionId is not null
                    && (e.ExecutionMode is null || e.ExecutionMode == Parallel))
                .Select(e => e.PipelineExecutionId!));
            var pastHorizon = page.PipelineExecutionSummaries.Any(e => e.StartTime is { } t && t < horizon);
            next = pastHorizon ? null : page.NextToken;
        } while (!string.IsNullOrEmpty(next));
        return ids;
    }

    /// <summary>
    /// The approval waiting at one action now. Throws <see cref="ApprovalToolsException"/> (StageNotFound,
    /// ActionNotFound, NotAnApprovalAction, NoPendingApproval) naming what the action is doing instead. Where several
    /// runs of a PARALLEL pipeline wait there, the pins (<paramref name="revision"/>, <paramref name="executionId"/>)
    /// choose among them (AmbiguousApproval without pins).
    /// </summary>
    public async Task<PendingApproval> ResolveAsync(string pipelineName, string stageName, string actionName,
        CancellationToken ct, string? revision = null, string? executionId = null)
    {
        verbose?.Invoke($"GetPipelineState {pipelineName} to resolve the token of {stageName}/{actionName}");
        var state = await Client.GetPipelineStateAsync(new() { Name = pipelineName }, ct).ConfigureAwait(false);
        var declaration = await GetDeclarationAsync(pipelineName, state.PipelineVersion, ct).ConfigureAwait(false);
        var where = $"pipeline '{pipelineName}', stage '{stageName}', action '{actionName}'";

        var stageDeclared = declaration.Pipeline?.Stages?.FirstOrDefault(s => s.Name == stageName)
            ?? throw new ApprovalToolsException("StageNotFound", ErrorCategory.ObjectNotFound,
                $"Pipeline '{pipelineName}' has no stage '{stageName}'.");
        var declared = stageDeclared.Actions?.FirstOrDefault(a => a.Name == actionName)
            ?? throw new ApprovalToolsException("ActionNotFound", ErrorCategory.ObjectNotFound,
                $"Stage '{stageName}' of pipeline '{pipelineName}' has no action '{actionName}'.");
        if (!IsManualApproval(declared))
            throw new ApprovalToolsException("NotAnApprovalAction", ErrorCategory.InvalidArgument,
                $"The action at {where} is not a manual approval "
                + $"(it is {declared.ActionTypeId?.Category}/{declared.ActionTypeId?.Provider}).");

        if (declaration.Pipeline?.ExecutionMode == Parallel)
        {
            var runs = await FindParallelAsync(declaration, state, s => s == stageName, a => a == actionName, ct)
                .ConfigureAwait(false);
            if (runs.Count > 1 && (revision ?? executionId) is not null)
                return Engine.ApprovalPins.Choose(runs, revision, executionId);
            if (runs.Count > 1)
                throw new ApprovalToolsException("AmbiguousApproval", ErrorCategory.InvalidOperation,
                    $"{runs.Count} runs are waiting at {where} "
                    + $"(executions {string.Join(", ", runs.Select(r => r.PipelineExecutionId))}). "
                    + "Pipe the one you mean from Get-PendingApproval, or pass its -Token.");
            if (runs.Count == 1) return runs[0];
        }

        var stage = state.StageStates?.FirstOrDefault(s => s.StageName == stageName);
        var action = stage?.ActionStates?.FirstOrDefault(a => a.ActionName == actionName);
        var latest = action?.LatestExecution;
        if (stage is null || action is null || latest is null)
            throw new ApprovalToolsException("NoPendingApproval", ErrorCategory.ObjectNotFound,
                $"No approval is pending at {where}: the action has not run yet.");
        if (latest.Status != "InProgress")
        {
            var seen = new Seen(latest.Status, latest.Summary, latest.LastUpdatedBy, latest.LastStatusChange, null,
                latest.ErrorDetails, null, null);
            var expired = latest.Status == "Failed" && await IsTimeoutAsync(pipelineName, stageName, actionName, seen,
                state.PipelineVersion, ct).ConfigureAwait(false);
            throw new ApprovalToolsException("NoPendingApproval", ErrorCategory.ObjectNotFound,
                $"No approval is pending at {where}: its latest run "
                + (expired ? "expired without an answer" : $"is {latest.Status}")
                + (latest.LastStatusChange is { } t ? $" since {t:yyyy-MM-dd HH:mm:ss}Z" : "")
                + (string.IsNullOrEmpty(latest.Summary) ? "." : $" ({latest.Summary}).")
                + (stage.InboundExecution?.PipelineExecutionId is { } next
                    ? $" Execution {next} waits to enter the stage." : ""));
        }

        if (string.IsNullOrEmpty(latest.Token))
            throw new ApprovalToolsException("NoPendingApproval", ErrorCategory.ObjectNotFound,
                $"No approval is pending at {where}: the service reports it in progress but gives no token for it.");
        return await ToPendingAsync(declaration, stage, stageName, declared, latest.Token!,
            stage.LatestExecution?.PipelineExecutionId, latest.LastStatusChange, ct).ConfigureAwait(false);
    }

    private static TimeSpan Timeout(ActionDeclaration action) =>
        action.TimeoutInMinutes is int minutes ? TimeSpan.FromMinutes(minutes) : DefaultApprovalTimeout;

    /// <summary>True for a manual approval action (AWS/Approval/Manual).</summary>
    public static bool IsManualApproval(ActionDeclaration action) =>
        action.ActionTypeId is { } type && IsManualApproval(type);

    private static bool IsManualApproval(ActionTypeId type) =>
        type is { Category: "Approval", Owner: "AWS", Provider: "Manual" };

    private static ActionDeclaration? FindAction(GetPipelineResponse declaration, string? stage, string? action) =>
        declaration.Pipeline?.Stages?.FirstOrDefault(s => s.Name == stage)?.Actions
            ?.FirstOrDefault(a => a.Name == action);

    // Declarations are fetched once per pipeline version and shared by every approval in it.
    private Task<GetPipelineResponse> GetDeclarationAsync(string pipeline, int? version, CancellationToken ct) =>
        Cached(_declarations, $"{pipeline}\n{version}", () =>
        {
            verbose?.Invoke($"GetPipeline {pipeline} version {version}");
            return Client.GetPipelineAsync(new() { Name = pipeline, Version = version }, ct);
        });

    private Task<PipelineExecution?> GetExecutionAsync(string pipeline, string executionId, CancellationToken ct) =>
        Cached(_executions, $"{pipeline}\n{executionId}", async () =>
        {
            verbose?.Invoke($"GetPipelineExecution {pipeline} {executionId}");
            var response = await Client.GetPipelineExecutionAsync(
                new() { PipelineName = pipeline, PipelineExecutionId = executionId }, ct).ConfigureAwait(false);
            return response.PipelineExecution;
        });

    // A failed or cancelled fetch is not kept, so the next caller tries again.
    private static Task<T> Cached<T>(ConcurrentDictionary<string, Task<T>> cache, string key, Func<Task<T>> fetch)
    {
        var task = cache.GetOrAdd(key, _ => fetch());
        task.ContinueWith(t => ((ICollection<KeyValuePair<string, Task<T>>>)cache).Remove(new(key, t)),
            CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
        return task;
    }
}
