using System.Text.Json.Nodes;
using ApprovalTools.Emulator.Faults;
using ApprovalTools.Emulator.State;

namespace ApprovalTools.Emulator;

/// <summary>
/// Everything the emulator knows: pipelines and executions, credentials, faults, the call log and per-token
/// approval counts. The /_emulator control surface is a thin JSON layer over these methods, so tests in C# can
/// drive the same object directly. Pipeline state is guarded by one lock.
/// </summary>
public sealed class EmulatorState
{
    private readonly string? _seedPath;
    private JsonObject _seed;

    internal Lock Gate { get; } = new();
    /// <summary>Pipelines by name in ordinal order, which is also the ListPipelines order. Guarded by <see cref="Gate"/>.</summary>
    internal SortedDictionary<string, PipelineRecord> Pipelines { get; } = new(StringComparer.Ordinal);
    internal CredentialStore CredentialStore { get; }
    internal FaultInjector FaultInjector { get; } = new();
    internal CallLog CallLog { get; } = new();
    internal ApprovalCounters ApprovalCounters { get; } = new();
    internal TimeProvider Time { get; }

    internal EmulatorState(EmulatorOptions options, TimeProvider? time = null)
    {
        Time = time ?? TimeProvider.System;
        _seedPath = options.SeedPath;
        _seed = SeedLoader.Read(_seedPath);
        CredentialStore = new(options.Credentials);
        LoadSeed();
    }

    internal DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Reloads the seed (re-read from disk when it came from a file) and clears faults, the call log and the counters.
    /// Added credentials are kept.</summary>
    public void Reset()
    {
        if (_seedPath is not null) _seed = SeedLoader.Read(_seedPath);
        LoadSeed();
        FaultInjector.Clear();
        CallLog.Clear();
        ApprovalCounters.Clear();
    }

    public int PipelineCount { get { lock (Gate) return Pipelines.Count; } }

    /// <summary>Starts a new execution with a new artifact revision. Returns its id and the tokens of the approvals it now waits on.</summary>
    /// <exception cref="KeyNotFoundException">No such pipeline.</exception>
    public StartedExecution StartExecution(string pipelineName, string? revisionSummary = null)
    {
        lock (Gate)
        {
            if (!Pipelines.TryGetValue(pipelineName, out var pipeline))
                throw new KeyNotFoundException($"Pipeline '{pipelineName}' does not exist.");
            var now = Now;
            var source = pipeline.Stages.SelectMany(s => s.Actions).FirstOrDefault(a => a.Category == "Source");
            var commit = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant() + Convert.ToHexString(Guid.NewGuid().ToByteArray())[..8].ToLowerInvariant();
            var message = $"Emulated change {pipeline.Executions.Count + 1} to {pipeline.Name}";
            var repository = source?.Config("FullRepositoryId") ?? $"acme/{pipeline.Name}";
            var execution = new ExecutionRecord
            {
                Id = PipelineRunner.NewId(),
                Started = now,
                TriggerType = "StartPipelineExecution",
                TriggerDetail = $"arn:aws:iam::{AwsAccount.Id}:user/approvaltools-emulator",
                ArtifactRevisions =
                [
                    new("SourceArtifact", commit, commit,
                        revisionSummary ?? (source?.Provider == "CodeStarSourceConnection"
                            ? $"{{\"ProviderType\":\"GitHub\",\"CommitMessage\":\"{message}\"}}" : message),
                        now, $"https://github.com/{repository}/commit/{commit}"),
                ],
            };
            PipelineRunner.Start(pipeline, execution, RunClock.At(now));
            var tokens = execution.Stages
                .SelectMany(s => s.Value.Actions
                    .Where(a => a.Value.Status == "InProgress" && a.Value.Token is not null)
                    .Select(a => (Key: $"{s.Key}/{a.Key}", a.Value.Token!)))
                .ToDictionary(x => x.Key, x => x.Item2, StringComparer.Ordinal);
            return new(execution.Id, tokens);
        }
    }

    /// <summary>Adds <paramref name="count"/> generated pipelines named prefix0001...; <paramref name="pending"/> of them, spread evenly, wait at an approval.</summary>
    public GeneratedPipelines Generate(int count, int pending, string prefix = "bench-")
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count));
        var generated = PipelineGenerator.Generate(count, pending, prefix, Now);
        lock (Gate)
        {
            foreach (var (pipeline, _) in generated) Pipelines[pipeline.Name] = pipeline;
            // Read under the lock: once added, the pipelines are open to concurrent calls.
            var tokens = generated.Where(g => g.Pending).ToDictionary(
                g => g.Pipeline.Name,
                g => (IReadOnlyDictionary<string, string>)OpenApprovalsOf(g.Pipeline).ToDictionary(a => $"{a.StageName}/{a.ActionName}", a => a.Token),
                StringComparer.Ordinal);
            return new(generated.Count, tokens);
        }
    }

    /// <summary>Every approval currently waiting for an answer (in PARALLEL pipelines, of every running execution).</summary>
    public IReadOnlyList<OpenApproval> OpenApprovals()
    {
        lock (Gate) return Pipelines.Values.SelectMany(OpenApprovalsOf).ToList();
    }

    public FaultSettings? Faults => FaultInjector.Current;
    public void SetFaults(FaultSettings faults) => FaultInjector.Set(faults ?? throw new ArgumentNullException(nameof(faults)));
    public void ClearFaults() => FaultInjector.Clear();

    public IReadOnlyList<CallRecord> Calls() => CallLog.Snapshot();
    public void ClearCalls() => CallLog.Clear();

    public IReadOnlyList<ApprovalCount> ApprovalCounts() => ApprovalCounters.Snapshot();

    /// <summary>Accepts another access key (replacing one with the same id). With a session token, requests must carry it.</summary>
    public void AddCredential(string accessKeyId, string secretAccessKey, string? sessionToken = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessKeyId);
        ArgumentException.ThrowIfNullOrEmpty(secretAccessKey);
        CredentialStore.Add(accessKeyId, secretAccessKey, sessionToken);
    }

    private void LoadSeed()
    {
        var pipelines = SeedLoader.Build(_seed, Now);
        lock (Gate)
        {
            Pipelines.Clear();
            foreach (var p in pipelines) Pipelines[p.Name] = p;
        }
    }

    private static IEnumerable<OpenApproval> OpenApprovalsOf(PipelineRecord pipeline) =>
        from execution in pipeline.Executions
        from stage in pipeline.Stages
        where execution.Stages.ContainsKey(stage.Name)
        from action in stage.Actions
        where action.IsManualApproval
        let run = execution.Stages[stage.Name].Actions.GetValueOrDefault(action.Name)
        where run is { Status: "InProgress", Token: not null }
        select new OpenApproval(pipeline.Name, stage.Name, action.Name, run.Token!, execution.Id, run.LastStatusChange);
}
