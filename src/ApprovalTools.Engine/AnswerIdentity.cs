using System;
using System.Linq;
using System.Management.Automation;
using ApprovalTools.Aws;
using ApprovalTools.Commands;

namespace ApprovalTools.Engine;

/// <summary>
/// Which region, profile, endpoint and access key id answer one record, and where each came from. An approval is
/// answered with the identity it was listed with: the piped object's Region, ProfileName, ProfileLocation and
/// EndpointUrl (a PendingApproval, or by name any object with those properties), unless the command line says
/// otherwise. Credential parameters on the command line replace the object's identity as a whole; without them, an
/// approval listed with keys (its AccessKeyId) is answered only by credentials with that access key id.
/// </summary>
internal sealed class AnswerIdentity
{
    private static readonly string[] KeyParameters = { "AccessKey", "SecretKey", "SessionToken", "Credential" };

    public SessionTarget Target { get; private set; } = new();

    /// <summary>The access key id the credentials in effect must have, if any, and where that came from.</summary>
    public (string Id, string From)? ExpectedKey { get; private set; }

    public static AnswerIdentity For(AnswerPipelineActionRequest request, PendingApproval? piped)
    {
        bool Given(string name) => request.CommandLineParameters.Contains(name);
        var aws = request.Aws;
        var explicitKeys = KeyParameters.Any(Given);
        var explicitProfile = Given(nameof(aws.ProfileName));

        // The command line wins; else the piped object's value (empty meaning none).
        (string? Value, string? From) Pick(string name, string? value, string? fromObject)
        {
            if (Given(name)) return (value, null);
            var candidate = piped is null ? value : fromObject;
            if (string.IsNullOrEmpty(candidate)) return (null, null);
            return (candidate, piped is null ? $"the {name} property of the piped object" : "the piped approval");
        }

        var region = Pick(nameof(aws.Region), aws.Region, piped?.Region);
        var endpoint = Pick(nameof(aws.EndpointUrl), aws.EndpointUrl, piped?.EndpointUrl);
        var profile = explicitKeys && !explicitProfile ? (null, null)
            : Pick(nameof(aws.ProfileName), aws.ProfileName, piped?.ProfileName);
        var location = (explicitKeys || explicitProfile) && !Given(nameof(aws.ProfileLocation)) ? (null, null)
            : Pick(nameof(aws.ProfileLocation), aws.ProfileLocation, piped?.ProfileLocation);

        var identity = new AnswerIdentity
        {
            Target = new SessionTarget
            {
                Region = region.Value,
                RegionSource = region.From,
                ProfileName = profile.Value,
                ProfileLocation = location.Value,
                ProfileSource = profile.From ?? location.From,
                EndpointUrl = endpoint.Value,
                EndpointSource = endpoint.From,
            },
        };

        // Any credential parameter names the identity meant; -ExpectedAccessKeyId given is always checked.
        var expected = nameof(request.ExpectedAccessKeyId);
        var explicitCredentials = explicitKeys || explicitProfile || Given(nameof(aws.ProfileLocation));
        var key = Given(expected) ? (request.ExpectedAccessKeyId, "the -ExpectedAccessKeyId parameter")
            : explicitCredentials ? (null, null)
            : Pick(expected, request.ExpectedAccessKeyId, piped?.AccessKeyId);
        if (!string.IsNullOrEmpty(key.Item1))
            identity.ExpectedKey = (key.Item1!, key.Item2 ?? "the -ExpectedAccessKeyId parameter");
        return identity;
    }

    /// <summary>
    /// Null when the session may answer; else the IdentityMismatch error (nothing was called, nothing is answered).
    /// </summary>
    public ErrorRecord? Check(ResolvedSession session, object target, Action<string> verbose)
    {
        if (ExpectedKey is not { } expected) return null;
        if (string.Equals(session.AccessKeyId, expected.Id, StringComparison.Ordinal))
        {
            verbose($"The credentials in effect have access key id {expected.Id}, as {expected.From} requires.");
            return null;
        }
        var message = $"{Capitalized(expected.From)} requires credentials with access key id {expected.Id} "
            + $"(the keys it was listed with), but the credentials in effect, from {session.CredentialSource}, "
            + $"have access key id {session.AccessKeyId}. Nothing was answered. Give those credentials again "
            + "(-AccessKey and -SecretKey, -Credential or -ProfileName): credential parameters replace the identity "
            + "the approval carries.";
        return ErrorMapping.Create("IdentityMismatch", ErrorCategory.SecurityError, message, target);
    }

    private static string Capitalized(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
}
