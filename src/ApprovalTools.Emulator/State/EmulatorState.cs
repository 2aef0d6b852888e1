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
    /// <summary>Pipelines by name in ordinal order, which is also the ListPipelines order. Guarded by
    /// <see cref="Gate"/>.</summary>
    internal SortedDictionary<string, PipelineRecord> Pipelines { get; } = new(StringComparer.Ordinal);
    internal CredentialStore CredentialStore { get; }
    internal FaultInjector FaultInjector { get; } = new();
    internal CallLog CallLog { get; } = new();
    internal ApprovalCounters ApprovalCounters { get; } = new();
    internal TimeProvider Time { get; }
    internal Permissions Permissions { get; } = new();
    private readonly EmulatorSettings _initialSettings;
    private EmulatorSettings _settings;
    private TimeSpan _clockOffset;

    internal EmulatorState(EmulatorOptions options, TimeProvider? time = null)
    {
        Time = time ?? TimeProvider.System;
        _seedPath = options.SeedPath;
        _seed = SeedLoader.Read(_seedPath);
        CredentialStore = new(options.Credentials);
        _settings = _initialSettings = options.Settings;
        LoadSeed();
    }

    /// <summary>The emulator's clock: real time moved forward by <see cref="AdvanceClock"/>. Every time the emulator
    /// reports, and every approval deadline, is read from it.</summary>
    internal DateTimeOffset Now => Time.GetUtcNow() + _clockOffset;

    /// <summary>Real time, for what clients compare with their own clock (SigV4 skew, credential expiry).</summary>
    internal DateTimeOffset RealNow => Time.GetUtcNow();

    /// <summary>Moves the emulator's clock forward (never back) and lets due approvals time out. Returns the new
    /// time.</summary>
    public DateTimeOffset AdvanceClock(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "The clock only moves forward.");
        lock (Gate)
        {
            _clockOffset += by;
            ExpireDue();
            return Now;
        }
    }

    /// <summary>The current settings of the undocumented behaviours.</summary>
    public EmulatorSettings Settings { get { lock (Gate) return _settings; } }

    /// <summary>Replaces the settings.</summary>
    /// <exception cref="ArgumentException">A value is not one of the known ones.</exception>
    public void SetSettings(EmulatorSettings settings)
    {
        if (settings.Problem() is { } problem) throw new ArgumentException(problem);
        lock (Gate) _settings = settings;
    }

    /// <summary>Restricts <paramref name="principal"/> (an access key id or a role ARN) to these operations;
    /// null allows everything again.</summary>
    public void SetPermissions(string principal, IEnumerable<string>? allow) => Permissions.Set(principal, allow);

    /// <summary>Fails every approval whose deadline has passed on the emulator's clock. Caller holds
    /// <see cref="Gate"/>.</summary>
    internal void ExpireDue()
    {
        var now = Now;
        foreach (var pipeline in Pipelines.Values) PipelineRunner.ExpireDue(pipeline, now);
    }

    /// <summary>Reloads the seed (re-read from disk when it came from a file) and clears faults, the call log and the
    /// counters.
    /// Added credentials are kept.</summary>
    public void Reset()
    {
        if (_seedPath is not null) _seed = SeedLoader.Read(_seedPath);
        FaultInjector.Clear();
        CallLog.Clear();
        ApprovalCounters.Clear();
        Permissions.Clear();
        lock (Gate) (_settings, _clockOffset) = (_initialSettings, TimeSpan.Zero);
        LoadSeed();
    }

    public int PipelineCount { get { lock (Gate) return Pipelines.Count; } }

    /// <summary>Starts a new execution with a new artifact revision. Returns its id, the tokens of the approvals it now
    /// waits at (none while it waits in front of a locked stage), its status and the stage it waits in front
    /// of.</summary>
    /// <exception cref="KeyNotFoundException">No such pipeline.</exception>
    public StartedExecution StartExecution(string pipelineName, string? revisionSummary = null)
    {
        lock (Gate)
        {
            if (!Pipelines.TryGetValue(pipelineName, out var pipeline))
                throw new KeyNotFoundException($"Pipeline '{pipelineName}' does not exist.");
            ExpireDue();
            var now = Now;
            var source = pipeline.Stages.SelectMany(s => s.Actions).FirstOrDefault(a => a.Category == "Source");
            var commit = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant()
                + Convert.ToHexString(Guid.NewGuid().ToByteArray())[..8].ToLowerInvariant();
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
            return new(execution.Id, tokens, execution.Status, execution.WaitingAt);
        }
    }

    /// <summary>Adds <paramref name="count"/> generated pipelines named prefix0001...; <paramref name="pending"/> of
    /// them, spread evenly, wait at an approval.</summary>
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
                g => (IReadOnlyDictionary<string, string>)OpenApprovalsOf(g.Pipeline).ToDictionary(a =>
                    $"{a.StageName}/{a.ActionName}", a => a.Token),
                StringComparer.Ordinal);
            return new(generated.Count, tokens);
        }
    }

    /// <summary>Every approval currently waiting for an answer (in PARALLEL pipelines, of every running
    /// execution).</summary>
    public IReadOnlyList<OpenApproval> OpenApprovals()
    {
        lock (Gate)
        {
            ExpireDue();
            return Pipelines.Values.SelectMany(OpenApprovalsOf).ToList();
        }
    }

    public FaultSettings? Faults => FaultInjector.Current;
    public void SetFaults(FaultSettings faults) => FaultInjector.Set(faults
        ?? throw new ArgumentNullException(nameof(faults)));
    public void ClearFaults() => FaultInjector.Clear();

    public IReadOnlyList<CallRecord> Calls() => CallLog.Snapshot();
    public void ClearCalls() => CallLog.Clear();

    public IReadOnlyList<ApprovalCount> ApprovalCounts() => ApprovalCounters.Snapshot();

    /// <summary>Accepts another access key (replacing one with the same id). With a session token, requests must carry
    /// it.</summary>
    /// <param name="userName">The IAM user calls signed with the key are made by; default: the access key id.</param>
    public void AddCredential(string accessKeyId, string secretAccessKey, string? sessionToken = null,
        string? userName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessKeyId);
        ArgumentException.ThrowIfNullOrEmpty(secretAccessKey);
        CredentialStore.Add(accessKeyId, secretAccessKey, sessionToken,
            CredentialStore.UserArn(string.IsNullOrEmpty(userName) ? accessKeyId : userName));
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
        from stage in execution.Definition
        where execution.Stages.ContainsKey(stage.Name)
        from action in stage.Actions
        where action.IsManualApproval
        let run = execution.Stages[stage.Name].Actions.GetValueOrDefault(action.Name)
        where run is { Status: "InProgress", Token: not null }
        select new OpenApproval(pipeline.Name, stage.Name, action.Name, run.Token!, execution.Id, run.Started,
            run.ExpiresAt!.Value);
}
