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

    /// <summary>Every approval waiting in the pipeline's current state that passes the filters.</summary>
    public async Task<IReadOnlyList<PendingApproval>> FindPendingAsync(string pipelineName,
        Func<string, bool>? stageFilter, Func<string, bool>? actionFilter, CancellationToken ct)
    {
        verbose?.Invoke($"GetPipelineState {pipelineName}");
        var state = await Client.GetPipelineStateAsync(new() { Name = pipelineName }, ct).ConfigureAwait(false);

        var waiting = (from stage in state.StageStates ?? new()
                       where stageFilter?.Invoke(stage.StageName ?? "") ?? true
                       from action in stage.ActionStates ?? new()
                       where action.LatestExecution?.Status == "InProgress"
                       where actionFilter?.Invoke(action.ActionName ?? "") ?? true
                       select (stage, action)).ToList();
        if (waiting.Count == 0) return Array.Empty<PendingApproval>();

        // Only the declaration says which in-progress actions are approvals, how long they wait, and the execution mode.
        var declaration = await GetDeclarationAsync(pipelineName, state.PipelineVersion, ct).ConfigureAwait(false);
        var found = new List<PendingApproval>();
        foreach (var (stage, action) in waiting)
        {
            var declared = FindAction(declaration, stage.StageName, action.ActionName);
            if (declared is null || !IsManualApproval(declared)) continue;
            var approval = await ToPendingAsync(declaration, state, stage, action, declared, ct).ConfigureAwait(false);
            if (approval is not null) found.Add(approval);
        }
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

        return await ToPendingAsync(declaration, state, stage, action, declared, ct).ConfigureAwait(false)
            ?? throw new ApprovalToolsException("NoPendingApproval", ErrorCategory.ObjectNotFound,
                $"No approval is pending at {where}: the service reports it in progress but gives no token for it.");
    }

    private async Task<PendingApproval?> ToPendingAsync(GetPipelineResponse declaration, GetPipelineStateResponse state,
        StageState stage, ActionState action, ActionDeclaration declared, CancellationToken ct)
    {
        var mode = declaration.Pipeline?.ExecutionMode;
        var latest = action.LatestExecution!;
        // In PARALLEL mode the service gives no approval token; the action's external execution id is what it takes.
        var token = latest.Token ?? (mode == "PARALLEL" ? latest.ExternalExecutionId : null);
        if (string.IsNullOrEmpty(token)) return null;

        var executionId = stage.LatestExecution?.PipelineExecutionId;
        var execution = executionId is null ? null : await GetExecutionAsync(state.PipelineName!, executionId, ct).ConfigureAwait(false);
        var config = declared.Configuration ?? new();
        var requestedAt = latest.LastStatusChange;
        var timeout = declared.TimeoutInMinutes is int minutes ? TimeSpan.FromMinutes(minutes) : DefaultApprovalTimeout;
        var region = session.Region;
        verbose?.Invoke($"Pending: {state.PipelineName}/{stage.StageName}/{action.ActionName} in execution {executionId}, token {token}");

        return new PendingApproval
        {
            PipelineName = state.PipelineName ?? "",
            StageName = stage.StageName ?? "",
            ActionName = action.ActionName ?? "",
            Token = token!,
            PipelineExecutionId = executionId,
            PipelineVersion = state.PipelineVersion,
            ExecutionMode = mode ?? execution?.ExecutionMode,
            RequestedAt = requestedAt,
            ExpiresAt = requestedAt + timeout,
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
            ReviewUrl = ConsoleUrl(state.PipelineName!, executionId, region),
            Region = region,
            ProfileName = session.ProfileName,
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
