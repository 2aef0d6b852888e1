using System.Collections.Concurrent;

namespace ApprovalTools.Emulator.State;

internal sealed record Credential(string SecretAccessKey, string? SessionToken);

/// <summary>Access keys the SigV4 check accepts. A key registered with a session token requires X-Amz-Security-Token to match.</summary>
internal sealed class CredentialStore
{
    private readonly ConcurrentDictionary<string, Credential> _keys = new(StringComparer.Ordinal);

    public CredentialStore(IEnumerable<KeyValuePair<string, string>> initial)
    {
        foreach (var (id, secret) in initial) _keys[id] = new(secret, null);
    }

    public void Add(string accessKeyId, string secretAccessKey, string? sessionToken) =>
        _keys[accessKeyId] = new(secretAccessKey, string.IsNullOrEmpty(sessionToken) ? null : sessionToken);

    public Credential? Find(string accessKeyId) => _keys.TryGetValue(accessKeyId, out var c) ? c : null;
}
