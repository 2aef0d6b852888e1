using System;
using System.Management.Automation;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using ApprovalTools.Client;

namespace ApprovalTools.Aws;

/// <summary>What a caller said about credentials, region and endpoint; resolved the way AWS.Tools does it.</summary>
public sealed class AwsSettings
{
    public string? Region { get; set; }
    public string? ProfileName { get; set; }
    public string? ProfileLocation { get; set; }
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    public string? SessionToken { get; set; }
    public AWSCredentials? Credentials { get; set; }
    public string? EndpointUrl { get; set; }

    /// <summary>Resolves credentials, region and endpoint into a ready client. Throws <see cref="ApprovalToolsException"/>.</summary>
    public ResolvedSession Resolve()
    {
        var (credentials, credentialSource) = ResolveCredentials();
        var (region, regionSource) = ResolveRegion();

        var config = new CodePipelineClientConfig();
        if (!string.IsNullOrEmpty(EndpointUrl))
        {
            if (!Uri.TryCreate(EndpointUrl, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                throw new ApprovalToolsException("InvalidEndpointUrl", ErrorCategory.InvalidArgument,
                    $"The endpoint URL '{EndpointUrl}' is not an absolute http or https URL.");
            config.ServiceURL = EndpointUrl;
            config.AuthenticationRegion = region.SystemName;
        }
        else
        {
            config.RegionEndpoint = region;
        }
        return new ResolvedSession(new CodePipelineClient(credentials, config), region.SystemName, regionSource,
            credentialSource, ProfileName, EndpointUrl);
    }

    private (AWSCredentials, string) ResolveCredentials()
    {
        if (!string.IsNullOrEmpty(AccessKey) || !string.IsNullOrEmpty(SecretKey))
        {
            if (string.IsNullOrEmpty(AccessKey) || string.IsNullOrEmpty(SecretKey))
                throw new ApprovalToolsException("IncompleteCredentials", ErrorCategory.InvalidArgument,
                    "-AccessKey and -SecretKey must be given together.");
            return string.IsNullOrEmpty(SessionToken)
                ? (new BasicAWSCredentials(AccessKey, SecretKey), "the -AccessKey and -SecretKey parameters")
                : (new SessionAWSCredentials(AccessKey, SecretKey, SessionToken), "the -AccessKey, -SecretKey and -SessionToken parameters");
        }
        if (Credentials is not null) return (Credentials, "the -Credential parameter");
        if (!string.IsNullOrEmpty(ProfileName))
        {
            var chain = new CredentialProfileStoreChain(ProfileLocation);
            if (!chain.TryGetProfile(ProfileName, out _))
                throw new ApprovalToolsException("ProfileNotFound", ErrorCategory.ObjectNotFound,
                    $"The profile '{ProfileName}' was not found in {ProfileLocation ?? "the shared AWS config and credentials files"}.");
            try
            {
                if (chain.TryGetAWSCredentials(ProfileName, out var fromProfile))
                    return (fromProfile, $"the profile '{ProfileName}'");
            }
            catch (Exception e) when (e is not ApprovalToolsException)
            {
                throw new ApprovalToolsException("InvalidProfile", ErrorCategory.AuthenticationError, $"The profile '{ProfileName}' cannot supply credentials: {e.Message}");
            }
            throw new ApprovalToolsException("InvalidProfile", ErrorCategory.AuthenticationError, $"The profile '{ProfileName}' has no usable credentials.");
        }
        try
        {
            using var resolver = new DefaultAWSCredentialsIdentityResolver();
            var found = resolver.ResolveIdentity(null);
            return (found, "the default credential chain");
        }
        catch (Exception e)
        {
            throw new ApprovalToolsException("NoCredentials", ErrorCategory.AuthenticationError,
                "No AWS credentials were found. Pass -AccessKey and -SecretKey, -Credential or -ProfileName, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or AWS_PROFILE, or configure a default profile. " + e.Message);
        }
    }

    private (RegionEndpoint, string) ResolveRegion()
    {
        if (!string.IsNullOrEmpty(Region)) return (RegionEndpoint.GetBySystemName(Region), "the -Region parameter");
        if (!string.IsNullOrEmpty(ProfileName)
            && new CredentialProfileStoreChain(ProfileLocation).TryGetProfile(ProfileName, out var profile)
            && profile.Region is not null)
            return (profile.Region, $"the profile '{ProfileName}'");
        try
        {
            var region = FallbackRegionFactory.GetRegionEndpoint();
            if (region is not null) return (region, "the environment or default profile");
        }
        catch (Exception) { /* falls through to the error below */ }
        throw new ApprovalToolsException("NoRegion", ErrorCategory.InvalidArgument,
            "No AWS region was found. Pass -Region, set AWS_REGION (or AWS_DEFAULT_REGION), or set a region in your profile.");
    }
}

/// <summary>A client and where its settings came from (for -Verbose; never the secret itself).</summary>
public sealed class ResolvedSession(CodePipelineClient client, string region, string regionSource,
    string credentialSource, string? profileName, string? endpointUrl) : IDisposable
{
    public CodePipelineClient Client { get; } = client;
    public string Region { get; } = region;
    public string RegionSource { get; } = regionSource;
    public string CredentialSource { get; } = credentialSource;
    public string? ProfileName { get; } = profileName;
    public string? EndpointUrl { get; } = endpointUrl;
    public void Dispose() => Client.Dispose();
}

