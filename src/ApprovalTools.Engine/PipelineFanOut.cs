using System;
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
/// What Get-PendingApproval's and Get-ApprovalHistory's workers share: the names collected from the records, the
/// sessions of the invocation, and the checks made before anything is read.
/// </summary>
internal abstract class PipelineScanWorker<TRequest>(ICommandSink sink) : ICommandWorker<TRequest>
{
    protected ICommandSink Sink { get; } = sink;
    protected SessionCache Sessions { get; } = new(sink);
    protected PipelineNames Names { get; } = new();

    public abstract Task ProcessRecordAsync(TRequest request);
    public abstract Task EndProcessingAsync(TRequest request);

    /// <summary>
    /// One session per -Region x -ProfileName given, each to be read side by side; none when nothing is to be read:
    /// no name came from the pipeline, a filter is a malformed wildcard (one error: it would fail on every pipeline),
    /// or no settings could be used (each reported once).
    /// </summary>
    protected IReadOnlyList<ResolvedSession> Start(bool expectingInput, AwsParameters aws,
        params (string? Pattern, string Parameter)[] filters)
    {
        if (Names.NoneCame(expectingInput, Sink)) return Array.Empty<ResolvedSession>();
        var badFilter = filters.Select(f => PipelineNames.WildcardProblem(f.Pattern, f.Parameter))
            .FirstOrDefault(e => e is not null);
        if (badFilter is null) return Sessions.GetAll(aws);
        Sink.WriteError(badFilter);
        return Array.Empty<ResolvedSession>();
    }

    public void Dispose() => Sessions.Dispose();
}

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

/// <summary>What a fan-out's progress bar says: id, activity, description, and the verb for a pipeline done.</summary>
internal sealed class FanOutProgress(int id, string activity, string description, string done)
{
    public int Id { get; } = id;
    public string Activity { get; } = activity;
    public string Description { get; } = description;
    public string Done { get; } = done;
}

/// <summary>
/// One pass of Get-PendingApproval or Get-ApprovalHistory over the pipelines of one session: the literal names at
/// once, the rest as ListPipelines pages them, at most <c>throttleLimit</c> pipelines at a time. A failure is handed
/// to <c>fail</c> with the pipeline's name (null for the listing), and the others go on. Long passes show progress.
/// </summary>
internal sealed class PipelineFanOut(ICommandSink sink, PipelineNames names, int throttleLimit, FanOutProgress shown)
{
    private const int ProgressFrom = 20; // short passes finish before a progress bar helps
    private readonly object _counting = new();
    private int _done;
    private int _total;
    private bool _listing;

    /// <summary>Runs <paramref name="each"/> (a pipeline's name, its execution mode if listed) for each one.</summary>
    public async Task RunAsync(CodePipelineClient client, Func<string, string?, Task> each,
        Action<Exception, string?> fail, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(throttleLimit);
        var scans = new List<Task>();
        var seen = new HashSet<string>(names.Literal, StringComparer.Ordinal);
        (_done, _total, _listing) = (0, names.Literal.Count, names.ListAll);

        Task One(string pipeline, string? executionMode) => Task.Run(async () =>
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try { await each(pipeline, executionMode).ConfigureAwait(false); }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                fail(e, pipeline);
            }
            finally
            {
                gate.Release();
                Count(done: 1);
            }
        });

        foreach (var name in names.Literal) scans.Add(One(name, null));
        if (names.ListAll)
        {
            sink.WriteVerbose("ListPipelines (all pages)");
            try
            {
                await foreach (var summary in client.ListAllPipelinesAsync(null, ct).ConfigureAwait(false))
                {
                    var name = summary.Name ?? "";
                    if (names.Patterns.Count > 0 && !names.Patterns.Any(p => p.IsMatch(name))) continue;
                    if (!seen.Add(name)) continue;
                    Count(found: 1);
                    scans.Add(One(name, summary.ExecutionMode));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                fail(e, null);
            }
            lock (_counting) _listing = false;
        }
        await Task.WhenAll(scans).ConfigureAwait(false);
        Count(completed: true);
    }

    // Pipelines finish on many threads: the counts are read and reported under one lock, so a report never shows
    // fewer than the one before, and each report is a record of its own (a record already written is never changed).
    private void Count(int done = 0, int found = 0, bool completed = false)
    {
        lock (_counting)
        {
            (_done, _total) = (_done + done, _total + found);
            if (found > 0 || _total < ProgressFrom) return;
            sink.WriteProgress(new ProgressRecord(shown.Id, shown.Activity, shown.Description)
            {
                StatusDescription = $"{_done} of {_total}{(_listing ? "+" : "")} pipelines {shown.Done}",
                PercentComplete = _listing ? -1 : Math.Min(100, _done * 100 / Math.Max(1, _total)),
                RecordType = completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            });
        }
    }
}
