using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using ApprovalTools.Aws;
using ApprovalTools.Client;

namespace ApprovalTools.Commands;

/// <summary>
/// Tab completion from the account itself: pipeline names from ListPipelines (kept briefly), stage and
/// action names from the bound pipeline's declaration, approval actions first.
/// </summary>
public abstract class CodePipelineCompleter : IArgumentCompleter
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private static readonly ConcurrentDictionary<string, (DateTime At, object Value)> Cache = new();

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName,
        string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? "").Trim('\'', '"');
        var pattern = new WildcardPattern(word + "*", WildcardOptions.IgnoreCase);
        IEnumerable<(string Name, string Tooltip)> names;
        try
        {
            var settings = new AwsSettings
            {
                Region = Bound(fakeBoundParameters, "Region"),
                ProfileName = Bound(fakeBoundParameters, "ProfileName"),
                ProfileLocation = Bound(fakeBoundParameters, "ProfileLocation"),
                AccessKey = Bound(fakeBoundParameters, "AccessKey"),
                SecretKey = Bound(fakeBoundParameters, "SecretKey"),
                SessionToken = Bound(fakeBoundParameters, "SessionToken"),
                EndpointUrl = Bound(fakeBoundParameters, "EndpointUrl"),
            };
            var key = $"{GetType().Name}|{settings.Region}|{settings.ProfileName}|{settings.EndpointUrl}|{settings.AccessKey}";
            names = GetNames(settings, key, fakeBoundParameters);
        }
        catch (Exception)
        {
            yield break; // completion never shows an error; the command itself will say what is wrong
        }
        foreach (var (name, tooltip) in names.Where(n => pattern.IsMatch(n.Name)))
        {
            var text = name.IndexOfAny(new[] { ' ', '\'', '"', '$', '`' }) >= 0 ? $"'{name.Replace("'", "''")}'" : name;
            yield return new CompletionResult(text, name, CompletionResultType.ParameterValue, tooltip);
        }
    }

    protected abstract IEnumerable<(string Name, string Tooltip)> GetNames(AwsSettings settings, string cacheKey, IDictionary bound);

    protected static T Cached<T>(string key, Func<CodePipelineClient, CancellationToken, Task<T>> fetch, AwsSettings settings) where T : class
    {
        if (Cache.TryGetValue(key, out var hit) && DateTime.UtcNow - hit.At < CacheFor) return (T)hit.Value;
        using var session = settings.Resolve();
        using var cts = new CancellationTokenSource(Patience);
        var value = fetch(session.Client, cts.Token).GetAwaiter().GetResult();
        Cache[key] = (DateTime.UtcNow, value);
        return value;
    }

    protected static string? Bound(IDictionary bound, string name)
    {
        if (!bound.Contains(name)) return null;
        var value = bound[name] is PSObject ps ? ps.BaseObject : bound[name];
        return value is Array a ? a.Cast<object>().FirstOrDefault()?.ToString() : value?.ToString();
    }
}

public sealed class PipelineNameCompleter : CodePipelineCompleter
{
    protected override IEnumerable<(string, string)> GetNames(AwsSettings settings, string cacheKey, IDictionary bound) =>
        Cached(cacheKey, async (client, ct) =>
        {
            var names = new List<(string, string)>();
            await foreach (var p in client.ListAllPipelinesAsync(null, ct).ConfigureAwait(false))
                names.Add((p.Name ?? "", $"{p.Name} ({p.PipelineType}, {p.ExecutionMode}, updated {p.Updated:u})"));
            return names;
        }, settings);
}

/// <summary>Stage names of the bound pipeline, stages holding a manual approval first.</summary>
public sealed class StageNameCompleter : CodePipelineCompleter
{
    protected override IEnumerable<(string, string)> GetNames(AwsSettings settings, string cacheKey, IDictionary bound)
    {
        var pipeline = Bound(bound, "PipelineName");
        if (pipeline is null || WildcardPattern.ContainsWildcardCharacters(pipeline)) return Array.Empty<(string, string)>();
        var declaration = Declaration(settings, cacheKey, pipeline);
        return (declaration.Pipeline?.Stages ?? new())
            .OrderBy(s => (s.Actions ?? new()).Any(ApprovalResolver.IsManualApproval) ? 0 : 1)
            .Select(s => (s.Name ?? "", $"{s.Name}: {string.Join(", ", (s.Actions ?? new()).Select(a => a.Name))}"));
    }

    internal static GetPipelineResponse Declaration(AwsSettings settings, string cacheKey, string pipeline) =>
        Cached($"{cacheKey}|{pipeline}", (client, ct) => client.GetPipelineAsync(new() { Name = pipeline }, ct), settings);
}

/// <summary>Action names of the bound pipeline (and stage, if bound), manual approvals first.</summary>
public sealed class ActionNameCompleter : CodePipelineCompleter
{
    protected override IEnumerable<(string, string)> GetNames(AwsSettings settings, string cacheKey, IDictionary bound)
    {
        var pipeline = Bound(bound, "PipelineName");
        if (pipeline is null || WildcardPattern.ContainsWildcardCharacters(pipeline)) return Array.Empty<(string, string)>();
        var stage = Bound(bound, "StageName");
        var stagePattern = stage is null ? null : new WildcardPattern(stage, WildcardOptions.IgnoreCase);
        var declaration = StageNameCompleter.Declaration(settings, cacheKey.Replace(nameof(ActionNameCompleter), nameof(StageNameCompleter)), pipeline);
        return (from s in declaration.Pipeline?.Stages ?? new()
                where stagePattern?.IsMatch(s.Name ?? "") ?? true
                from a in s.Actions ?? new()
                orderby ApprovalResolver.IsManualApproval(a) ? 0 : 1
                select (a.Name ?? "", $"{s.Name}/{a.Name} ({a.ActionTypeId?.Category}/{a.ActionTypeId?.Provider})"))
            .Distinct();
    }
}
