using System;
using System.Collections.Generic;
using System.Linq;
using ApprovalTools.Aws;
using ApprovalTools.Commands;

namespace ApprovalTools.Engine;

/// <summary>
/// The sessions (client, region, credentials) one command invocation uses, made from its common AWS parameters once
/// per region and profile, and disposed with the command.
/// </summary>
internal sealed class SessionCache(AsyncPSCmdlet command, IAwsParameters parameters) : IDisposable
{
    private readonly Dictionary<string, ResolvedSession> _sessions = new(StringComparer.OrdinalIgnoreCase);
    private (object? Credentials, object? Region)? _stored;
    private string? _location;

    /// <summary>
    /// The session for a region and profile (null: the command's own -Region and -ProfileName, else resolve as usual).
    /// Throws <see cref="ApprovalToolsException"/> when the settings cannot be used.
    /// </summary>
    public ResolvedSession Get(string? region = null, string? profileName = null) =>
        Get(new SessionTarget
        {
            // Single-valued cmdlets fall back to their own -Region and -ProfileName.
            Region = region ?? (parameters.Regions.Count == 1 ? parameters.Regions[0] : null),
            ProfileName = profileName ?? (parameters.ProfileNames.Count == 1 ? parameters.ProfileNames[0] : null),
            ProfileLocation = parameters.ProfileLocation,
            EndpointUrl = parameters.EndpointUrl,
        });

    /// <summary>The session for exactly these settings (credential parameters are the command's own).</summary>
    public ResolvedSession Get(SessionTarget target)
    {
        var location = FullPath(target.ProfileLocation);
        var key = $"{target.Region}|{target.ProfileName}|{location}|{target.EndpointUrl}";
        lock (_sessions)
        {
            if (_sessions.TryGetValue(key, out var existing)) return existing;
            var (storedCredentials, storedRegion) = _stored ??= ReadStoredSettings();
            var settings = new AwsSettings
            {
                Region = target.Region,
                RegionSource = target.RegionSource,
                ProfileName = target.ProfileName,
                ProfileLocation = location,
                ProfileSource = target.ProfileSource,
                AccessKey = parameters.AccessKey,
                SecretKey = parameters.SecretKey,
                SessionToken = parameters.SessionToken,
                Credentials = parameters.Credential is null ? null : ForeignCredentials.FromObject(parameters.Credential, "-Credential"),
                EndpointUrl = target.EndpointUrl,
                EndpointSource = target.EndpointSource,
                StoredCredentials = storedCredentials,
                StoredRegion = storedRegion,
            };
            var session = settings.Resolve();
            session.Client.CallTimeout = TimeSpan.FromSeconds(parameters.TimeoutSec);
            command.WriteVerbose($"Using region {session.Region} (from {session.RegionSource}) and credentials from "
                + session.CredentialSource + (session.EndpointUrl is null ? "." : $", endpoint {session.EndpointUrl}."));
            command.WriteVerbose($"The credentials have access key id {session.AccessKeyId}"
                + (session.EndpointUrl is null ? "; the endpoint is the regional one." : $"; the endpoint is from {session.EndpointSource}."));
            _sessions[key] = session;
            return session;
        }
    }

    // A relative -ProfileLocation (./creds.ini) means PowerShell's current location, not the process's; the full path
    // is what approvals carry, so they are answered from the same file wherever they travel.
    private string? FullPath(string? path)
    {
        if (string.IsNullOrEmpty(path)) return null;
        if (path!.StartsWith("~", StringComparison.Ordinal) && (path.Length == 1 || path[1] is '/' or '\\'))
            path = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path.Substring(1);
        if (System.IO.Path.IsPathRooted(path)) return System.IO.Path.GetFullPath(path);
        _location ??= command.SessionState.Path.CurrentFileSystemLocation.ProviderPath;
        return System.IO.Path.GetFullPath(System.IO.Path.Combine(_location, path));
    }

    /// <summary>
    /// A session for every region and profile combination given (each once), in the order given. Settings that cannot
    /// be used are reported once each as non-terminating errors, and the other combinations still run.
    /// </summary>
    public IReadOnlyList<ResolvedSession> GetAll()
    {
        var sessions = new List<ResolvedSession>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var profile in parameters.ProfileNames)
        foreach (var region in parameters.Regions)
        {
            try { sessions.Add(Get(region, profile)); }
            catch (ApprovalToolsException e)
            {
                // Missing credentials fail every region alike: say it once.
                if (reported.Add($"{e.ErrorId}|{e.Message}"))
                    command.WriteError(ErrorMapping.ToErrorRecord(e, DescribeTarget(region, profile)));
            }
        }
        return sessions;
    }

    private static string? DescribeTarget(string? region, string? profile) =>
        region is null && profile is null ? null : string.Join(" ", new[] { profile is null ? null : $"profile {profile}", region is null ? null : $"region {region}" }.Where(s => s is not null));

    // AWS.Tools' session defaults (Set-AWSCredential, Set-DefaultAWSRegion), as the caller's scope sees them.
    private (object?, object?) ReadStoredSettings() =>
        (command.SessionState.PSVariable.GetValue("StoredAWSCredentials"), command.SessionState.PSVariable.GetValue("StoredAWSRegion"));

    public void Dispose()
    {
        lock (_sessions)
        {
            foreach (var s in _sessions.Values) s.Dispose();
            _sessions.Clear();
        }
    }
}

/// <summary>The region, profile and endpoint one session is made for, and where each came from (for -Verbose).</summary>
internal sealed class SessionTarget
{
    public string? Region { get; set; }
    public string? RegionSource { get; set; }
    public string? ProfileName { get; set; }
    public string? ProfileLocation { get; set; }
    public string? ProfileSource { get; set; }
    public string? EndpointUrl { get; set; }
    public string? EndpointSource { get; set; }
}
