using System;
using System.Collections.Generic;
using System.Linq;
using ApprovalTools.Aws;
using ApprovalTools.Commands;

namespace ApprovalTools.Engine;

/// <summary>
/// The sessions (client, region, credentials) one command invocation uses, made from its <see cref="AwsParameters"/>
/// once per region, profile and endpoint, and disposed with the command. Says on -Verbose what each one uses.
/// </summary>
internal sealed class SessionCache(ICommandSink sink) : IDisposable
{
    private readonly Dictionary<string, ResolvedSession> _sessions = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The session for a region and profile (null: the command's own single -Region and -ProfileName, else resolve
    /// as usual). Throws <see cref="ApprovalToolsException"/> when the settings cannot be used.
    /// </summary>
    public ResolvedSession Get(AwsParameters aws, string? region = null, string? profileName = null) =>
        Get(aws, new SessionTarget
        {
            Region = region ?? aws.Region,
            ProfileName = profileName ?? aws.ProfileName,
            ProfileLocation = aws.ProfileLocation,
            EndpointUrl = aws.EndpointUrl,
        });

    /// <summary>The session for exactly these settings (credential parameters, -TimeoutSec: the command's).</summary>
    public ResolvedSession Get(AwsParameters aws, SessionTarget target)
    {
        var location = FullPath(target.ProfileLocation, aws.CurrentLocation);
        var key = $"{target.Region}|{target.ProfileName}|{location}|{target.EndpointUrl}";
        lock (_sessions)
        {
            if (_sessions.TryGetValue(key, out var existing)) return existing;
            var session = Settings(aws, target).Resolve();
            session.Client.CallTimeout = TimeSpan.FromSeconds(aws.TimeoutSec);
            var endpoint = session.EndpointUrl is null ? "." : $", endpoint {session.EndpointUrl}.";
            sink.WriteVerbose($"Using region {session.Region} (from {session.RegionSource}) and credentials from "
                + session.CredentialSource + endpoint);
            sink.WriteVerbose($"The credentials have access key id {session.AccessKeyId}" + (session.EndpointUrl is null
                ? "; the endpoint is the regional one." : $"; the endpoint is from {session.EndpointSource}."));
            _sessions[key] = session;
            return session;
        }
    }

    /// <summary>
    /// A session for every region and profile combination given (each once), in the order given. Settings that cannot
    /// be used are reported once each as non-terminating errors, and the other combinations still run.
    /// </summary>
    public IReadOnlyList<ResolvedSession> GetAll(AwsParameters aws)
    {
        var sessions = new List<ResolvedSession>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var profile in aws.ProfileNames)
        foreach (var region in aws.Regions)
        {
            try { sessions.Add(Get(aws, region, profile)); }
            catch (ApprovalToolsException e)
            {
                // Missing credentials fail every region alike: say it once.
                if (reported.Add($"{e.ErrorId}|{e.Message}"))
                    sink.WriteError(ErrorMapping.ToErrorRecord(e, DescribeTarget(region, profile)));
            }
        }
        return sessions;
    }

    /// <summary>The one place plain parameters become the settings a session is resolved from.</summary>
    public static AwsSettings Settings(AwsParameters aws, SessionTarget target) => new()
    {
        Region = target.Region,
        RegionSource = target.RegionSource,
        ProfileName = target.ProfileName,
        ProfileLocation = FullPath(target.ProfileLocation, aws.CurrentLocation),
        ProfileSource = target.ProfileSource,
        AccessKey = aws.AccessKey,
        SecretKey = aws.SecretKey,
        SessionToken = aws.SessionToken,
        Credentials = aws.Credential is null ? null : ForeignCredentials.FromObject(aws.Credential, "-Credential"),
        EndpointUrl = target.EndpointUrl,
        EndpointSource = target.EndpointSource,
        StoredCredentials = aws.StoredCredentials,
        StoredRegion = aws.StoredRegion,
    };

    // A relative -ProfileLocation (./creds.ini) means PowerShell's current location, not the process's; the full path
    // is what approvals carry, so they are answered from the same file wherever they travel.
    private static string? FullPath(string? path, string? currentLocation)
    {
        if (string.IsNullOrEmpty(path)) return null;
        if (path!.StartsWith("~", StringComparison.Ordinal) && (path.Length == 1 || path[1] is '/' or '\\'))
            path = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path.Substring(1);
        if (System.IO.Path.IsPathRooted(path) || currentLocation is null) return System.IO.Path.GetFullPath(path);
        return System.IO.Path.GetFullPath(System.IO.Path.Combine(currentLocation, path));
    }

    private static string? DescribeTarget(string? region, string? profile) =>
        region is null && profile is null ? null : string.Join(" ", new[]
        {
            profile is null ? null : $"profile {profile}",
            region is null ? null : $"region {region}",
        }.Where(s => s is not null));

    public void Dispose()
    {
        lock (_sessions)
        {
            foreach (var s in _sessions.Values) s.Dispose();
            _sessions.Clear();
        }
    }
}

/// <summary>The region, profile and endpoint one session is made for, and where each came from (-Verbose).</summary>
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
