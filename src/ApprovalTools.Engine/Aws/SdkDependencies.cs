using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.RuntimeDependencies;
using Amazon.SecurityToken;
using Amazon.SSO;
using Amazon.SSOOIDC;

namespace ApprovalTools.Aws;

/// <summary>
/// Hands our AWSSDK.Core our own STS, SSO and SSO OIDC clients for assume-role, web identity and IAM Identity Center
/// credentials. Left to itself, Core takes the first AWSSDK.SecurityToken (or AWSSDK.SSO) loaded anywhere in the
/// process, which is AWS Tools' own when they loaded it first, and that copy cannot work with our Core: every
/// assume-role profile then failed. Core's runtime dependency registry (one per copy of Core, so ours alone) lets us
/// build the clients instead, exactly as Core would: region and proxy from its context, the rest from the config's
/// own resolution (AWS_ENDPOINT_URL_STS, profile endpoints).
/// </summary>
internal static class SdkDependencies
{
    // Core's context for an STS client carries no credentials, yet AssumeRole must be signed with the source
    // credentials of the role being refreshed: those refreshing say whose, for the length of their refresh.
    private static readonly AsyncLocal<AWSCredentials?> StsSigner = new();
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        var registry = GlobalRuntimeDependencyRegistry.Instance;
        registry.RegisterSecurityTokenServiceClient(context => new AmazonSecurityTokenServiceClient(
            StsSigner.Value ?? new AnonymousAWSCredentials(),
            Configure(new AmazonSecurityTokenServiceConfig(), context.SecurityTokenServiceClientContextData?.Region,
                context.SecurityTokenServiceClientContextData?.ProxySettings)));
        registry.RegisterSSOClient(context => new AmazonSSOClient(new AnonymousAWSCredentials(),
            Configure(new AmazonSSOConfig(), context.SSOClientContextData?.Region, context.SSOClientContextData?.ProxySettings)));
        registry.RegisterSSOOIDCClient(context => new AmazonSSOOIDCClient(new AnonymousAWSCredentials(),
            Configure(new AmazonSSOOIDCConfig(), context.SSOOIDCClientContextData?.Region, context.SSOOIDCClientContextData?.ProxySettings)));
    }

    private static T Configure<T>(T config, RegionEndpoint? region, IWebProxy? proxy) where T : ClientConfig
    {
        if (region is not null) config.RegionEndpoint = region;
        if (proxy is not null) config.SetWebProxy(proxy);
        return config;
    }

    /// <summary>
    /// <paramref name="credentials"/> such that, while they refresh, an STS client Core asks for is signed with their
    /// source credentials (an assume-role's source profile, itself wrapped the same way for role chains).
    /// </summary>
    public static AWSCredentials SigningStsCallsWithSource(AWSCredentials credentials) =>
        credentials is AssumeRoleAWSCredentials role ? new StsScoped(role) : credentials;

    private sealed class StsScoped(AssumeRoleAWSCredentials inner) : AWSCredentials
    {
        private readonly AWSCredentials _source = SigningStsCallsWithSource(inner.SourceCredentials);

        public override ImmutableCredentials GetCredentials()
        {
            var prior = StsSigner.Value;
            StsSigner.Value = _source;
            try { return inner.GetCredentials(); }
            finally { StsSigner.Value = prior; }
        }

        public override async Task<ImmutableCredentials> GetCredentialsAsync()
        {
            StsSigner.Value = _source; // an async method's change stays in its own flow
            return await inner.GetCredentialsAsync().ConfigureAwait(false);
        }

        public override string ToString() => inner.ToString();
    }
}
