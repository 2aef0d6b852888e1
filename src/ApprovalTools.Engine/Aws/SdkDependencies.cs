using System;
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
/// build the clients instead, as Core would (region and proxy from its context), and, as the AWS CLI does, with the
/// endpoint settings of the profile in use rather than only the default profile's.
/// </summary>
internal static class SdkDependencies
{
    // Core's context for these clients carries neither credentials nor a profile, yet AssumeRole must be signed with
    // the source credentials of the role being refreshed: the credentials refreshing say whose, and which profile,
    // for the length of their refresh.
    private sealed class Scope(AWSCredentials? stsSigner, Profile? profile)
    {
        public AWSCredentials? StsSigner { get; } = stsSigner;
        public Profile? Profile { get; } = profile;
    }

    private static readonly AsyncLocal<Scope?> Current = new();
    private static readonly object Gate = new();
    private static bool _registered;

    public static void Register()
    {
        lock (Gate)
        {
            if (_registered) return;
            var registry = GlobalRuntimeDependencyRegistry.Instance;
            registry.RegisterSecurityTokenServiceClient(InScope((scope, context) =>
            {
                var data = context.SecurityTokenServiceClientContextData;
                var config = new AmazonSecurityTokenServiceConfig();
                Configure(config, scope, data?.Region, data?.ProxySettings);
                return new AmazonSecurityTokenServiceClient(scope.StsSigner ?? new AnonymousAWSCredentials(), config);
            }));
            // The portal and OIDC calls carry the cached access token, not a signature.
            registry.RegisterSSOClient(InScope((scope, context) =>
            {
                var data = context.SSOClientContextData;
                var config = new AmazonSSOConfig();
                Configure(config, scope, data?.Region, data?.ProxySettings);
                return new AmazonSSOClient(new AnonymousAWSCredentials(), config);
            }));
            registry.RegisterSSOOIDCClient(InScope((scope, context) =>
            {
                var data = context.SSOOIDCClientContextData;
                var config = new AmazonSSOOIDCConfig();
                Configure(config, scope, data?.Region, data?.ProxySettings);
                return new AmazonSSOOIDCClient(new AnonymousAWSCredentials(), config);
            }));
            _registered = true;
        }
    }

    // Outside our credentials' scope (on Windows PowerShell, AWS Tools share this Core and its registry) a factory
    // declines, and Core goes its own way.
    private static RuntimeDependencyFactory InScope(Func<Scope, CreateInstanceContext, object> create) =>
        context => Current.Value is { } scope ? create(scope, context) : null!;

    private static void Configure(ClientConfig config, Scope scope, RegionEndpoint? region, IWebProxy? proxy)
    {
        // The profile's endpoint_url and [services] section; AWS_ENDPOINT_URL_STS and the like still come first.
        if (scope.Profile is { } profile) config.Profile = profile;
        if (region is not null) config.RegionEndpoint = region;
        if (proxy is not null) config.SetWebProxy(proxy);
    }

    /// <summary>
    /// <paramref name="credentials"/> inside our scope: while they refresh, the STS and SSO clients Core asks for are
    /// ours, read the settings of <paramref name="profile"/> (when they came from one), and sign AssumeRole with the
    /// role's source credentials (an assume-role's source profile, itself scoped the same way for role chains).
    /// </summary>
    public static AWSCredentials Scoped(AWSCredentials credentials, Profile? profile) =>
        new ScopedCredentials(credentials, profile);

    /// <summary>
    /// Makes credentials (<paramref name="create"/>) inside our scope: Core builds the SSO clients of an SSO profile
    /// when it makes its credentials, not when they refresh.
    /// </summary>
    public static T Creating<T>(Profile? profile, Func<T> create) => Within(new Scope(null, profile), create);

    private static T Within<T>(Scope scope, Func<T> work)
    {
        var prior = Current.Value;
        Current.Value = scope;
        try { return work(); }
        finally { Current.Value = prior; }
    }

    private sealed class ScopedCredentials(AWSCredentials inner, Profile? profile) : AWSCredentials
    {
        private readonly Scope _scope =
            new(inner is AssumeRoleAWSCredentials role ? Scoped(role.SourceCredentials, profile) : null, profile);

        public override ImmutableCredentials GetCredentials() => Within(_scope, inner.GetCredentials);

        public override async Task<ImmutableCredentials> GetCredentialsAsync()
        {
            Current.Value = _scope; // an async method's change stays in its own flow
            return await inner.GetCredentialsAsync().ConfigureAwait(false);
        }

        public override string ToString() => inner.ToString();
    }
}
