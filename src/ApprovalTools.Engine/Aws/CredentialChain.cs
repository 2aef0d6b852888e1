using System;
using System.Management.Automation;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace ApprovalTools.Aws;

/// <summary>
/// The credential chain, in the order AWS Tools for PowerShell document: -AccessKey/-SecretKey, -Credential,
/// -ProfileName (-ProfileLocation), $StoredAWSCredentials, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, the
/// default profile, then web identity, container and instance roles.
/// </summary>
internal sealed class CredentialChain(AwsSettings settings, ProfileFiles profiles)
{
    private const string AccessKeyVariable = EnvironmentVariablesAWSCredentials.ENVIRONMENT_VARIABLE_ACCESSKEY;
    private const string SecretKeyVariable = EnvironmentVariablesAWSCredentials.ENVIRONMENT_VARIABLE_SECRETKEY;
    private const string LegacySecretKeyVariable =
        EnvironmentVariablesAWSCredentials.LEGACY_ENVIRONMENT_VARIABLE_SECRETKEY;

    /// <summary>
    /// The first source of the chain that has credentials, and their access key id. They are fetched now, so an
    /// expired SSO login or a refused AssumeRole is one clear error before any call, not one per call.
    /// </summary>
    public (CredentialSource Source, string? AccessKeyId) Resolve()
    {
        var source = Find();
        var keys = source.Credentials.GetCredentials();
        return (source, keys?.AccessKey);
    }

    private CredentialSource Find()
    {
        if (!string.IsNullOrEmpty(settings.AccessKey) || !string.IsNullOrEmpty(settings.SecretKey))
            return FromParameters();
        if (settings.Credentials is not null)
            return Guarded(settings.Credentials, "the -Credential parameter", keysWithoutSource: true);
        if (!string.IsNullOrEmpty(settings.ProfileName) || !string.IsNullOrEmpty(settings.ProfileLocation))
        {
            // Without -ProfileName, -ProfileLocation means that file's default profile, as in AWS.Tools.
            var name = string.IsNullOrEmpty(settings.ProfileName) ? AwsSettings.DefaultProfile : settings.ProfileName!;
            var profile = profiles.Find(name) ?? throw settings.NamedProfileNotFound(name);
            return FromProfile(name, profile, AwsSettings.From(settings.ProfileSource));
        }
        if (settings.StoredCredentials is not null
            && ForeignCredentials.FromStoredCredentials(settings.StoredCredentials) is { } stored)
        {
            var name = stored.Name is { Length: > 0 } n ? $" '{n}'" : "";
            return Guarded(stored.Credentials, $"$StoredAWSCredentials (Set-AWSCredential{name})",
                keysWithoutSource: true);
        }
        return FromEnvironmentKeys() ?? FromEnvironmentProfile() ?? FromSdkChain();
    }

    private CredentialSource FromParameters()
    {
        if (string.IsNullOrEmpty(settings.AccessKey) || string.IsNullOrEmpty(settings.SecretKey))
            throw new ApprovalToolsException("IncompleteCredentials", ErrorCategory.InvalidArgument,
                "-AccessKey and -SecretKey must be given together.");
        if (string.IsNullOrEmpty(settings.SessionToken))
            return new(new BasicAWSCredentials(settings.AccessKey, settings.SecretKey),
                "the -AccessKey and -SecretKey parameters", keysWithoutSource: true);
        return new(new SessionAWSCredentials(settings.AccessKey, settings.SecretKey, settings.SessionToken),
            "the -AccessKey, -SecretKey and -SessionToken parameters", keysWithoutSource: true);
    }

    private static CredentialSource? FromEnvironmentKeys()
    {
        var accessKey = Environment.GetEnvironmentVariable(AccessKeyVariable);
        var secretKey = Environment.GetEnvironmentVariable(SecretKeyVariable)
            ?? Environment.GetEnvironmentVariable(LegacySecretKeyVariable);
        if (string.IsNullOrEmpty(accessKey) && string.IsNullOrEmpty(secretKey)) return null;
        if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
        {
            var missing = string.IsNullOrEmpty(accessKey) ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY";
            throw new ApprovalToolsException("IncompleteCredentials", ErrorCategory.InvalidArgument,
                "Only one of the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY is set "
                + $"({missing} is missing). Set both, or remove the other.");
        }
        return new(new EnvironmentVariablesAWSCredentials(),
            "the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", keysWithoutSource: true);
    }

    // AWS_PROFILE's profile, else the default one. A profile that only sets a region or endpoints (common beside
    // container and instance roles) is passed over, as the SDK and the CLI do.
    private CredentialSource? FromEnvironmentProfile()
    {
        if (AwsSettings.EnvironmentProfile() is { } name)
        {
            var profile = profiles.Find(name) ?? throw AwsSettings.EnvironmentProfileNotFound(name);
            return profile.CanCreateAWSCredentials ? FromProfile(name, profile, " (from AWS_PROFILE)") : null;
        }
        return profiles.Find(AwsSettings.DefaultProfile) is { CanCreateAWSCredentials: true } fallback
            ? FromProfile(AwsSettings.DefaultProfile, fallback)
            : null;
    }

