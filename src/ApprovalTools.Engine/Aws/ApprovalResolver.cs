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
public sealed class ApprovalResolver(ResolvedSession session, Action<string>? verbose = null)
{
    /// <summary>The service's default wait for a manual approval when the action sets no timeout.</summary>
    public static readonly TimeSpan DefaultApprovalTimeout = TimeSpan.FromDays(7);

    private readonly ConcurrentDictionary<string, Task<GetPipelineResponse>> _declarations = new();
    private readonly ConcurrentDictionary<string, Task<PipelineExecution?>> _executions = new();

    private CodePipelineClient Client => session.Client;

    /// <summary>
    /// Every approval waiting in the pipeline that passes the filters. <paramref name="executionModeHint"/> is the
    /// mode ListPipelines reported, if known: a PARALLEL pipeline is looked at even when its state shows nothing waiting.
    /// </summary>
    public async Task<IReadOnlyList<PendingApproval>> FindPendingAsync(string pipelineName,
        Func<string, bool>? stageFilter, Func<string, bool>? actionFilter, CancellationToken ct, string? executionModeHint = null)
    {
        verbose?.Invoke($"GetPipelineState {pipelineName}");
        var state = await Client.GetPipelineStateAsync(new() { Name = pipelineName }, ct).ConfigureAwait(false);

        var waiting = (from stage in state.StageStates ?? new()
                       where stageFilter?.Invoke(stage.StageName ?? "") ?? true
                       from action in stage.ActionStates ?? new()
                       where action.LatestExecution?.Status == "InProgress"
                       where actionFilter?.Invoke(action.ActionName ?? "") ?? true
                       select (stage, action)).ToList();
        if (waiting.Count == 0 && executionModeHint != Parallel) return Array.Empty<PendingApproval>();

        // Only the declaration says which in-progress actions are approvals, how long they wait, and the execution mode.
        var declaration = await GetDeclarationAsync(pipelineName, state.PipelineVersion, ct).ConfigureAwait(false);
        if (declaration.Pipeline?.ExecutionMode == Parallel)
            return await FindParallelAsync(declaration, stageFilter, actionFilter, ct).ConfigureAwait(false);

        var found = new List<PendingApproval>();
        foreach (var (stage, action) in waiting)
        {
            var declared = FindAction(declaration, stage.StageName, action.ActionName);
            var token = action.LatestExecution?.Token;
            if (declared is null || !IsManualApproval(declared) || string.IsNullOrEmpty(token)) continue;
            found.Add(await ToPendingAsync(declaration, stage.StageName!, declared, token!,
                stage.LatestExecution?.PipelineExecutionId, action.LatestExecution!.LastStatusChange, ct).ConfigureAwait(false));
        }
        return found;
    }

    private const string Parallel = "PARALLEL";

    /// <summary>
    /// PARALLEL pipelines: several runs can wait at one approval, GetPipelineState shows at most one and without a
    /// token. ListActionExecutions lists each run, and its externalExecutionId is what PutApprovalResult takes.
    /// </summary>
    private async Task<IReadOnlyList<PendingApproval>> FindParallelAsync(GetPipelineResponse declaration,
        Func<string, bool>? stageFilter, Func<string, bool>? actionFilter, CancellationToken ct)
    {
        var pipelineName = declaration.Pipeline!.Name!;
        var approvals = (from stage in declaration.Pipeline.Stages ?? new()
                         where stageFilter?.Invoke(stage.Name ?? "") ?? true
                         from action in stage.Actions ?? new()
                         where IsManualApproval(action) && (actionFilter?.Invoke(action.Name ?? "") ?? true)
                         select (stage: stage.Name!, action)).ToDictionary(a => $"{a.stage}/{a.action.Name}", a => a);
        if (approvals.Count == 0) return Array.Empty<PendingApproval>();

        // Newest first: once a page reaches runs older than the longest approval timeout, nothing older can wait.
        var longest = approvals.Values.Max(a => Timeout(a.action));
        var horizon = DateTime.UtcNow - longest - TimeSpan.FromHours(1);
        var found = new List<PendingApproval>();
        string? next = null;
        do
        {
            verbose?.Invoke($"ListActionExecutions {pipelineName}");
            var page = await Client.ListActionExecutionsAsync(new() { PipelineName = pipelineName, NextToken = next }, ct).ConfigureAwait(false);
            foreach (var run in page.ActionExecutionDetails)
            {
                if (run.Status != "InProgress" || !approvals.TryGetValue($"{run.StageName}/{run.ActionName}", out var approval)) continue;
                var token = run.Output?.ExecutionResult?.ExternalExecutionId;
                if (string.IsNullOrEmpty(token)) continue;
                found.Add(await ToPendingAsync(declaration, approval.stage, approval.action, token!,
                    run.PipelineExecutionId, run.StartTime, ct).ConfigureAwait(false));
            }
            next = page.ActionExecutionDetails.Any(r => r.StartTime is { } t && t < horizon) ? null : page.NextToken;
        } while (!string.IsNullOrEmpty(next));
        return found;
    }

