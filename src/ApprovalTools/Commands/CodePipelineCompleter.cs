using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ApprovalTools.Commands;

/// <summary>
/// Tab completion from the account itself, for the parameter being completed: -PipelineName from ListPipelines
/// (kept briefly); -StageName and -ActionName from the bound pipeline's declaration (and stage, if bound), manual
/// approvals first. The engine fetches the names.
/// </summary>
public sealed class CodePipelineCompleter : IArgumentCompleter
{
    private static readonly char[] NeedsQuotes = { ' ', '\'', '"', '$', '`' };
    private static readonly string[] DefaultedParameters =
        { "EndpointUrl", "Region", "ProfileName", "ProfileLocation" };

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName,
        string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? "").Trim('\'', '"');
        var pattern = new WildcardPattern(word + "*", WildcardOptions.IgnoreCase);
        List<(string Name, string Tooltip)> names;
        try
        {
            var bound = WithDefaults(commandName, fakeBoundParameters);
            names = ModuleEngine.Instance.CompletionNames(parameterName, AwsParameters.FromBound(bound),
                AwsParameters.First(bound, "PipelineName"), AwsParameters.First(bound, "StageName")).ToList();
        }
        catch (Exception)
        {
            // Completion never shows an error; the command itself will say what is wrong.
            return Array.Empty<CompletionResult>();
        }
        return names.Where(n => pattern.IsMatch(n.Name)).Select(n =>
        {
            var text = n.Name.IndexOfAny(NeedsQuotes) >= 0 ? $"'{n.Name.Replace("'", "''")}'" : n.Name;
            return new CompletionResult(text, n.Name, CompletionResultType.ParameterValue, n.Tooltip);
        }).ToList();
    }

    /// <summary>
    /// The bound parameters plus what $PSDefaultParameterValues would bind for the command being completed, so Tab
    /// asks the same endpoint, region and profile as the command will (exact keys before wildcard ones).
    /// </summary>
    private static IDictionary WithDefaults(string commandName, IDictionary bound)
    {
        var merged = new Hashtable(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in bound) merged[entry.Key] = entry.Value;
        IDictionary? defaults;
        try
        {
            // Completion runs inside a pipeline, so the session is read through a nested one in the same runspace.
            using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
            defaults = ps.AddScript("$PSDefaultParameterValues").Invoke().FirstOrDefault()?.BaseObject as IDictionary;
        }
        catch (Exception)
        {
            return merged; // no session state to read: complete with what is bound
        }
        if (defaults is null || (defaults.Contains("Disabled") && LanguagePrimitives.IsTrue(defaults["Disabled"])))
            return merged;

        var entries = defaults.Cast<DictionaryEntry>().Where(e => e.Key is string)
            .Select(e => (Key: (string)e.Key, e.Value))
            .OrderBy(e => WildcardPattern.ContainsWildcardCharacters(e.Key) ? 1 : 0).ToList();
        foreach (var (key, value) in entries)
        {
            var colon = key.IndexOf(':');
            if (colon <= 0 || value is ScriptBlock) continue;
            var command = new WildcardPattern(key.Substring(0, colon).Trim(), WildcardOptions.IgnoreCase);
            var parameter = new WildcardPattern(key.Substring(colon + 1).Trim(), WildcardOptions.IgnoreCase);
            if (!command.IsMatch(commandName ?? "")) continue;
            foreach (var name in DefaultedParameters.Where(n => parameter.IsMatch(n) && !merged.Contains(n)))
                merged[name] = value is PSObject ps ? ps.BaseObject : value;
        }
        return merged;
    }
}