    // What is left of the SDK's chain: web identity, the container credentials endpoint, the EC2 instance role.
    private CredentialSource FromSdkChain()
    {
        AWSCredentials found;
        try
        {
            using var resolver = new DefaultAWSCredentialsIdentityResolver();
            found = SdkDependencies.Creating<AWSCredentials>(null, () => resolver.ResolveIdentity(null));
        }
        catch (Exception e)
        {
            throw new ApprovalToolsException("NoCredentials", ErrorCategory.AuthenticationError,
                "No AWS credentials were found. Give -ProfileName (or -AccessKey and -SecretKey, or -Credential), run "
                + "Set-AWSCredential, set the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or "
                + "AWS_PROFILE, or create a default profile ('aws configure', or 'aws configure sso' for IAM Identity "
                + "Center). " + CredentialFailure.FirstLine(e.Message));
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

    // via: how the profile was named, when not by -ProfileName itself (" (from AWS_PROFILE)").
    private CredentialSource FromProfile(string name, CredentialProfile profile, string via = "")
    {
        AWSCredentials? credentials;
        try
        {
            credentials = SdkDependencies.Creating(profiles.Settings(name),
                () => profiles.Chain.TryGetAWSCredentials(name, out var made) ? made : null);
        }
        catch (Exception e) when (e is not ApprovalToolsException)
        {
            throw new ApprovalToolsException("InvalidProfile", ErrorCategory.AuthenticationError,
                $"The profile '{name}' cannot supply credentials: {CredentialFailure.FirstLine(e.Message)}");
        }
        if (credentials is null)
            throw new ApprovalToolsException("InvalidProfile", ErrorCategory.AuthenticationError,
                $"The profile '{name}' has no usable credentials: it needs aws_access_key_id and "
                + "aws_secret_access_key, role_arn with source_profile or credential_source, sso_session (or "
                + "sso_start_url) with sso_account_id and sso_role_name, or credential_process.");
        var (detail, sso) = Describe(profile.Options);
        var file = profiles.Location is null ? "" : $" in {profiles.Location}";
        return Guarded(credentials, $"the profile '{name}'{via} ({detail}){file}", name, sso);
    }

    // What kind of credentials a profile holds, for the description, and whether IAM Identity Center gives them.
    private static (string Detail, bool Sso) Describe(CredentialProfileOptions options)
    {
        if (!string.IsNullOrEmpty(options.RoleArn))
        {
            if (!string.IsNullOrEmpty(options.SourceProfile))
                return ($"assume-role {options.RoleArn} from profile '{options.SourceProfile}'", false);
            if (!string.IsNullOrEmpty(options.CredentialSource))
                return ($"assume-role {options.RoleArn} from {options.CredentialSource}", false);
            if (!string.IsNullOrEmpty(options.WebIdentityTokenFile))
                return ($"web identity role {options.RoleArn}", false);
        }
        if (!string.IsNullOrEmpty(options.SsoAccountId))
            return ($"IAM Identity Center role {options.SsoRoleName} in account {options.SsoAccountId}", true);
        if (!string.IsNullOrEmpty(options.CredentialProcess)) return ("credential_process", false);
        return (string.IsNullOrEmpty(options.Token) ? "keys" : "temporary keys", false);
    }

    // Every credential source the module makes is guarded (errors that say what to do) and scoped (our STS and SSO
    // clients, with the settings of the profile it came from).
    private CredentialSource Guarded(AWSCredentials credentials, string description, string? profile = null,
        bool sso = false, bool keysWithoutSource = false)
    {
        var scoped = SdkDependencies.Scoped(credentials, profile is null ? null : profiles.Settings(profile));
        var guarded = new GuardedCredentials(scoped, e => CredentialFailure.Translate(e, description, profile, sso));
        return new(guarded, description, profile, keysWithoutSource);
    }
}

/// <summary>Credentials and where they came from (for -Verbose and the approval objects; never the secret).</summary>
internal sealed class CredentialSource(AWSCredentials credentials, string description, string? profile = null,
    bool keysWithoutSource = false)
{
    /// <summary>The credentials, guarded and scoped.</summary>
    public AWSCredentials Credentials { get; } = credentials;

    /// <summary>Where they came from, in words.</summary>
    public string Description { get; } = description;

    /// <summary>The profile the credentials came from, if any.</summary>
    public string? Profile { get; } = profile;

    /// <summary>
    /// Static keys that an approval object cannot name a source for (parameters, session, environment).
    /// </summary>
    public bool KeysWithoutSource { get; } = keysWithoutSource;
}
