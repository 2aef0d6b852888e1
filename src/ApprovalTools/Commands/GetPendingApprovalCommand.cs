using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ApprovalTools.Aws;
using ApprovalTools.Client;

namespace ApprovalTools.Commands;

[Cmdlet(VerbsCommon.Get, "PendingApproval")]
[OutputType(typeof(PendingApproval))]
public sealed class GetPendingApprovalCommand : CodePipelineCmdlet<string[]>
{
    private const string NamePattern = @"^[A-Za-z0-9.@\-_*?\[\]]+$";
    private readonly List<string> _names = new();
    private bool _anyNameGiven;

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(PipelineNameCompleter))]
    [ValidateNotNullOrEmpty]
    [ValidateLength(1, 100)]
    [ValidatePattern(NamePattern)]
    public string[]? PipelineName { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(StageNameCompleter))]
    [ValidateLength(1, 100)]
    [ValidatePattern(NamePattern)]
    public string? StageName { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ActionNameCompleter))]
    [ValidateLength(1, 100)]
    [ValidatePattern(NamePattern)]
    public string? ActionName { get; set; }

    /// <summary>How many pipelines are read at once.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 16;

    /// <summary>Waits until at least one matching approval is pending.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Timeout { get; set; } = 3600;

    [Parameter]
    [ValidateRange(1, 3600)]
    public int PollInterval { get; set; } = 15;

    protected override Task ProcessRecordAsync()
    {
        if (PipelineName is not null)
        {
            _anyNameGiven = true;
            _names.AddRange(PipelineName);
        }
        return Task.CompletedTask;
    }

    protected override async Task EndProcessingAsync()
    {
        // Names were expected from the pipeline but none bound ($null, no input, objects without one). Scanning every
        // pipeline instead would hand `$names | Get-PendingApproval | Approve-PipelineAction -Force` the whole account.
        if (!_anyNameGiven && MyInvocation.ExpectingInput)
        {
            WriteVerbose("No pipeline name came from the pipeline, so no pipeline is read.");
            return;
        }
        // One session per -Region x -ProfileName combination given; each is scanned on its own, side by side.
        var sessions = GetSessions();
        if (sessions.Count == 0) return;

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var found = (await Task.WhenAll(sessions.Select(ScanAsync)).ConfigureAwait(false)).Sum();
            if (!Wait || found > 0) return;
            var left = TimeSpan.FromSeconds(Timeout) - deadline.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                WriteError(ErrorMapping.Create("WaitTimeout", ErrorCategory.OperationTimeout,
                    $"No matching approval became pending within {Timeout} seconds.", _anyNameGiven ? _names.ToArray() : null));
                return;
            }
            var pause = TimeSpan.FromSeconds(Math.Min(PollInterval, left.TotalSeconds));
            WriteVerbose($"Nothing pending yet; looking again in {pause.TotalSeconds:0} s.");
            await Task.Delay(pause, CancelToken).ConfigureAwait(false);
        }
    }

    /// <summary>One pass over the pipelines; returns how many approvals it emitted.</summary>
    private async Task<int> ScanAsync(ResolvedSession session)
    {
        // Many calls at once: once throttled, let the SDK's adaptive rate limiter pace them instead of failing them.
        session.Client.LimitRateWhenThrottled = true;
        var resolver = new ApprovalResolver(session, WriteVerbose);
        var stageFilter = Matcher(StageName);
        var actionFilter = Matcher(ActionName);
        var literal = _names.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)).Distinct(StringComparer.Ordinal).ToList();
        var patterns = _names.Where(WildcardPattern.ContainsWildcardCharacters)
            .Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        var listAll = !_anyNameGiven || patterns.Count > 0;

        using var gate = new SemaphoreSlim(ThrottleLimit);
        var scans = new List<Task>();
        var emitted = 0;
        var done = 0;
        var total = literal.Count;
        var listing = true;
        var progress = new ProgressRecord(1, "Get-PendingApproval", "Reading pipeline states");
        var seen = new HashSet<string>(literal, StringComparer.Ordinal);

        void Report()
        {
            if (total < 20) return; // short scans finish before a progress bar helps
            progress.StatusDescription = $"{done} of {total}{(listing ? "+" : "")} pipelines scanned";
            progress.PercentComplete = listing ? -1 : Math.Min(100, done * 100 / Math.Max(1, total));
            WriteProgress(progress);
        }

        Task Scan(string pipeline, string? executionMode = null) => Task.Run(async () =>
        {
            await gate.WaitAsync(CancelToken).ConfigureAwait(false);
            try
            {
                foreach (var approval in await resolver.FindPendingAsync(pipeline, stageFilter, actionFilter, CancelToken, executionMode).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref emitted);
                    WriteObject(approval);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !CancelToken.IsCancellationRequested)
            {
                WriteError(ErrorMapping.ToErrorRecord(e, pipeline));
            }
            finally
            {
                gate.Release();
                Interlocked.Increment(ref done);
                Report();
            }
        });

        foreach (var name in literal) scans.Add(Scan(name));
        if (listAll)
        {
            WriteVerbose("ListPipelines (all pages)");
            try
            {
                await foreach (var summary in session.Client.ListAllPipelinesAsync(null, CancelToken).ConfigureAwait(false))
                {
                    var name = summary.Name ?? "";
                    if (patterns.Count > 0 && !patterns.Any(p => p.IsMatch(name))) continue;
                    if (!seen.Add(name)) continue;
                    Interlocked.Increment(ref total);
                    scans.Add(Scan(name, summary.ExecutionMode));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !CancelToken.IsCancellationRequested)
            {
                WriteError(ErrorMapping.ToErrorRecord(e, null));
            }
            listing = false;
        }
        await Task.WhenAll(scans).ConfigureAwait(false);
        if (total >= 20)
        {
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
        return emitted;
    }

    private static Func<string, bool>? Matcher(string? pattern)
    {
        if (pattern is null) return null;
        var wildcard = new WildcardPattern(pattern, WildcardOptions.IgnoreCase);
        return wildcard.IsMatch;
    }
}
