using System.Collections.Concurrent;

namespace ApprovalTools.Emulator.State;

/// <summary>A known key: its secret, its session token if any, the caller ARN calls signed with it are made by, and
/// for issued credentials the role ARN they were issued for.</summary>
internal sealed record Credential(string SecretAccessKey, string? SessionToken, string Arn, string? RoleArn = null);

/// <summary>Access keys the SigV4 check accepts. A key registered with a session token requires X-Amz-Security-Token to
/// match.</summary>
internal sealed class CredentialStore
{
    /// <summary>The IAM user name of the default key.</summary>
    public const string DefaultUserName = "approvaltools-local";

    private readonly ConcurrentDictionary<string, Credential> _keys = new(StringComparer.Ordinal);

    public CredentialStore(IEnumerable<KeyValuePair<string, string>> initial)
    {
        foreach (var (id, secret) in initial)
            _keys[id] = new(secret, null, UserArn(id == EmulatorOptions.DefaultAccessKeyId ? DefaultUserName : id));
    }

    public static string UserArn(string userName) => $"arn:aws:iam::{AwsAccount.Id}:user/{userName}";

    public void Add(string accessKeyId, string secretAccessKey, string? sessionToken, string? arn = null,
        string? roleArn = null) =>
        _keys[accessKeyId] = new(secretAccessKey, string.IsNullOrEmpty(sessionToken) ? null : sessionToken,
            arn ?? UserArn(accessKeyId), roleArn);

    public Credential? Find(string accessKeyId) => _keys.TryGetValue(accessKeyId, out var c) ? c : null;
}
