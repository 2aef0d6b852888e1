using System;
using System.Linq;
using System.Management.Automation;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Amazon.Util;
using ApprovalTools.Client;

namespace ApprovalTools.Aws;

/// <summary>
/// What a caller said about credentials, region and endpoint, resolved in the order AWS Tools for PowerShell
/// documents. Credentials: -AccessKey/-SecretKey, -Credential, -ProfileName (-ProfileLocation), $StoredAWSCredentials,
/// AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, the default profile, then web identity, container and
/// instance roles. Region: -Region, $StoredAWSRegion, the profile, AWS_REGION/AWS_DEFAULT_REGION, instance metadata.
/// </summary>
public sealed class AwsSettings
{
    public const string DefaultProfile = "default";

    public string? Region { get; set; }
    public string? ProfileName { get; set; }
    public string? ProfileLocation { get; set; }
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    public string? SessionToken { get; set; }
    public AWSCredentials? Credentials { get; set; }
    public string? EndpointUrl { get; set; }

    /// <summary>The value of $StoredAWSCredentials (AWS.Tools' Set-AWSCredential), whatever copy of the SDK made it.</summary>
    public object? StoredCredentials { get; set; }

    /// <summary>The value of $StoredAWSRegion (AWS.Tools' Set-DefaultAWSRegion).</summary>
    public object? StoredRegion { get; set; }

    /// <summary>Where <see cref="Region"/> came from, for messages (default: the -Region parameter).</summary>
    public string? RegionSource { get; set; }

    /// <summary>Where <see cref="ProfileName"/> and <see cref="ProfileLocation"/> came from (default: the parameters).</summary>
    public string? ProfileSource { get; set; }

    /// <summary>Where <see cref="EndpointUrl"/> came from (default: the -EndpointUrl parameter).</summary>
    public string? EndpointSource { get; set; }