    /// <summary>
    /// The approval waiting at one action now. Throws <see cref="ApprovalToolsException"/> (StageNotFound,
    /// ActionNotFound, NotAnApprovalAction, NoPendingApproval) naming what the action is doing instead.
    /// </summary>
    public async Task<PendingApproval> ResolveAsync(string pipelineName, string stageName, string actionName, CancellationToken ct)
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
                $"The action at {where} is not a manual approval (it is {declared.ActionTypeId?.Category}/{declared.ActionTypeId?.Provider}).");

        if (declaration.Pipeline?.ExecutionMode == Parallel)
        {
            var runs = await FindParallelAsync(declaration, s => s == stageName, a => a == actionName, ct).ConfigureAwait(false);
            if (runs.Count > 1)
                throw new ApprovalToolsException("AmbiguousApproval", ErrorCategory.InvalidOperation,
                    $"{runs.Count} runs are waiting at {where} (executions {string.Join(", ", runs.Select(r => r.PipelineExecutionId))}). "
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
            throw new ApprovalToolsException("NoPendingApproval", ErrorCategory.ObjectNotFound,
                $"No approval is pending at {where}: its latest run is {latest.Status}"
                + (latest.LastStatusChange is { } t ? $" since {t:u}" : "")
                + (string.IsNullOrEmpty(latest.Summary) ? "." : $" ({latest.Summary})."));

        if (string.IsNullOrEmpty(latest.Token))
            throw new ApprovalToolsException("NoPendingApproval", ErrorCategory.ObjectNotFound,
                $"No approval is pending at {where}: the service reports it in progress but gives no token for it.");
        return await ToPendingAsync(declaration, stageName, declared, latest.Token!, stage.LatestExecution?.PipelineExecutionId,
            latest.LastStatusChange, ct).ConfigureAwait(false);
    }

    // The action's state for the request's token: GetPipelineState while that run is the latest at the action, else
    // (a newer run arrived, or PARALLEL runs) that execution's action runs. Null when it cannot be read.
    public async Task<AnswerSeen?> ReadAnswerAsync(PutApprovalResultRequest request, string? executionId, CancellationToken ct)
    {
        try
        {
            verbose?.Invoke($"GetPipelineState {request.PipelineName} to see which answer {request.StageName}/{request.ActionName} holds");
            var state = await Client.GetPipelineStateAsync(new() { Name = request.PipelineName }, ct).ConfigureAwait(false);
            var latest = state.StageStates?.FirstOrDefault(s => s.StageName == request.StageName)?
                .ActionStates?.FirstOrDefault(a => a.ActionName == request.ActionName)?.LatestExecution;
            if (latest is not null && (latest.Token == request.Token || latest.ExternalExecutionId == request.Token))
                return Seen(request, latest.Status, latest.Summary, latest.LastUpdatedBy, latest.LastStatusChange);
            if (executionId is null) return null;

            verbose?.Invoke($"ListActionExecutions {request.PipelineName} of execution {executionId}");
            var runs = await Client.ListActionExecutionsAsync(new()
            {
                PipelineName = request.PipelineName,
                Filter = new() { PipelineExecutionId = executionId },
            }, ct).ConfigureAwait(false);
            var run = runs.ActionExecutionDetails.FirstOrDefault(d => d.StageName == request.StageName && d.ActionName == request.ActionName
                && (d.Output?.ExecutionResult?.ExternalExecutionId is not { } external || external == request.Token));
            return run is null ? null
                : Seen(request, run.Status, run.Output?.ExecutionResult?.ExternalExecutionSummary, run.UpdatedBy, run.LastUpdateTime);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            verbose?.Invoke($"The action's state could not be read: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// The execution a token belongs to, for an answer given by -Token: the stage's run while the action's latest run
    /// holds the token, else (PARALLEL, or a newer run arrived) the action run whose external execution id it is.
    /// Null when it cannot be read; the answer stands either way.
    /// </summary>
    public async Task<string?> FindExecutionIdAsync(PutApprovalResultRequest request, CancellationToken ct)
    {
        try
        {
            verbose?.Invoke($"GetPipelineState {request.PipelineName} to find the execution of token {request.Token}");
            var state = await Client.GetPipelineStateAsync(new() { Name = request.PipelineName }, ct).ConfigureAwait(false);
            var stage = state.StageStates?.FirstOrDefault(s => s.StageName == request.StageName);
            var latest = stage?.ActionStates?.FirstOrDefault(a => a.ActionName == request.ActionName)?.LatestExecution;
            if (latest is not null && (latest.Token == request.Token || latest.ExternalExecutionId == request.Token)
                && stage?.LatestExecution?.PipelineExecutionId is { } id)
                return id;

            verbose?.Invoke($"ListActionExecutions {request.PipelineName} to find the execution of token {request.Token}");
            var runs = await Client.ListActionExecutionsAsync(new() { PipelineName = request.PipelineName }, ct).ConfigureAwait(false);
            return runs.ActionExecutionDetails.FirstOrDefault(d => d.StageName == request.StageName
                && d.ActionName == request.ActionName
                && d.Output?.ExecutionResult?.ExternalExecutionId == request.Token)?.PipelineExecutionId;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            verbose?.Invoke($"The execution of token {request.Token} could not be read: {e.Message}");
            return null;
        }
    }

    private static AnswerSeen Seen(PutApprovalResultRequest request, string? status, string? summary, string? by, DateTime? at)
    {
        var answer = status switch { "Succeeded" => "Approved", "Failed" => "Rejected", _ => status ?? "unknown" };
        // The service keeps no summary for an empty one.
        var ours = answer == request.Result!.Status && (summary ?? "") == (request.Result.Summary ?? "");
        return new(answer, summary, by, at, ours);
    }

    private async Task<PendingApproval> ToPendingAsync(GetPipelineResponse declaration, string stageName,
        ActionDeclaration declared, string token, string? executionId, DateTime? requestedAt, CancellationToken ct)
    {
        var pipelineName = declaration.Pipeline!.Name!;
        var mode = declaration.Pipeline.ExecutionMode;
        var execution = executionId is null ? null : await GetExecutionAsync(pipelineName, executionId, ct).ConfigureAwait(false);
        var config = declared.Configuration ?? new();
        var region = session.Region;
        verbose?.Invoke($"Pending: {pipelineName}/{stageName}/{declared.Name} in execution {executionId}, token {token}");

        return new PendingApproval
        {
            PipelineName = pipelineName,
            StageName = stageName,
            ActionName = declared.Name ?? "",
            Token = token,
            PipelineExecutionId = executionId,
            PipelineVersion = declaration.Pipeline.Version,
            ExecutionMode = mode ?? execution?.ExecutionMode,
            RequestedAt = requestedAt,
            ExpiresAt = requestedAt + Timeout(declared),
            CustomData = config.TryGetValue("CustomData", out var customData) ? customData : null,
            ExternalEntityLink = config.TryGetValue("ExternalEntityLink", out var link) ? link : null,
            NotificationArn = config.TryGetValue("NotificationArn", out var arn) ? arn : null,
            Revisions = (execution?.ArtifactRevisions ?? new()).Select(r => new SourceRevision
            {
                ArtifactName = r.Name,
                RevisionId = r.RevisionId,
                Summary = CommitMessage(r.RevisionSummary),
                Url = r.RevisionUrl,
                Created = r.Created,
            }).ToArray(),
            ReviewUrl = ConsoleUrl(pipelineName, executionId, region),
            Region = region,
            ProfileName = session.ProfileName,
            ProfileLocation = session.ProfileLocation,
            EndpointUrl = session.EndpointUrl,
            // Keys given as such cannot be named again by the object: their id makes a silent switch detectable.
            AccessKeyId = session.KeysWithoutSource ? session.AccessKeyId : null,
        };
    }

    private static string ConsoleUrl(string pipeline, string? executionId, string region)
    {
        var name = Uri.EscapeDataString(pipeline);
        return executionId is null
            ? $"https://{region}.console.aws.amazon.com/codesuite/codepipeline/pipelines/{name}/view?region={region}"
            : $"https://{region}.console.aws.amazon.com/codesuite/codepipeline/pipelines/{name}/executions/{executionId}/timeline?region={region}";
    }

    // Connection-based sources (GitHub, Bitbucket, GitLab) put a JSON document in the summary; people want the message.
    internal static string? CommitMessage(string? summary)
    {
        if (summary is null || !summary.TrimStart().StartsWith("{", StringComparison.Ordinal)) return summary;
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(summary);
            return doc.RootElement.TryGetProperty("CommitMessage", out var message) && message.ValueKind == System.Text.Json.JsonValueKind.String
                ? message.GetString()
                : summary;
        }
        catch (System.Text.Json.JsonException) { return summary; }
    }

    private static TimeSpan Timeout(ActionDeclaration action) =>
        action.TimeoutInMinutes is int minutes ? TimeSpan.FromMinutes(minutes) : DefaultApprovalTimeout;

    public static bool IsManualApproval(ActionDeclaration action) =>
        action.ActionTypeId is { Category: "Approval", Owner: "AWS", Provider: "Manual" };

    private static ActionDeclaration? FindAction(GetPipelineResponse declaration, string? stage, string? action) =>
        declaration.Pipeline?.Stages?.FirstOrDefault(s => s.Name == stage)?.Actions?.FirstOrDefault(a => a.Name == action);

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

/// <summary>What the action holds for the run a request answered; Ours when it is exactly that request's answer.</summary>
public sealed class AnswerSeen(string status, string? summary, string? by, DateTime? at, bool ours)
{
    public string Status => status;
    public string? Summary => summary;
    public string? By => by;
    public DateTime? At => at;
    public bool Ours => ours;
}
