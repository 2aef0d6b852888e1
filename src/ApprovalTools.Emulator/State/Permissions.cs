namespace ApprovalTools.Emulator.State;

/// <summary>
/// Allow-lists of CodePipeline operations, keyed by access key id or by role ARN (the RoleArn credentials issued by
/// the emulator's STS or SSO portal were issued for). No entry: everything is allowed. A key's own entry wins over
/// its role's.
/// </summary>
internal sealed class Permissions
{
    /// <summary>The operations of the AWS managed policy AWSCodePipelineApproverAccess.</summary>
    public static readonly IReadOnlyList<string> ApproverAccess =
    [
        "GetPipeline", "GetPipelineState", "GetPipelineExecution", "ListPipelineExecutions", "ListPipelines",
        "PutApprovalResult",
    ];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashSet<string>> _allow = new(StringComparer.Ordinal);

    public void Set(string principal, IEnumerable<string>? allow)
    {
        lock (_gate)
        {
            if (allow is null) _allow.Remove(principal);
            else _allow[principal] = new HashSet<string>(allow, StringComparer.Ordinal);
        }
    }

    public bool Allows(string accessKeyId, string? roleArn, string operation)
    {
        lock (_gate)
        {
            if (_allow.TryGetValue(accessKeyId, out var own)) return own.Contains(operation);
            if (roleArn is not null && _allow.TryGetValue(roleArn, out var role)) return role.Contains(operation);
            return true;
        }
    }

    public IReadOnlyDictionary<string, string[]> Snapshot()
    {
        lock (_gate) return _allow.ToDictionary(p => p.Key, p => p.Value.Order(StringComparer.Ordinal).ToArray());
    }

    public void Clear()
    {
        lock (_gate) _allow.Clear();
    }
}
