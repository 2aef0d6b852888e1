using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ApprovalTools.Aws;
using ApprovalTools.Client;
using ApprovalTools.Commands;

namespace ApprovalTools.Engine;

/// <summary>
/// The names behind tab completion: pipeline names from ListPipelines, stage and action names from the bound
/// pipeline's declaration (approvals first), each kept for a minute per account, region and endpoint. A Tab never
/// waits more than a few seconds, and a failure is kept briefly so the next Tabs do not wait again.
/// </summary>
internal static class Completion
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(2.5);
    private static readonly TimeSpan FailuresFor = TimeSpan.FromSeconds(30);
    private static readonly ConcurrentDictionary<string, (DateTime At, object Value)> Cache = new();

    /// <summary>
    /// The names for <paramref name="parameterName"/> (PipelineName, StageName or ActionName; none for another), in
    /// the account <paramref name="aws"/> points at; stages and actions of <paramref name="pipeline"/>, if literal.
    /// </summary>
    public static IEnumerable<(string Name, string Tooltip)> Names(string parameterName, AwsParameters aws,
        string? pipeline, string? stage)
    {
        var settings = SessionCache.Settings(aws, new SessionTarget
        {
            Region = aws.Region,
            ProfileName = aws.ProfileName,
            ProfileLocation = aws.ProfileLocation,
            EndpointUrl = aws.EndpointUrl,
        });
        var key = $"{settings.Region}|{settings.ProfileName}|{settings.ProfileLocation}|{settings.EndpointUrl}"
            + $"|{settings.AccessKey}";
        return parameterName switch
        {
            "PipelineName" or "Name" => PipelineNames(settings, key),
            "StageName" => StageNames(Declaration(settings, key, pipeline)),
            "ActionName" => ActionNames(Declaration(settings, key, pipeline), stage),
            _ => Array.Empty<(string, string)>(),
        };
    }

    private static List<(string, string)> PipelineNames(AwsSettings settings, string key) =>
        Cached($"pipelines|{key}", async (client, ct) =>
        {
            var names = new List<(string, string)>();
            await foreach (var p in client.ListAllPipelinesAsync(null, ct).ConfigureAwait(false))
                names.Add((p.Name ?? "", $"{p.Name} ({p.PipelineType}, {p.ExecutionMode}, updated {p.Updated:u})"));
            return names;
        }, settings);

    // Stage names of the bound pipeline, stages holding a manual approval first.
    private static IEnumerable<(string, string)> StageNames(GetPipelineResponse? declaration)
    {
        if (declaration is null) return Array.Empty<(string, string)>();
        return (declaration.Pipeline?.Stages ?? new())
            .OrderBy(s => (s.Actions ?? new()).Any(ApprovalResolver.IsManualApproval) ? 0 : 1)
            .Select(s => (s.Name ?? "", $"{s.Name}: {string.Join(", ", (s.Actions ?? new()).Select(a => a.Name))}"));
    }

    // Action names of the bound pipeline (and stage, if bound), manual approvals first.
    private static IEnumerable<(string, string)> ActionNames(GetPipelineResponse? declaration, string? stage)
    {
        if (declaration is null) return Array.Empty<(string, string)>();
        var stagePattern = stage is null ? null : new WildcardPattern(stage, WildcardOptions.IgnoreCase);
        return (from s in declaration.Pipeline?.Stages ?? new()
                where stagePattern?.IsMatch(s.Name ?? "") ?? true
                from a in s.Actions ?? new()
                orderby ApprovalResolver.IsManualApproval(a) ? 0 : 1
                select (a.Name ?? "", $"{s.Name}/{a.Name} ({a.ActionTypeId?.Category}/{a.ActionTypeId?.Provider})"))
            .Distinct();
    }

    // The bound pipeline's declaration, when one literal pipeline name is bound.
    private static GetPipelineResponse? Declaration(AwsSettings settings, string key, string? pipeline)
    {
        if (pipeline is null || WildcardPattern.ContainsWildcardCharacters(pipeline)) return null;
        return Cached($"declaration|{key}|{pipeline}",
            (client, ct) => client.GetPipelineAsync(new() { Name = pipeline }, ct), settings);
    }

    // A completion call waits at most Patience; a failure (or that wait running out) is kept FailuresFor, so a slow or
    // unreachable endpoint costs one short wait, not one per Tab. The late answer, if any, still fills the cache.
    private static T Cached<T>(string key, Func<CodePipelineClient, CancellationToken, Task<T>> fetch,
        AwsSettings settings) where T : class
    {
        if (Cache.TryGetValue(key, out var hit)
            && DateTime.UtcNow - hit.At < (hit.Value is Exception ? FailuresFor : CacheFor))
            return hit.Value is Exception failed ? throw failed : (T)hit.Value;
        var cts = new CancellationTokenSource(Patience + Patience);
        ResolvedSession? session = null;
        // Resolving may call STS or SSO for a role or SSO profile: it counts against the same wait.
        var work = Task.Run(async () =>
        {
            session = settings.Resolve();
            return await fetch(session.Client, cts.Token).ConfigureAwait(false);
        });
        _ = work.ContinueWith(t =>
        {
            Cache[key] = (DateTime.UtcNow, t.Status == TaskStatus.RanToCompletion
                ? t.Result : t.Exception?.GetBaseException()
                ?? (object)new OperationCanceledException());
            cts.Dispose();
            session?.Dispose();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (!work.Wait(Patience))
        {
            var slow = new TimeoutException($"No answer within {Patience.TotalSeconds} s.");
            Cache[key] = (DateTime.UtcNow, slow);
            throw slow;
        }
        return work.GetAwaiter().GetResult();
    }
}
