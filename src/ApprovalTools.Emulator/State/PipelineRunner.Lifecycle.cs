namespace ApprovalTools.Emulator.State;

/// <summary>What happens to running executions from outside: answers, timeouts, stops, retries, updates.</summary>
internal static partial class PipelineRunner
{
    /// <summary>The message a timed-out approval carries (the service's wording is not documented).</summary>
    public const string TimeoutMessage = "The approval action timed out: no response was received in time.";

    /// <summary>Records an approval answer and lets the execution go on from there.</summary>
    public static void Answer(PipelineRecord pipeline, ExecutionRecord execution, StageDefinition stage, ActionRun run,
        bool approved, string? summary, string answeredBy, DateTimeOffset now)
    {
        run.Status = approved ? "Succeeded" : "Failed";
        run.Summary = summary;
        run.LastUpdatedBy = answeredBy;
        run.LastStatusChange = now;
        run.Answered = true;
        if (!approved) (run.ErrorCode, run.ErrorMessage) = ("JobFailed", summary);
        Continue(pipeline, execution, stage, RunClock.At(now));
    }

    /// <summary>Fails every approval of the pipeline whose deadline is not after <paramref name="now"/>, oldest
    /// deadline first, each at its own deadline (so a run that enters after one expires can expire in turn).</summary>
    public static void ExpireDue(PipelineRecord pipeline, DateTimeOffset now)
    {
        while (true)
        {
            var due = (from execution in pipeline.Executions
                       where execution.Status is "InProgress" or "Stopping"
                       from stage in execution.Stages
                       from action in stage.Value.Actions
                       where action.Value is { Status: "InProgress", ExpiresAt: { } at } && at <= now
                       orderby action.Value.ExpiresAt
                       select (execution, stage: stage.Key, run: action.Value)).FirstOrDefault();
            if (due.run is null) return;
            var at = due.run.ExpiresAt!.Value;
            (due.run.Status, due.run.LastStatusChange) = ("Failed", at);
            (due.run.ErrorCode, due.run.ErrorMessage) = ("JobFailed", TimeoutMessage);
            var definition = due.execution.Definition.First(s => s.Name == due.stage);
            Continue(pipeline, due.execution, definition, RunClock.At(at));
        }
    }

    /// <summary>StopPipelineExecution. Abandon: open actions are Abandoned and the execution is Stopped at once;
    /// otherwise it is Stopping until its open actions finish (an approval: answered or timed out).</summary>
    public static void Stop(PipelineRecord pipeline, ExecutionRecord execution, bool abandon, string? reason,
        DateTimeOffset now)
    {
        var clock = RunClock.At(now);
        execution.StopRequested = true;
        execution.StopReason = reason ?? execution.StopReason;
        execution.LastUpdated = now;
        if (execution.WaitingAt is { } waitingAt)
        {
            pipeline.Inbound[waitingAt].Remove(execution);
            (execution.WaitingAt, execution.Status) = (null, "Stopped");
            return;
        }
        var open = execution.Stages.Where(s => s.Value.Status is "InProgress" or "Stopping").ToList();
        if (!abandon && open.Count > 0)
        {
            execution.Status = "Stopping";
            foreach (var (_, run) in open) run.Status = "Stopping";
            return;
        }
        execution.Abandoned = abandon;
        execution.Status = "Stopped";
        foreach (var (name, run) in open)
        {
            run.Status = "Stopped";
            foreach (var action in run.Actions.Values.Where(a => a.Status == "InProgress"))
                (action.Status, action.LastStatusChange) = ("Abandoned", now);
            Release(pipeline, name, clock);
        }
    }

    /// <summary>RetryStageExecution of a failed stage: FAILED_ACTIONS runs the failed (and abandoned) actions again,
    /// ALL_ACTIONS every action; each gets a new action execution (an approval, a new token).</summary>
    public static void Retry(PipelineRecord pipeline, ExecutionRecord execution, string stageName, bool allActions,
        DateTimeOffset now)
    {
        var clock = RunClock.At(now);
        var run = execution.Stages[stageName];
        foreach (var (name, action) in run.Actions.ToList())
        {
            if (!allActions && action.Status == "Succeeded") continue;
            run.Earlier.Add((name, action));
            run.Actions.Remove(name);
        }
        run.Status = "InProgress";
        (execution.Status, execution.LastUpdated, execution.StatusSummary) = ("InProgress", now, null);
        var stage = execution.Definition.First(s => s.Name == stageName);
        Continue(pipeline, execution, stage, clock);
    }

    /// <summary>A new pipeline version. Cancel: executions in flight are Cancelled (their open approvals Abandoned),
    /// as the model's status documentation describes; otherwise they go on with the version they started
    /// with.</summary>
    public static void Update(PipelineRecord pipeline, bool cancelInFlight, DateTimeOffset now)
    {
        if (!cancelInFlight) return;
        foreach (var execution in pipeline.Executions.Where(e => e.Status is "InProgress" or "Stopping"))
        {
            (execution.Status, execution.LastUpdated, execution.WaitingAt) = ("Cancelled", now, null);
            foreach (var run in execution.Stages.Values.Where(r => r.Status is "InProgress" or "Stopping"))
            {
                run.Status = "Cancelled";
                foreach (var action in run.Actions.Values.Where(a => a.Status == "InProgress"))
                    (action.Status, action.LastStatusChange) = ("Abandoned", now);
            }
        }
        pipeline.Inbound.Clear();
    }
}
