using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ApprovalTools.Commands;

namespace ApprovalTools.Engine;

/// <summary>
/// The pipeline names a Get- command collects from its records (literal names and wildcards), checked as they come:
/// a malformed wildcard is one error for that name, before any call, and the other names go on.
/// </summary>
internal sealed class PipelineNames
{
    private readonly List<string> _names = new();
    private List<string>? _literal;
    private List<WildcardPattern>? _patterns;

    /// <summary>True once any record bound names (then only those are read, else every pipeline).</summary>
    public bool AnyGiven { get; private set; }

    /// <summary>The literal names given, each once.</summary>
    public IReadOnlyList<string> Literal => _literal ??= _names
        .Where(n => !WildcardPattern.ContainsWildcardCharacters(n)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The wildcards given: the pipelines listed that match one of them are read.</summary>
    public IReadOnlyList<WildcardPattern> Patterns => _patterns ??= _names
        .Where(WildcardPattern.ContainsWildcardCharacters)
        .Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();

    /// <summary>True when the account's pipelines must be listed: no name given, or a wildcard.</summary>
    public bool ListAll => !AnyGiven || Patterns.Count > 0;

    /// <summary>The names given, or null when none were.</summary>
    public string[]? Given => AnyGiven ? _names.ToArray() : null;

    /// <summary>Takes the names bound for one record; a malformed wildcard among them is an error of its own.</summary>
    public void Add(string[]? names, ICommandSink sink)
    {
        if (names is null) return;
        AnyGiven = true;
        (_literal, _patterns) = (null, null);
        foreach (var name in names)
            if (WildcardProblem(name, "-PipelineName") is { } error) sink.WriteError(error);
            else _names.Add(name);
    }

    /// <summary>
    /// True when names were expected from the pipeline but none bound ($null, no input, objects without one): then
    /// nothing is read. Reading every pipeline instead would hand
    /// `$names | Get-PendingApproval | Approve-PipelineAction -Force` the whole account.
    /// </summary>
    public bool NoneCame(bool expectingInput, ICommandSink sink)
    {
        if (AnyGiven || !expectingInput) return false;
        sink.WriteVerbose("No pipeline name came from the pipeline, so no pipeline is read.");
        return true;
    }

    /// <summary>The error for a malformed wildcard (a '[' without its ']'), or null.</summary>
    public static ErrorRecord? WildcardProblem(string? pattern, string parameter)
    {
        if (pattern is null) return null;
        try
        {
            _ = new WildcardPattern(pattern, WildcardOptions.IgnoreCase).IsMatch("");
            return null;
        }
        catch (WildcardPatternException e)
        {
            return new ErrorRecord(new ArgumentException($"{parameter} '{pattern}' is not a valid wildcard pattern: "
                + "a '[' needs its ']' (as in 'web-[ab]*'). Nothing was read for it.", e),
                "InvalidWildcardPattern", ErrorCategory.InvalidArgument, pattern);
        }
    }
}
