using System;
using System.Management.Automation;
using Amazon;
using Amazon.Runtime;
using ApprovalTools.Client;

namespace ApprovalTools.Aws;

/// <summary>
/// What a caller said about credentials, region and endpoint, resolved in the order AWS Tools for PowerShell
/// documents into a <see cref="ResolvedSession"/>: the region (<see cref="RegionChain"/>), the endpoint
/// (<see cref="EndpointSettings"/>), then the credentials (<see cref="CredentialChain"/>).
/// </summary>
public sealed class AwsSettings
{
    /// <summary>The profile in effect when none is named (and the one -ProfileLocation alone means).</summary>
    public const string DefaultProfile = "default";

    /// <summary>The region name (-Region); null to follow the region chain.</summary>
    public string? Region { get; set; }

    /// <summary>The profile whose credentials, region and endpoint settings apply (-ProfileName).</summary>
    public string? ProfileName { get; set; }

    /// <summary>A credentials file to read profiles from instead of the shared ones (-ProfileLocation).</summary>
    public string? ProfileLocation { get; set; }

    /// <summary>The access key id of keys given directly (-AccessKey).</summary>
    public string? AccessKey { get; set; }

    /// <summary>The secret access key of keys given directly (-SecretKey).</summary>
    public string? SecretKey { get; set; }

    /// <summary>The session token of temporary keys given directly (-SessionToken).</summary>
    public string? SessionToken { get; set; }

    /// <summary>Credentials given as an object (-Credential), already made ours.</summary>
    public AWSCredentials? Credentials { get; set; }

    /// <summary>The endpoint to call instead of the region's own (-EndpointUrl).</summary>
    public string? EndpointUrl { get; set; }

    /// <summary>
    /// The value of $StoredAWSCredentials (AWS.Tools' Set-AWSCredential), whatever copy of the SDK made it.
    /// </summary>
    public object? StoredCredentials { get; set; }

    /// <summary>The value of $StoredAWSRegion (AWS.Tools' Set-DefaultAWSRegion).</summary>
    public object? StoredRegion { get; set; }

    /// <summary>Where <see cref="Region"/> came from, for messages (default: the -Region parameter).</summary>
    public string? RegionSource { get; set; }

    /// <summary>
    /// Where <see cref="ProfileName"/> and <see cref="ProfileLocation"/> came from (default: the parameters).
    /// </summary>
    public string? ProfileSource { get; set; }

    /// <summary>Where <see cref="EndpointUrl"/> came from (default: the -EndpointUrl parameter).</summary>
    public string? EndpointSource { get; set; }

    /// <summary>
    /// Resolves credentials, region and endpoint into a ready client. Throws <see cref="ApprovalToolsException"/>.
    /// </summary>
    public ResolvedSession Resolve()
    {
        // Profiles are read afresh by each resolution, and once within it.
        var profiles = new ProfileFiles(ProfileLocation);
        SdkDependencies.Register();
        // A session token alone would be silently dropped (it only means something with its key pair).
        if (!string.IsNullOrEmpty(SessionToken) && string.IsNullOrEmpty(AccessKey) && string.IsNullOrEmpty(SecretKey))
            throw new ApprovalToolsException("IncompleteCredentials", ErrorCategory.InvalidArgument,
                "-SessionToken was given without -AccessKey and -SecretKey; give all three (temporary credentials), "
                + "or use -Credential or -ProfileName. Nothing was called.");
        // A profile named and missing is an error of its own, whatever else could have supplied credentials or region.
        if (!string.IsNullOrEmpty(ProfileName) && !profiles.Exists(ProfileName!))
            throw NamedProfileNotFound(ProfileName!);
        // The region and endpoint first: they are checked without any call, credentials may need one (STS, SSO).
        var (regionName, regionSource) = RegionChain.Resolve(this, profiles);
        var region = RegionEndpoint.GetBySystemName(regionName);
        var config = new CodePipelineClientConfig();
        var (endpoint, endpointSource) = EndpointSettings.Apply(config, this, region, profiles);
        RegionChain.CheckKnown(region, regionName, regionSource, endpoint);
        // Whatever the endpoint, the session's requests are signed for its region (SigningRegion says why).
        config.AuthenticationRegion = region.SystemName;

        var (source, accessKeyId) = new CredentialChain(this, profiles).Resolve();
        return new ResolvedSession(new CodePipelineClient(source.Credentials, config), region.SystemName, regionSource,
            source.Description, source.Profile, endpoint)
        {
            EndpointSource = endpointSource,
            ProfileLocation = source.Profile is null ? null : ProfileLocation,
            AccessKeyId = accessKeyId,
            KeysWithoutSource = source.KeysWithoutSource,
        };
    }

    /// <summary>
    /// The profile whose region and endpoint settings apply: the one named, else the default profile of
    /// -ProfileLocation's file, else AWS_PROFILE's, else the default.
    /// </summary>
    internal string EffectiveProfileName()
    {
        if (!string.IsNullOrEmpty(ProfileName)) return ProfileName!;
        if (!string.IsNullOrEmpty(ProfileLocation)) return DefaultProfile;
        return EnvironmentProfile() ?? DefaultProfile;
    }

    /// <summary>The profile AWS_PROFILE names, if it is set.</summary>
    internal static string? EnvironmentProfile() =>
        Environment.GetEnvironmentVariable("AWS_PROFILE") is { Length: > 0 } name ? name : null;

    /// <summary>The error for a profile named by -ProfileName (or -ProfileLocation's default) missing.</summary>
    internal ApprovalToolsException NamedProfileNotFound(string name) =>
        new("ProfileNotFound", ErrorCategory.ObjectNotFound, $"The profile '{name}'{From(ProfileSource)} was not "
            + $"found in {ProfileLocation ?? "the shared AWS config and credentials files"}.");

    /// <summary>The error for the profile AWS_PROFILE names missing.</summary>
    internal static ApprovalToolsException EnvironmentProfileNotFound(string name) =>
        new("ProfileNotFound", ErrorCategory.ObjectNotFound,
            $"The profile '{name}' named by AWS_PROFILE was not found in the shared AWS config and credentials files.");

    /// <summary>" (from <paramref name="source"/>)", or nothing when the source is the parameter itself.</summary>
    internal static string From(string? source) => source is null ? "" : $" (from {source})";
}
