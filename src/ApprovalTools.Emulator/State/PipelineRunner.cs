namespace ApprovalTools.Emulator.State;

/// <summary>
/// Moves executions through stages as the User Guide's "How pipeline executions are processed" describes. Actions
/// run in runOrder groups; everything but a manual approval finishes at once (successfully unless scripted
/// otherwise), an approval waits for PutApprovalResult or its timeout. An execution inside a stage locks it until
/// its actions have finished; a newer one that reaches a locked stage waits in front of it (SUPERSEDED: one waits,
/// a still newer one supersedes it; QUEUED: all wait in order). PARALLEL executions run side by side.
/// </summary>
internal static partial class PipelineRunner
{
    public static string NewId() => Guid.NewGuid().ToString();

    public static void Start(PipelineRecord pipeline, ExecutionRecord execution, RunClock clock,
        IReadOnlyDictionary<string, ActionScript>? script = null)
    {
        pipeline.Add(execution);
        execution.LastUpdated = clock.Now;
        RunFrom(pipeline, execution, 0, clock, script, null);
    }

    /// <summary>Runs from stage <paramref name="index"/> on; <paramref name="leaving"/> is the stage the execution
    /// just finished, released once it has entered (or queued for) the next one.</summary>
    private static void RunFrom(PipelineRecord pipeline, ExecutionRecord execution, int index, RunClock clock,
        IReadOnlyDictionary<string, ActionScript>? script, string? leaving)
    {
        var stages = execution.Definition;
        for (var i = index; i < stages.Count; i++)
        {
            var stage = stages[i];
            var run = TryEnter(pipeline, execution, stage, clock);
            if (leaving is not null) Release(pipeline, leaving, clock);
            leaving = null;
            if (run is null) return;
            var outcome = RunActions(execution, stage, run, clock, script);
            if (!Settle(execution, run, outcome, clock))
            {
                if (outcome == "Failed") Release(pipeline, stage.Name, clock);
                return;
            }
            leaving = stage.Name;
        }
        execution.Status = "Succeeded";
        execution.LastUpdated = clock.Now;
        if (leaving is not null) Release(pipeline, leaving, clock);
    }

    /// <summary>Goes on after a stage's open action finished: the stage settles; on success the execution moves
    /// on.</summary>
    private static void Continue(PipelineRecord pipeline, ExecutionRecord execution, StageDefinition stage,
        RunClock clock)
    {
        var stageRun = execution.Stages[stage.Name];
        var outcome = RunActions(execution, stage, stageRun, clock, null);
        if (execution.Status == "Stopping" && outcome != "InProgress")
        {
            // Stop and wait: the action finished, so the execution stops here.
            stageRun.Status = "Stopped";
            (execution.Status, execution.LastUpdated) = ("Stopped", clock.Now);
            Release(pipeline, stage.Name, clock);
            return;
        }
        if (Settle(execution, stageRun, outcome, clock))
            RunFrom(pipeline, execution, IndexOf(execution.Definition, stage.Name) + 1, clock, null, stage.Name);
        else if (outcome == "Failed")
            Release(pipeline, stage.Name, clock);
    }

    /// <summary>Applies a stage outcome; true when the execution may move on to the next stage.</summary>
    private static bool Settle(ExecutionRecord execution, StageRun run, string outcome, RunClock clock)
    {
        run.Status = outcome;
        execution.LastUpdated = clock.Now;
        if (outcome == "Failed")
        {
            execution.Status = "Failed";
            // A failed stage stops its other open actions, e.g. a second approval in the same group.
            foreach (var other in run.Actions.Values.Where(a => a.Status == "InProgress"))
                (other.Status, other.LastStatusChange) = ("Abandoned", clock.Now);
        }
        return outcome == "Succeeded";
    }

    private static bool IsLocked(PipelineRecord pipeline, string stageName, ExecutionRecord by) =>
        !pipeline.IsParallel
        && pipeline.StageHolders.TryGetValue(stageName, out var holder) && holder != by
        && holder.Stages.TryGetValue(stageName, out var held) && held.Status is "InProgress" or "Stopping";

    /// <summary>Enters the stage, or waits in front of it when another execution holds it (null).</summary>
    private static StageRun? TryEnter(PipelineRecord pipeline, ExecutionRecord execution, StageDefinition stage,
        RunClock clock)
    {
        if (IsLocked(pipeline, stage.Name, execution))
        {
            Wait(pipeline, execution, stage.Name, clock);
            return null;
        }
        var run = new StageRun();
        execution.Stages[stage.Name] = run;
        pipeline.StageHolders[stage.Name] = execution;
        return run;
    }

