namespace ApprovalTools.Emulator.State;

/// <summary>The parts of an action declaration the engine acts on.</summary>
internal sealed record ActionDefinition(
    string Name,
    string Category,
    string Owner,
    string Provider,
    int RunOrder,
    IReadOnlyDictionary<string, string> Configuration)
{
    public bool IsManualApproval => Category == "Approval" && Owner == "AWS" && Provider == "Manual";

    /// <summary>The declaration's timeoutInMinutes, if any.</summary>
    public int? TimeoutInMinutes { get; init; }

    /// <summary>How long a manual approval waits before it fails: timeoutInMinutes, else 7 days (Quotas
    /// page).</summary>
    public TimeSpan ApprovalTimeout => TimeSpan.FromMinutes(TimeoutInMinutes ?? 7 * 24 * 60);
    public string? Config(string key) => Configuration.TryGetValue(key, out var v) ? v : null;
}

internal sealed record StageDefinition(string Name, IReadOnlyList<ActionDefinition> Actions)
{
    public ActionDefinition? FindAction(string name) => Actions.FirstOrDefault(a => a.Name == name);
    public bool HasApproval => Actions.Any(a => a.IsManualApproval);
}
