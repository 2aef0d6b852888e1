using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ApprovalTools.Aws;

namespace ApprovalTools.Commands;

/// <summary>
/// The AWS parameters every cmdlet shares, with AWS.Tools' names and aliases, and the clients they make.
/// <typeparamref name="TTarget"/> is the type of -Region and -ProfileName: string for cmdlets that act in one
/// region and account, string[] for Get-PendingApproval, which scans every combination given.
/// </summary>
public abstract class CodePipelineCmdlet<TTarget> : AsyncPSCmdlet where TTarget : class
{
    private readonly Dictionary<string, ResolvedSession> _sessions = new(StringComparer.OrdinalIgnoreCase);
    private (object? Credentials, object? Region)? _stored;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public TTarget? Region { get; set; }

    [Parameter]
    [Alias("StoredCredentials", "AWSProfileName")]
    [ValidateNotNullOrEmpty]
    public TTarget? ProfileName { get; set; }

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

    /// <summary>AWSCredentials (from AWS.Tools or any copy of the AWS SDK), a PSCredential (access key id, secret key), or an object with keys.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? Credential { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? EndpointUrl { get; set; }

    /// <summary>The values of -Region, or one null (resolve as usual) when it is not given.</summary>
    protected IReadOnlyList<string?> Regions => Values(Region);

    /// <summary>The values of -ProfileName, or one null when it is not given.</summary>
    protected IReadOnlyList<string?> ProfileNames => Values(ProfileName);

    /// <summary>
    /// The session for a region and profile (null: resolve as usual), created once per command.
    /// Throws <see cref="ApprovalToolsException"/> when the settings cannot be used.
    /// </summary>
    protected ResolvedSession GetSession(string? region = null, string? profileName = null)
    {
        // Single-valued cmdlets fall back to their own -Region and -ProfileName.
        region ??= Region as string;
        profileName ??= ProfileName as string;
        var key = $"{region}|{profileName}";
        lock (_sessions)
        {
            if (_sessions.TryGetValue(key, out var existing)) return existing;
            var (storedCredentials, storedRegion) = _stored ??= ReadStoredSettings();
            var settings = new AwsSettings
            {
                Region = region,
                ProfileName = profileName,
                ProfileLocation = ProfileLocation,
                AccessKey = AccessKey,
                SecretKey = SecretKey,
                SessionToken = SessionToken,
                Credentials = Credential is null ? null : ForeignCredentials.FromObject(Credential, "-Credential"),
                EndpointUrl = EndpointUrl,
                StoredCredentials = storedCredentials,
                StoredRegion = storedRegion,
            };
            var session = settings.Resolve();
            WriteVerbose($"Using region {session.Region} (from {session.RegionSource}) and credentials from {session.CredentialSource}"
                + (session.EndpointUrl is null ? "." : $", endpoint {session.EndpointUrl}."));
            _sessions[key] = session;
            return session;
        }
    }

    /// <summary>
    /// A session for every region and profile combination given (each once), in the order given. Settings that cannot
    /// be used are reported once each as non-terminating errors, and the other combinations still run.
    /// </summary>
    protected IReadOnlyList<ResolvedSession> GetSessions()
    {
        var sessions = new List<ResolvedSession>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var profile in ProfileNames)
        foreach (var region in Regions)
        {
            try { sessions.Add(GetSession(region, profile)); }
            catch (ApprovalToolsException e)
            {
                // Missing credentials fail every region alike: say it once.
                if (reported.Add($"{e.ErrorId}|{e.Message}"))
                    WriteError(ErrorMapping.ToErrorRecord(e, DescribeTarget(region, profile)));
            }
        }
        return sessions;
    }

    private static string? DescribeTarget(string? region, string? profile) =>
        region is null && profile is null ? null : string.Join(" ", new[] { profile is null ? null : $"profile {profile}", region is null ? null : $"region {region}" }.Where(s => s is not null));

    // AWS.Tools' session defaults (Set-AWSCredential, Set-DefaultAWSRegion), as the caller's scope sees them.
    private (object?, object?) ReadStoredSettings() =>
        (SessionState.PSVariable.GetValue("StoredAWSCredentials"), SessionState.PSVariable.GetValue("StoredAWSRegion"));

    private static IReadOnlyList<string?> Values(TTarget? value) => value switch
    {
        string one => new string?[] { one },
        string[] many when many.Length > 0 => many.Distinct(StringComparer.OrdinalIgnoreCase).ToArray<string?>(),
        _ => new string?[] { null },
    };

    protected override void DisposeResources()
    {
        foreach (var s in _sessions.Values) s.Dispose();
        _sessions.Clear();
    }
}

/// <summary>The base of the cmdlets that act in one region and with one profile at a time.</summary>
public abstract class CodePipelineCmdlet : CodePipelineCmdlet<string>;
