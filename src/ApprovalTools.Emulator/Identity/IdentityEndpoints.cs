using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;

namespace ApprovalTools.Emulator.Identity;

/// <summary>Temporary credentials the identity endpoints handed out; CodePipeline accepts them as soon as they are
/// issued.</summary>
public sealed record IssuedCredential(string AccessKeyId, string Source, string RoleArn, string? SessionName,
    string? CallerAccessKeyId, DateTimeOffset IssuedAt, DateTimeOffset Expiration);

/// <summary>
/// The two identity services the AWS SDK calls to turn a profile into credentials, on loopback: STS AssumeRole at
/// POST /sts (assume-role profiles) and the IAM Identity Center portal's GetRoleCredentials at
/// GET /sso/federation/credentials (SSO profiles). Whatever they issue is added to the emulator's credential store,
/// so CodePipeline calls signed with it verify, and is listed at GET /_emulator/identity/issued.
/// </summary>
internal sealed class IdentityEndpoints(EmulatorState state)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private readonly ConcurrentQueue<IssuedCredential> _issued = new();
    private readonly ConcurrentDictionary<string, bool> _ssoTokens = new(StringComparer.Ordinal);

    internal EmulatorState State => state;

    public static void Map(IEndpointRouteBuilder app, EmulatorState state)
    {
        var identity = new IdentityEndpoints(state);
        var sts = new StsEndpoint(identity);
        var sso = new SsoPortalEndpoint(identity);
        app.MapPost("/sts", sts.HandleAsync);
        app.MapGet("/sso/federation/credentials", sso.Handle);

        var control = app.MapGroup("/_emulator/identity");
        control.MapGet("/issued", () => Results.Json(identity._issued.ToArray(), Json));
        // An access token as `aws sso login` would leave in ~/.aws/sso/cache; the portal accepts only these.
        control.MapPut("/sso-tokens/{token}", (string token) =>
        {
            identity._ssoTokens[token] = true;
            return Results.Json(new { accessToken = token }, Json);
        });
        control.MapDelete("/sso-tokens/{token}", (string token) =>
            identity._ssoTokens.TryRemove(token, out _) ? Results.NoContent() : Results.NotFound());
    }

    internal bool IsValidSsoToken(string token) => _ssoTokens.ContainsKey(token);

    /// <summary>New temporary credentials, registered with the credential store so CodePipeline accepts them.</summary>
    internal (string AccessKeyId, string SecretAccessKey, string SessionToken, DateTimeOffset Expiration) Issue(
        string source, string roleArn, string? sessionName, string? caller, TimeSpan lifetime, string callerArn)
    {
        var accessKeyId = "ASIA" + RandomNumberGenerator.GetString(KeyAlphabet, 16);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(96));
        var now = state.RealNow;
        var expiration = now + lifetime;
        state.CredentialStore.Add(accessKeyId, secret, token, callerArn, roleArn);
        _issued.Enqueue(new(accessKeyId, source, roleArn, sessionName, caller, now, expiration));
        return (accessKeyId, secret, token, expiration);
    }
}