    private static void Wait(PipelineRecord pipeline, ExecutionRecord execution, string stageName, RunClock clock)
    {
        if (!pipeline.Inbound.TryGetValue(stageName, out var queue)) pipeline.Inbound[stageName] = queue = [];
        execution.WaitingAt = stageName;
        execution.LastUpdated = clock.Now;
        if (pipeline.ExecutionMode == "QUEUED" || queue.Count == 0)
        {
            queue.Add(execution);
            return;
        }
        // SUPERSEDED: one waits; of two, the newer goes on waiting and the older is superseded.
        var waiting = queue[0];
        var (winner, loser) = waiting.Started > execution.Started ? (waiting, execution) : (execution, waiting);
        queue.Clear();
        queue.Add(winner);
        (loser.Status, loser.WaitingAt, loser.LastUpdated) = ("Superseded", null, clock.Now);
    }

    /// <summary>The stage is free again: the next execution waiting in front of it enters.</summary>
    private static void Release(PipelineRecord pipeline, string stageName, RunClock clock)
    {
        if (pipeline.IsParallel || !pipeline.Inbound.TryGetValue(stageName, out var queue) || queue.Count == 0) return;
        if (IsLocked(pipeline, stageName, queue[0])) return;
        var next = queue[0];
        queue.RemoveAt(0);
        next.WaitingAt = null;
        var index = IndexOf(next.Definition, stageName);
        if (index >= 0) RunFrom(pipeline, next, index, clock, null, null);
    }

    /// <summary>Runs the stage's runOrder groups as far as they go: Succeeded, Failed, or InProgress
    /// (waiting).</summary>
    private static string RunActions(ExecutionRecord execution, StageDefinition stage, StageRun run,
        RunClock clock, IReadOnlyDictionary<string, ActionScript>? script)
    {
        foreach (var group in stage.Actions.GroupBy(a => a.RunOrder).OrderBy(g => g.Key))
        {
            foreach (var action in group.Where(a => !run.Actions.ContainsKey(a.Name)))
                run.Actions[action.Name] = StartAction(execution, action, clock,
                    script?.GetValueOrDefault($"{stage.Name}/{action.Name}"));
            var statuses = group.Select(a => run.Actions[a.Name].Status).ToList();
            if (statuses.Contains("Failed") || statuses.Contains("Abandoned")) return "Failed";
            if (statuses.Contains("InProgress")) return "InProgress";
        }
        return "Succeeded";
    }

    private static ActionRun StartAction(ExecutionRecord execution, ActionDefinition action, RunClock clock,
        ActionScript? script)
    {
        if (action.IsManualApproval)
        {
            var run = new ActionRun
            {
                ActionExecutionId = NewId(),
                Status = "InProgress",
                LastStatusChange = clock.Now,
                Started = clock.Now,
                Token = script?.Token ?? NewId(),
                ExpiresAt = clock.Now + action.ApprovalTimeout,
            };
            var answer = script?.Status switch
            {
                "Approved" or "Succeeded" => "Succeeded",
                "Rejected" or "Failed" => "Failed",
                _ => null,
            };
            if (answer is not null)
            {
                clock.MoveTo(script!.At ?? clock.Now.AddMinutes(20));
                run.Status = answer;
                run.Summary = script.Summary;
                run.LastUpdatedBy = script.LastUpdatedBy;
                run.LastStatusChange = clock.Now;
                run.Answered = true;
                if (answer == "Failed") (run.ErrorCode, run.ErrorMessage) = ("JobFailed", script.Summary);
            }
            return run;
        }

        var started = clock.Now;
        clock.Tick();
        if (script?.At is { } at) clock.MoveTo(at);
        var source = action.Category == "Source" ? execution.ArtifactRevisions.FirstOrDefault() : null;
        var status = script?.Status ?? "Succeeded";
        return new ActionRun
        {
            ActionExecutionId = NewId(),
            Status = status,
            LastStatusChange = clock.Now,
            Started = started,
            Summary = script?.Summary ?? source?.RevisionSummary,
            ExternalExecutionId = script?.ExternalExecutionId ?? source?.RevisionId ?? ExternalIdFor(action),
            ErrorCode = status == "Failed" ? "JobFailed" : null,
        };
    }

    // What the real providers report as their external execution id.
    private static string? ExternalIdFor(ActionDefinition action) => action.Provider switch
    {
        "CodeBuild" => $"{action.Config("ProjectName") ?? "project"}:{NewId()}",
        "CodeDeploy" => "d-" + Convert.ToHexString(Guid.NewGuid().ToByteArray())[..9],
        _ => null,
    };

    internal static int IndexOf(IReadOnlyList<StageDefinition> stages, string stageName)
    {
        for (var i = 0; i < stages.Count; i++)
            if (stages[i].Name == stageName) return i;
        return -1;
    }
}
