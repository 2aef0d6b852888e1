namespace ApprovalTools.Emulator.State;

/// <summary>PutApprovalResult calls per token: received (arrived at all) and applied (changed state).</summary>
internal sealed class ApprovalCounters
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Received, int Applied)> _counts = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public void Received(string token) => Bump(token, 1, 0);
    public void Applied(string token) => Bump(token, 0, 1);

    public IReadOnlyList<ApprovalCount> Snapshot()
    {
        lock (_gate) return _order.Select(t => new ApprovalCount(t, _counts[t].Received, _counts[t].Applied)).ToList();
    }

    public void Clear()
    {
        lock (_gate) { _counts.Clear(); _order.Clear(); }
    }

    private void Bump(string token, int received, int applied)
    {
        lock (_gate)
        {
            if (!_counts.TryGetValue(token, out var c)) _order.Add(token);
            _counts[token] = (c.Received + received, c.Applied + applied);
        }
    }
}