    /// <summary>Resolves credentials, region and endpoint into a ready client. Throws <see cref="ApprovalToolsException"/>.</summary>
    public ResolvedSession Resolve()
    {
        // Profiles are read afresh by each resolution, and once within it.
        (_profileChain, _profiles) = (null, new(StringComparer.Ordinal));
        SdkDependencies.Register();
        // A session token alone would be silently dropped (it only means something with its key pair).
        if (!string.IsNullOrEmpty(SessionToken) && string.IsNullOrEmpty(AccessKey) && string.IsNullOrEmpty(SecretKey))
            throw new ApprovalToolsException("IncompleteCredentials", ErrorCategory.InvalidArgument,
                "-SessionToken was given without -AccessKey and -SecretKey; give all three (temporary credentials), "
                + "or use -Credential or -ProfileName. Nothing was called.");
        // A profile named and missing is an error of its own, whatever else could have supplied credentials or region.
        if (!string.IsNullOrEmpty(ProfileName) && !ProfileExists(ProfileName!))
            throw new ApprovalToolsException("ProfileNotFound", ErrorCategory.ObjectNotFound,
                $"The profile '{ProfileName}'{From(ProfileSource)} was not found in "
                + $"{ProfileLocation ?? "the shared AWS config and credentials files"}.");
        // The region and endpoint first: they are checked without any call, credentials may need one (STS, SSO).
        var (regionName, regionSource) = ResolveRegion();

        var config = new CodePipelineClientConfig();
        var region = RegionEndpoint.GetBySystemName(regionName);
        // The profile in effect also supplies its endpoint_url / [services] settings, retry mode and the like.
        var profile = EffectiveProfileName() is { } name && ProfileExists(name) ? new Profile(name, ProfileLocation) : null;
        string? endpoint;
        string? endpointSource = null;
        if (!string.IsNullOrEmpty(EndpointUrl))
        {
            if (!Uri.TryCreate(EndpointUrl, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                throw new ApprovalToolsException("InvalidEndpointUrl", ErrorCategory.InvalidArgument,
                    $"The endpoint URL '{EndpointUrl}' is not an absolute http or https URL.");
            if (profile is not null) config.Profile = profile;
            config.ServiceURL = endpoint = EndpointUrl;
            endpointSource = EndpointSource ?? "the -EndpointUrl parameter";
        }
        else
        {
            config.RegionEndpoint = region;
            // After the region: setting RegionEndpoint drops an endpoint Core already read from the profile.
            if (profile is not null) config.Profile = profile;
            // AWS_ENDPOINT_URL_CODEPIPELINE, AWS_ENDPOINT_URL or the profile's endpoint settings, folded in by Core.
            endpoint = string.IsNullOrEmpty(config.ServiceURL) ? null : config.ServiceURL;
            endpointSource = endpoint is null ? null : ConfiguredEndpointSource(profile);
        }

        // A region the SDK does not know is a typo far more often than a brand-new region; with an endpoint it only scopes the signature.
        if (endpoint is null && region.DisplayName == UnknownRegionDisplayName)
            throw new ApprovalToolsException("UnknownRegion", ErrorCategory.InvalidArgument,
                $"'{regionName}' (from {regionSource}) is not an AWS region. Give a region name such as us-east-1 or eu-west-1 " +
                "(Get-AWSRegion or 'aws account list-regions' lists them); for a region newer than this module, also give -EndpointUrl https://codepipeline.<region>.amazonaws.com.");
        // Like the AWS CLI's --endpoint-url: requests to another endpoint are still signed for the region in effect.
        if (endpoint is not null) config.AuthenticationRegion = region.SystemName;

        var (source, accessKeyId) = ResolveCredentials();
        return new ResolvedSession(new CodePipelineClient(source.Credentials, config), region.SystemName, regionSource,
            source.Description, source.Profile, endpoint)
        {
            EndpointSource = endpointSource,
            ProfileLocation = source.Profile is null ? null : ProfileLocation,
            AccessKeyId = accessKeyId,
            KeysWithoutSource = source.KeysWithoutSource,
        };
    }

    private static string From(string? source) => source is null ? "" : $" (from {source})";

    // Core folded in AWS_ENDPOINT_URL_CODEPIPELINE, AWS_ENDPOINT_URL or the profile's settings, in that order.
    private static string ConfiguredEndpointSource(Profile? profile) =>
        Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_CODEPIPELINE") is { Length: > 0 }
            ? "the environment variable AWS_ENDPOINT_URL_CODEPIPELINE"
        : Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL") is { Length: > 0 } ? "the environment variable AWS_ENDPOINT_URL"
        : profile is not null ? $"the profile '{profile.Name}'"
        : "the AWS SDK's endpoint settings";

    // RegionEndpoint.GetBySystemName names what it does not know this way (and then lists it as known).
    private const string UnknownRegionDisplayName = "Unknown";

    private (CredentialSource, string?) ResolveCredentials()
    {
        var source = FindCredentials();
        // Fetch now, so an expired SSO login or a refused AssumeRole is one clear error before any call, not one per call.
        var keys = source.Credentials.GetCredentials();
        return (source, keys?.AccessKey);
    }

    private CredentialSource FindCredentials()
    {
        if (!string.IsNullOrEmpty(AccessKey) || !string.IsNullOrEmpty(SecretKey))
        {
            if (string.IsNullOrEmpty(AccessKey) || string.IsNullOrEmpty(SecretKey))
                throw new ApprovalToolsException("IncompleteCredentials", ErrorCategory.InvalidArgument,
                    "-AccessKey and -SecretKey must be given together.");
            return string.IsNullOrEmpty(SessionToken)
                ? new(new BasicAWSCredentials(AccessKey, SecretKey), "the -AccessKey and -SecretKey parameters", keysWithoutSource: true)
                : new(new SessionAWSCredentials(AccessKey, SecretKey, SessionToken),
                    "the -AccessKey, -SecretKey and -SessionToken parameters", keysWithoutSource: true);
        }
        if (Credentials is not null) return Guarded(Credentials, "the -Credential parameter", keysWithoutSource: true);
        if (!string.IsNullOrEmpty(ProfileName) || !string.IsNullOrEmpty(ProfileLocation))
        {
            // Without -ProfileName, -ProfileLocation means that file's default profile, as in AWS.Tools.
            var name = string.IsNullOrEmpty(ProfileName) ? DefaultProfile : ProfileName!;
            return FromProfile(name, $"The profile '{name}'{From(ProfileSource)} was not found in "
                + $"{ProfileLocation ?? "the shared AWS config and credentials files"}.", From(ProfileSource));
        }
        if (StoredCredentials is not null && ForeignCredentials.FromStoredCredentials(StoredCredentials) is { } stored)
            return Guarded(stored.Credentials,
                $"$StoredAWSCredentials (Set-AWSCredential{(stored.Name is { Length: > 0 } n ? $" '{n}'" : "")})", keysWithoutSource: true);

        var accessKey = Environment.GetEnvironmentVariable(EnvironmentVariablesAWSCredentials.ENVIRONMENT_VARIABLE_ACCESSKEY);
        var secretKey = Environment.GetEnvironmentVariable(EnvironmentVariablesAWSCredentials.ENVIRONMENT_VARIABLE_SECRETKEY)
            ?? Environment.GetEnvironmentVariable(EnvironmentVariablesAWSCredentials.LEGACY_ENVIRONMENT_VARIABLE_SECRETKEY);
        if (!string.IsNullOrEmpty(accessKey) || !string.IsNullOrEmpty(secretKey))
        {
            if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
                throw new ApprovalToolsException("IncompleteCredentials", ErrorCategory.InvalidArgument,
                    $"Only one of the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY is set ({(string.IsNullOrEmpty(accessKey) ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY")} is missing). Set both, or remove the other.");
            return new(new EnvironmentVariablesAWSCredentials(), "the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
                keysWithoutSource: true);
        }
        // A profile that only sets a region or endpoints (common beside container and instance roles) is passed over, as the SDK and the CLI do.
        if (Environment.GetEnvironmentVariable("AWS_PROFILE") is { Length: > 0 } envProfile)
        {
            if (!ProfileExists(envProfile))
                throw new ApprovalToolsException("ProfileNotFound", ErrorCategory.ObjectNotFound,
                    $"The profile '{envProfile}' named by AWS_PROFILE was not found in the shared AWS config and credentials files.");
            if (CanSupplyCredentials(envProfile)) return FromProfile(envProfile, "", " (from AWS_PROFILE)");
        }
        else if (CanSupplyCredentials(DefaultProfile))
        {
            return FromProfile(DefaultProfile, "");
        }

        // What is left of the SDK's chain: web identity, the container credentials endpoint, the EC2 instance role.
        AWSCredentials found;
        try
        {
            using var resolver = new DefaultAWSCredentialsIdentityResolver();
            found = SdkDependencies.Creating<AWSCredentials>(null, () => resolver.ResolveIdentity(null));
        }
        catch (Exception e)
        {
            throw new ApprovalToolsException("NoCredentials", ErrorCategory.AuthenticationError,
                "No AWS credentials were found. Give -ProfileName (or -AccessKey and -SecretKey, or -Credential), run Set-AWSCredential, " +
                "set the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or AWS_PROFILE, or create a default profile " +
                "('aws configure', or 'aws configure sso' for IAM Identity Center). " + FirstLine(e.Message));
        }
        var kind = found switch
        {
            AssumeRoleWithWebIdentityCredentials => "web identity (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN)",
            GenericContainerCredentials => "the container credentials endpoint",
            InstanceProfileAWSCredentials => "the EC2 instance profile",
            _ => "the AWS SDK's default credential chain",
        };
        return Guarded(found, kind);
    }

