namespace ApprovalTools.Emulator.State;

/// <summary>
/// Moves executions through stages. Actions run in runOrder groups; everything but a manual approval finishes at
/// once (successfully unless scripted otherwise), an approval waits for PutApprovalResult. An execution entering a
/// stage another execution still occupies replaces it (that one becomes Superseded, its open approvals Abandoned),
/// except in PARALLEL mode where executions run side by side.
/// </summary>
internal static class PipelineRunner
{
    public static string NewId() => Guid.NewGuid().ToString();

    public static void Start(PipelineRecord pipeline, ExecutionRecord execution, RunClock clock,
        IReadOnlyDictionary<string, ActionScript>? script = null)
    {
        pipeline.Add(execution);
        execution.LastUpdated = clock.Now;
        RunFrom(pipeline, execution, 0, clock, script);
    }

    /// <summary>Records an approval answer and lets the execution go on from there.</summary>
    public static void Answer(PipelineRecord pipeline, ExecutionRecord execution, StageDefinition stage, ActionRun run,
        bool approved, string? summary, string answeredBy, DateTimeOffset now)
    {
        run.Status = approved ? "Succeeded" : "Failed";
        run.Summary = string.IsNullOrEmpty(summary) ? null : summary;
        run.LastUpdatedBy = answeredBy;
        run.LastStatusChange = now;

        var clock = RunClock.At(now);
        var index = IndexOf(pipeline, stage.Name);
        var stageRun = execution.Stages[stage.Name];
        if (Settle(execution, stageRun, RunActions(pipeline, execution, stage, stageRun, clock, null), clock))
            RunFrom(pipeline, execution, index + 1, clock, null);
    }

    private static void RunFrom(PipelineRecord pipeline, ExecutionRecord execution, int index, RunClock clock,
        IReadOnlyDictionary<string, ActionScript>? script)
    {
        for (var i = index; i < pipeline.Stages.Count; i++)
        {
            var stage = pipeline.Stages[i];
            var run = Enter(pipeline, execution, stage, clock);
            if (!Settle(execution, run, RunActions(pipeline, execution, stage, run, clock, script), clock)) return;
        }
        execution.Status = "Succeeded";
        execution.LastUpdated = clock.Now;
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

    private static StageRun Enter(PipelineRecord pipeline, ExecutionRecord execution, StageDefinition stage, RunClock clock)
    {
        if (!pipeline.IsParallel
            && pipeline.StageHolders.TryGetValue(stage.Name, out var holder) && holder != execution
            && holder.Stages.TryGetValue(stage.Name, out var held) && held.Status == "InProgress")
            Supersede(holder, clock);
        var run = new StageRun();
        execution.Stages[stage.Name] = run;
        pipeline.StageHolders[stage.Name] = execution;
        return run;
    }

    private static void Supersede(ExecutionRecord execution, RunClock clock)
    {
        execution.Status = "Superseded";
        execution.LastUpdated = clock.Now;
        foreach (var run in execution.Stages.Values.Where(r => r.Status == "InProgress"))
        {
            run.Status = "Cancelled";
            foreach (var action in run.Actions.Values.Where(a => a.Status == "InProgress"))
                (action.Status, action.LastStatusChange) = ("Abandoned", clock.Now);
        }
    }

    /// <summary>Runs the stage's runOrder groups as far as they go: Succeeded, Failed, or InProgress (waiting).</summary>
    private static string RunActions(PipelineRecord pipeline, ExecutionRecord execution, StageDefinition stage, StageRun run,
        RunClock clock, IReadOnlyDictionary<string, ActionScript>? script)
    {
        foreach (var group in stage.Actions.GroupBy(a => a.RunOrder).OrderBy(g => g.Key))
        {
            foreach (var action in group.Where(a => !run.Actions.ContainsKey(a.Name)))
                run.Actions[action.Name] = StartAction(execution, action, clock, script?.GetValueOrDefault($"{stage.Name}/{action.Name}"));
            var statuses = group.Select(a => run.Actions[a.Name].Status).ToList();
            if (statuses.Contains("Failed")) return "Failed";
            if (statuses.Contains("InProgress")) return "InProgress";
        }
        return "Succeeded";
    }

    private static ActionRun StartAction(ExecutionRecord execution, ActionDefinition action, RunClock clock, ActionScript? script)
    {
        if (action.IsManualApproval)
        {
            var run = new ActionRun
            {
                ActionExecutionId = NewId(),
                Status = "InProgress",
                LastStatusChange = clock.Now,
                Token = script?.Token ?? NewId(),
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
            }
            return run;
        }

        clock.Tick();
        if (script?.At is { } at) clock.MoveTo(at);
        var source = action.Category == "Source" ? execution.ArtifactRevisions.FirstOrDefault() : null;
        var status = script?.Status ?? "Succeeded";
        return new ActionRun
        {
            ActionExecutionId = NewId(),
            Status = status,
            LastStatusChange = clock.Now,
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

    private static int IndexOf(PipelineRecord pipeline, string stageName)
    {
        for (var i = 0; i < pipeline.Stages.Count; i++)
            if (pipeline.Stages[i].Name == stageName) return i;
        throw new KeyNotFoundException(stageName);
    }
}
