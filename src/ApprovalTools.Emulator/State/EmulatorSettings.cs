namespace ApprovalTools.Emulator;

/// <summary>
/// How the emulator plays what AWS does not document (README, "Behaviour and sources"). Every value has a default;
/// /_emulator/reset restores them. Property names are the camelCase JSON names of PUT /_emulator/settings.
/// </summary>
public sealed record EmulatorSettings
{
    /// <summary>"answeredBy" (default): an empty summary is stored as "Approved by &lt;ARN&gt;" / "Rejected by
    /// &lt;ARN&gt;"; "empty": stored as nothing.</summary>
    public string EmptySummary { get; init; } = "answeredBy";

    /// <summary>false (default): GetPipelineState leaves out the token of an approval no longer waiting; true: shows
    /// it.</summary>
    public bool AnsweredTokenShown { get; init; }

    /// <summary>"alreadyCompleted" (default): the token of an answered approval gets ApprovalAlreadyCompletedException;
    /// "invalidToken": InvalidApprovalTokenException.</summary>
    public string SecondAnswer { get; init; } = "alreadyCompleted";

    /// <summary>"waitForApproval" (default): StopPipelineExecution without abandon leaves the execution Stopping and
    /// its approval answerable until answered or timed out; "abandonApproval": the approval is Abandoned as with
    /// abandon.</summary>
    public string StopWithoutAbandon { get; init; } = "waitForApproval";

    /// <summary>"continue" (default): executions in flight when the pipeline is updated keep their version and go on;
    /// "cancel": they become Cancelled, their waiting approvals Abandoned.</summary>
    public string UpdateInFlight { get; init; } = "continue";

    /// <summary>"both" (default): a QUEUED stage reports its waiting runs in inboundExecutions and the first of them in
    /// inboundExecution as well; "listOnly": only inboundExecutions.</summary>
    public string QueuedInbound { get; init; } = "both";

    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        [nameof(EmptySummary)] = ["answeredBy", "empty"],
        [nameof(SecondAnswer)] = ["alreadyCompleted", "invalidToken"],
        [nameof(StopWithoutAbandon)] = ["waitForApproval", "abandonApproval"],
        [nameof(UpdateInFlight)] = ["continue", "cancel"],
        [nameof(QueuedInbound)] = ["both", "listOnly"],
    };

    /// <summary>Null when every value is one of the known ones, else a message naming the first that is not.</summary>
    public string? Problem()
    {
        foreach (var (name, value) in new[]
        {
            (nameof(EmptySummary), EmptySummary), (nameof(SecondAnswer), SecondAnswer),
            (nameof(StopWithoutAbandon), StopWithoutAbandon), (nameof(UpdateInFlight), UpdateInFlight),
            (nameof(QueuedInbound), QueuedInbound),
        })
        {
            if (!Allowed[name].Contains(value, StringComparer.Ordinal))
                return $"{char.ToLowerInvariant(name[0])}{name[1..]} must be one of " +
                    $"{string.Join(", ", Allowed[name])}.";
        }
        return null;
    }

    /// <summary>Applies "name=value" (camelCase name), as given on the command line.</summary>
    public EmulatorSettings With(string assignment)
    {
        var at = assignment.IndexOf('=');
        if (at <= 0) throw new ArgumentException($"'{assignment}' is not name=value.");
        var (name, value) = (assignment[..at].ToLowerInvariant(), assignment[(at + 1)..]);
        var result = name switch
        {
            "emptysummary" => this with { EmptySummary = value },
            "answeredtokenshown" => this with { AnsweredTokenShown = bool.Parse(value) },
            "secondanswer" => this with { SecondAnswer = value },
            "stopwithoutabandon" => this with { StopWithoutAbandon = value },
            "updateinflight" => this with { UpdateInFlight = value },
            "queuedinbound" => this with { QueuedInbound = value },
            _ => throw new ArgumentException($"Unknown setting '{assignment[..at]}'."),
        };
        return result.Problem() is { } problem ? throw new ArgumentException(problem) : result;
    }
}