    private CredentialSource FromProfile(string name, string notFound, string via = "")
    {
        var chain = ProfileChain;
        if (FindProfile(name) is not { } profile)
            throw new ApprovalToolsException("ProfileNotFound", ErrorCategory.ObjectNotFound, notFound);
        AWSCredentials? credentials;
        try
        {
            credentials = SdkDependencies.Creating(new Profile(name, ProfileLocation),
                () => chain.TryGetAWSCredentials(name, out var made) ? made : null);
        }
        catch (Exception e) when (e is not ApprovalToolsException)
        {
            throw new ApprovalToolsException("InvalidProfile", ErrorCategory.AuthenticationError, $"The profile '{name}' cannot supply credentials: {FirstLine(e.Message)}");
        }
        if (credentials is null)
            throw new ApprovalToolsException("InvalidProfile", ErrorCategory.AuthenticationError,
                $"The profile '{name}' has no usable credentials: it needs aws_access_key_id and aws_secret_access_key, role_arn with source_profile or credential_source, sso_session (or sso_start_url) with sso_account_id and sso_role_name, or credential_process.");
        var options = profile.Options;
        var (detail, sso) =
            !string.IsNullOrEmpty(options.RoleArn) && !string.IsNullOrEmpty(options.SourceProfile) ? ($"assume-role {options.RoleArn} from profile '{options.SourceProfile}'", false)
            : !string.IsNullOrEmpty(options.RoleArn) && !string.IsNullOrEmpty(options.CredentialSource) ? ($"assume-role {options.RoleArn} from {options.CredentialSource}", false)
            : !string.IsNullOrEmpty(options.RoleArn) && !string.IsNullOrEmpty(options.WebIdentityTokenFile) ? ($"web identity role {options.RoleArn}", false)
            : !string.IsNullOrEmpty(options.SsoAccountId) ? ($"IAM Identity Center role {options.SsoRoleName} in account {options.SsoAccountId}", true)
            : !string.IsNullOrEmpty(options.CredentialProcess) ? ("credential_process", false)
            : !string.IsNullOrEmpty(options.Token) ? ("temporary keys", false)
            : ("keys", false);
        var file = ProfileLocation is null ? "" : $" in {ProfileLocation}";
        return Guarded(credentials, $"the profile '{name}'{via} ({detail}){file}", name, sso);
    }

