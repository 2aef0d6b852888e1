using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using ApprovalTools.Client;
using ApprovalTools.Engine;

namespace ApprovalTools.Aws;

public sealed partial class ApprovalResolver
{
    // One waiting run as an approver sees it: what it carries, how long it may wait, and what queues behind it.
    private async Task<PendingApproval> ToPendingAsync(GetPipelineResponse declaration, StageState? stageState,
        string stageName, ActionDeclaration declared, string token, string? executionId, DateTime? requestedAt,
        CancellationToken ct)
    {
        var pipelineName = declaration.Pipeline!.Name!;
        var execution = executionId is null ? null : await TryGetExecutionForListingAsync(pipelineName, executionId, ct)
            .ConfigureAwait(false);
        var known = declared.ActionTypeId is not null; // false: listed from the state alone
        // A run keeps the pipeline version it started with: its timeout and settings are that version's.
        if (known && execution?.PipelineVersion is { } version && version != declaration.Pipeline.Version)
        {
            var ranWith = await GetDeclarationAsync(pipelineName, version, ct).ConfigureAwait(false);
            if (FindAction(ranWith, stageName, declared.Name) is { } ran) declared = ran;
        }
        var config = declared.Configuration ?? new();
        var region = session.Region;
        verbose?.Invoke(
            $"Pending: {pipelineName}/{stageName}/{declared.Name} in execution {executionId}, token {token}");

        return new PendingApproval
        {
            PipelineName = pipelineName,
            StageName = stageName,
            ActionName = declared.Name ?? "",
            Token = token,
            PipelineExecutionId = executionId,
            PipelineVersion = execution?.PipelineVersion ?? declaration.Pipeline.Version,
            ExecutionMode = execution?.ExecutionMode ?? declaration.Pipeline.ExecutionMode,
            RequestedAt = requestedAt,
            ExpiresAt = known ? requestedAt + Timeout(declared) : null,
            CustomData = config.TryGetValue("CustomData", out var customData) ? customData : null,
            ExternalEntityLink = config.TryGetValue("ExternalEntityLink", out var link) ? link : null,
            NotificationArn = config.TryGetValue("NotificationArn", out var arn) ? arn : null,
            Revisions = Revisions(execution),
            InboundExecutions = await InboundAsync(pipelineName, stageState, executionId, ct).ConfigureAwait(false),
            ReviewUrl = ConsoleUrl(pipelineName, executionId, region),
            ApprovalUrl = ApprovalUrl(region, pipelineName, stageName, declared.Name ?? "", token),
            StartedBy = StartedBy(execution?.Trigger),
            Region = region,
            ProfileName = session.ProfileName,
            ProfileLocation = session.ProfileLocation,
            EndpointUrl = session.EndpointUrl,
            // Keys given as such cannot be named again by the object: their id makes a silent switch detectable.
            AccessKeyId = session.KeysWithoutSource ? session.AccessKeyId : null,
        };
    }

    // GetPipeline refused: the approvals are still listed from the state, and the user is told what is missing.
    private async Task<GetPipelineResponse?> TryGetDeclarationAsync(string pipeline, int? version, CancellationToken ct)
    {
        try { return await GetDeclarationAsync(pipeline, version, ct).ConfigureAwait(false); }
        catch (AmazonServiceException e) when (IsAccessDenied(e))
        {
            Warn(pipeline, "GetPipeline",
                "their timeout (ExpiresAt), CustomData, ExternalEntityLink and NotificationArn");
            return null;
        }
    }

    private async Task<PipelineExecution?> TryGetExecutionForListingAsync(string pipeline, string executionId,
        CancellationToken ct)
    {
        try { return await GetExecutionAsync(pipeline, executionId, ct).ConfigureAwait(false); }
        catch (AmazonServiceException e) when (IsAccessDenied(e))
        {
            Warn(pipeline, "GetPipelineExecution", "their revisions (the commit under review)");
            return null;
        }
    }

    private readonly ConcurrentDictionary<string, bool> _warned = new();

    private void Warn(string pipeline, string operation, string missing)
    {
        if (_warned.TryAdd($"{pipeline}\n{operation}", true))
            warning?.Invoke($"Pipeline '{pipeline}': codepipeline:{operation} was refused (AccessDenied), so its "
                + $"approvals are listed without {missing}. Allow codepipeline:{operation} to see them.");
    }

    /// <summary>True when IAM refused the call (the error id AccessDenied).</summary>
    internal static bool IsAccessDenied(AmazonServiceException e) =>
        ErrorMapping.ForCode(e.ErrorCode, ErrorMapping.Origin.Call)?.Id == "AccessDenied";

    private static GetPipelineResponse StandIn(string pipeline, int? version) =>
        new() { Pipeline = new PipelineDeclaration { Name = pipeline, Version = version } };

    // The runs waiting in front of the stage (SUPERSEDED: one, QUEUED: all in order), which enter once it is
    // answered.
    private async Task<InboundExecution[]> InboundAsync(string pipelineName, StageState? stageState,
        string? executionId, CancellationToken ct)
    {
        var inbound = new List<StageExecution>();
        if (stageState?.InboundExecution is { } one) inbound.Add(one);
        inbound.AddRange(stageState?.InboundExecutions ?? new());
        var ids = inbound.Select(e => e.PipelineExecutionId).Where(id => id is not null && id != executionId)
            .Distinct(StringComparer.Ordinal).ToList();
        var result = new InboundExecution[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            var execution = await TryGetExecutionForListingAsync(pipelineName, ids[i]!, ct).ConfigureAwait(false);
            result[i] = new InboundExecution
            {
                PipelineExecutionId = ids[i]!,
                Status = inbound.First(e => e.PipelineExecutionId == ids[i]).Status,
                Revisions = Revisions(execution),
            };
        }
        return result;
    }

    private static SourceRevision[] Revisions(PipelineExecution? execution) =>
        (execution?.ArtifactRevisions ?? new()).Select(r => new SourceRevision
        {
            ArtifactName = r.Name,
            RevisionId = r.RevisionId,
            Summary = CommitMessage(r.RevisionSummary),
            Url = r.RevisionUrl,
            Created = r.Created,
        }).ToArray();

    private static string ConsoleUrl(string pipeline, string? executionId, string region)
    {
        var name = Uri.EscapeDataString(pipeline);
        var page = executionId is null ? "view" : $"executions/{executionId}/timeline";
        var pipelines = $"https://{region}.console.aws.amazon.com/codesuite/codepipeline/pipelines";
        return $"{pipelines}/{name}/{page}?region={region}";
    }

    /// <summary>The console link of an approval's review dialog, as the approval notification gives it.</summary>
    internal static string ApprovalUrl(string region, string pipeline, string stage, string action, string token) =>
        $"https://console.aws.amazon.com/codepipeline/home?region={region}"
        + $"#/view/{pipeline}/{stage}/{action}/approve/{token}";

    private static string? StartedBy(ExecutionTrigger? trigger) => trigger?.TriggerType is not { Length: > 0 } type
        ? null
        : string.IsNullOrEmpty(trigger.TriggerDetail) ? type : $"{type}: {trigger.TriggerDetail}";

    // Connection-based sources (GitHub, Bitbucket, GitLab) put a JSON document in the summary; people want the
    // message.
    internal static string? CommitMessage(string? summary)
    {
        if (summary is null || !summary.TrimStart().StartsWith("{", StringComparison.Ordinal)) return summary;
        try
        {
            using var doc = JsonDocument.Parse(summary);
            return doc.RootElement.TryGetProperty("CommitMessage", out var message)
                && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : summary;
        }
        catch (JsonException) { return summary; }
    }
}
