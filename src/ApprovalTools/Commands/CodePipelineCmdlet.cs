using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net;
using Amazon.Runtime;
using ApprovalTools.Aws;

namespace ApprovalTools.Commands;

/// <summary>The AWS parameters every cmdlet shares, with AWS.Tools' names and aliases, and the clients they make.</summary>
public abstract class CodePipelineCmdlet : AsyncPSCmdlet
{
    private readonly Dictionary<string, ResolvedSession> _sessions = new(StringComparer.OrdinalIgnoreCase);

    [Parameter]
    [ValidateNotNullOrEmpty]
    public virtual string? Region { get; set; }

    [Parameter]
    [Alias("StoredCredentials", "AWSProfileName")]
    [ValidateNotNullOrEmpty]
    public virtual string? ProfileName { get; set; }

    [Parameter]
    [Alias("AWSProfilesLocation", "ProfilesLocation")]
    [ValidateNotNullOrEmpty]
    public string? ProfileLocation { get; set; }

    [Parameter]
    [Alias("AK")]
    [ValidateNotNullOrEmpty]
    public string? AccessKey { get; set; }

    [Parameter]
    [Alias("SK", "SecretAccessKey")]
    [ValidateNotNullOrEmpty]
    public string? SecretKey { get; set; }

    [Parameter]
    [Alias("ST")]
    [ValidateNotNullOrEmpty]
    public string? SessionToken { get; set; }

    /// <summary>An AWSCredentials object, or a PSCredential whose user name is the access key id and password the secret key.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? Credential { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? EndpointUrl { get; set; }

    /// <summary>
    /// The session for a region and profile (the bound parameters when null), created once per command.
    /// Throws <see cref="ApprovalToolsException"/> when the settings cannot be used.
    /// </summary>
    protected ResolvedSession GetSession(string? region = null, string? profileName = null)
    {
        region ??= Region;
        profileName ??= ProfileName;
        var key = $"{region}|{profileName}";
        lock (_sessions)
        {
            if (_sessions.TryGetValue(key, out var existing)) return existing;
            var settings = new AwsSettings
            {
                Region = region,
                ProfileName = profileName,
                ProfileLocation = ProfileLocation,
                AccessKey = AccessKey,
                SecretKey = SecretKey,
                SessionToken = SessionToken,
                Credentials = ToAwsCredentials(Credential),
                EndpointUrl = EndpointUrl,
            };
            var session = settings.Resolve();
            WriteVerbose($"Using region {session.Region} (from {session.RegionSource}) and credentials from {session.CredentialSource}"
                + (session.EndpointUrl is null ? "." : $", endpoint {session.EndpointUrl}."));
            _sessions[key] = session;
            return session;
        }
    }

    private static AWSCredentials? ToAwsCredentials(object? value) => (value is PSObject ps ? ps.BaseObject : value) switch
    {
        null => null,
        AWSCredentials c => c,
        PSCredential p => new BasicAWSCredentials(p.UserName, new NetworkCredential("", p.Password).Password),
        var other => throw new ApprovalToolsException("InvalidCredential", ErrorCategory.InvalidArgument,
            $"-Credential takes an AWSCredentials object or a PSCredential, not {other.GetType().FullName}."),
    };

    protected override void DisposeResources()
    {
        foreach (var s in _sessions.Values) s.Dispose();
        _sessions.Clear();
    }
}