    // Every credential source the module makes is guarded (errors that say what to do) and scoped (our STS and SSO
    // clients, with the settings of the profile it came from).
    private CredentialSource Guarded(AWSCredentials credentials, string description, string? profile = null, bool sso = false,
        bool keysWithoutSource = false) =>
        new(new GuardedCredentials(SdkDependencies.Scoped(credentials, profile is null ? null : new Profile(profile, ProfileLocation)),
            e => CredentialFailure(e, description, profile, sso)), description, profile, keysWithoutSource);

    /// <summary>Turns a failure to obtain credentials (AssumeRole, SSO, container, instance) into one error that says what to do.</summary>
    internal static ApprovalToolsException CredentialFailure(Exception e, string description, string? profile, bool sso)
    {
        var service = Inner<AmazonServiceException>(e);
        var message = FirstLine(service?.Message is { Length: > 0 } m ? m : Innermost(e).Message);
        var login = profile is null ? "aws sso login" : $"aws sso login --profile {profile}";
        if (sso && (service is null || service.StatusCode == System.Net.HttpStatusCode.Unauthorized || service.ErrorCode == "UnauthorizedException")
            && Inner<System.Net.Http.HttpRequestException>(e) is null)
            return new("SsoLoginRequired", ErrorCategory.AuthenticationError,
                $"The IAM Identity Center (SSO) login for {description} has expired or was never made ({message}). Run '{login}' and try again.");
        var (id, category) = service?.ErrorCode switch
        {
            "AccessDenied" or "AccessDeniedException" or "ForbiddenException" => ("AccessDenied", ErrorCategory.PermissionDenied),
            "InvalidClientTokenId" or "SignatureDoesNotMatch" or "UnrecognizedClientException" or "InvalidSignatureException"
                => ("InvalidCredentials", ErrorCategory.AuthenticationError),
            "ExpiredToken" or "ExpiredTokenException" => ("ExpiredCredentials", ErrorCategory.AuthenticationError),
            null when Inner<System.Net.Http.HttpRequestException>(e) is not null || Inner<System.Net.WebException>(e) is not null
                => ("EndpointUnreachable", ErrorCategory.ConnectionError),
            _ => (profile is null ? "NoCredentials" : "InvalidProfile", ErrorCategory.AuthenticationError),
        };
        return new(id, category, $"Getting credentials from {description} failed: {message}");
    }

    private (string Name, string Source) ResolveRegion()
    {
        if (!string.IsNullOrEmpty(Region)) return (Region!.Trim().ToLowerInvariant(), RegionSource ?? "the -Region parameter");
        if (ForeignCredentials.RegionName(StoredRegion) is { } stored) return (stored, "$StoredAWSRegion (Set-DefaultAWSRegion)");
        if (EffectiveProfileName() is { } name)
        {
            if (FindProfile(name) is { } profile)
            {
                if (profile.Region is not null) return (profile.Region.SystemName, $"the profile '{name}'");
            }
            else if (string.IsNullOrEmpty(ProfileName) && string.IsNullOrEmpty(ProfileLocation) && name != DefaultProfile)
            {
                throw new ApprovalToolsException("ProfileNotFound", ErrorCategory.ObjectNotFound,
                    $"The profile '{name}' named by AWS_PROFILE was not found in the shared AWS config and credentials files.");
            }
        }
        foreach (var variable in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value) return (value.Trim(), $"the environment variable {variable}");
        if (!IsInstanceMetadataDisabled())
        {
            try
            {
                if (EC2InstanceMetadata.Region is { } fromInstance) return (fromInstance.SystemName, "EC2 instance metadata");
            }
            catch (Exception) { /* not on EC2: falls through to the error below */ }
        }
        throw new ApprovalToolsException("NoRegion", ErrorCategory.InvalidArgument,
            "No AWS region was found. Give -Region (for example -Region eu-west-1), run Set-DefaultAWSRegion, set the environment variable " +
            "AWS_REGION (or AWS_DEFAULT_REGION), or set a region in your profile ('aws configure set region eu-west-1').");
    }

