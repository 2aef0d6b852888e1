using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ApprovalTools.Commands;

/// <summary>
/// Tab completion from the account itself: pipeline names from ListPipelines (kept briefly), stage and
/// action names from the bound pipeline's declaration, approval actions first. The engine fetches the names.
/// </summary>
public abstract class CodePipelineCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName,
        string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? "").Trim('\'', '"');
        var pattern = new WildcardPattern(word + "*", WildcardOptions.IgnoreCase);
        List<(string Name, string Tooltip)> names;
        try
        {
            names = ModuleEngine.Instance.CompletionNames(GetType().Name, fakeBoundParameters).ToList();
        }
        catch (Exception)
        {
            return Array.Empty<CompletionResult>(); // completion never shows an error; the command itself will say what is wrong
        }
        return names.Where(n => pattern.IsMatch(n.Name)).Select(n =>
        {
            var text = n.Name.IndexOfAny(new[] { ' ', '\'', '"', '$', '`' }) >= 0 ? $"'{n.Name.Replace("'", "''")}'" : n.Name;
            return new CompletionResult(text, n.Name, CompletionResultType.ParameterValue, n.Tooltip);
        }).ToList();
    }
}

public sealed class PipelineNameCompleter : CodePipelineCompleter;

/// <summary>Stage names of the bound pipeline, stages holding a manual approval first.</summary>
public sealed class StageNameCompleter : CodePipelineCompleter;

/// <summary>Action names of the bound pipeline (and stage, if bound), manual approvals first.</summary>
public sealed class ActionNameCompleter : CodePipelineCompleter;