    // The profile whose region and endpoint settings apply: the one named, else AWS_PROFILE's, else the default.
    private string? EffectiveProfileName() =>
        !string.IsNullOrEmpty(ProfileName) ? ProfileName
        : !string.IsNullOrEmpty(ProfileLocation) ? DefaultProfile
        : Environment.GetEnvironmentVariable("AWS_PROFILE") is { Length: > 0 } env ? env
        : DefaultProfile;

    private bool ProfileExists(string name) => FindProfile(name) is not null;

    private bool CanSupplyCredentials(string name) => FindProfile(name) is { CanCreateAWSCredentials: true };

    // One resolution reads each profile once: the shared files were read again for every question asked of a profile
    // (does it exist, its region, can it supply credentials), several times on every first command.
    private CredentialProfileStoreChain? _profileChain;
    private System.Collections.Generic.Dictionary<string, CredentialProfile?> _profiles = new(StringComparer.Ordinal);

    private CredentialProfileStoreChain ProfileChain => _profileChain ??= new CredentialProfileStoreChain(ProfileLocation);

    private CredentialProfile? FindProfile(string name)
    {
        if (!_profiles.TryGetValue(name, out var profile))
            _profiles[name] = profile = ProfileChain.TryGetProfile(name, out var found) ? found : null;
        return profile;
    }

    private static bool IsInstanceMetadataDisabled() =>
        string.Equals(Environment.GetEnvironmentVariable("AWS_EC2_METADATA_DISABLED"), "true", StringComparison.OrdinalIgnoreCase);

    private static T? Inner<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException) if (e is T found) return found;
        return null;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private sealed class CredentialSource(AWSCredentials credentials, string description, string? profile = null,
        bool keysWithoutSource = false)
    {
        public AWSCredentials Credentials { get; } = credentials;
        public string Description { get; } = description;

        /// <summary>The profile the credentials came from, if any.</summary>
        public string? Profile { get; } = profile;

        /// <summary>Static keys that an approval object cannot name a source for (parameters, session, environment).</summary>
        public bool KeysWithoutSource { get; } = keysWithoutSource;
    }
}

/// <summary>Credentials whose failures (refresh included) surface as <see cref="ApprovalToolsException"/> that say what to do.</summary>
internal sealed class GuardedCredentials(AWSCredentials inner, Func<Exception, ApprovalToolsException> translate) : AWSCredentials
{
    public override ImmutableCredentials GetCredentials()
    {
        try { return inner.GetCredentials(); }
        catch (Exception e) when (e is not ApprovalToolsException and not OperationCanceledException) { throw translate(e); }
    }

    public override async System.Threading.Tasks.Task<ImmutableCredentials> GetCredentialsAsync()
    {
        try { return await inner.GetCredentialsAsync().ConfigureAwait(false); }
        catch (Exception e) when (e is not ApprovalToolsException and not OperationCanceledException) { throw translate(e); }
    }

    public override string ToString() => inner.ToString();
}

/// <summary>A client and where its settings came from (for -Verbose; never the secret itself).</summary>
public sealed class ResolvedSession(CodePipelineClient client, string region, string regionSource,
    string credentialSource, string? profileName, string? endpointUrl) : IDisposable
{
    public CodePipelineClient Client { get; } = client;
    public string Region { get; } = region;
    public string RegionSource { get; } = regionSource;
    public string CredentialSource { get; } = credentialSource;

    /// <summary>The profile whose credentials are used (null when they came from elsewhere).</summary>
    public string? ProfileName { get; } = profileName;

    /// <summary>The credentials file of <see cref="ProfileName"/>, when not the default one.</summary>
    public string? ProfileLocation { get; set; }

    public string? EndpointUrl { get; } = endpointUrl;

    /// <summary>Where <see cref="EndpointUrl"/> came from.</summary>
    public string? EndpointSource { get; set; }

    /// <summary>The access key id of the credentials (not a secret).</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>
    /// True for keys given as such (-AccessKey, -Credential, $StoredAWSCredentials, AWS_ACCESS_KEY_ID): an approval
    /// listed with them carries their access key id, and is answered only by credentials with the same one.
    /// </summary>
    public bool KeysWithoutSource { get; set; }
    public void Dispose() => Client.Dispose();
}
