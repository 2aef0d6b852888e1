using System;
using System.Collections.Generic;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Util.Internal;

namespace ApprovalTools.Client;

/// <summary>
/// Settings for <see cref="CodePipelineClient"/>. Everything generic (region, ServiceURL, AuthenticationRegion,
/// retries, timeouts, proxy, FIPS) is AWSSDK.Core's <see cref="ClientConfig"/>; this only names the service.
/// </summary>
public sealed class CodePipelineClientConfig : ClientConfig
{
    internal const string Id = "CodePipeline";
    internal const string SigningName = "codepipeline";
    internal const string ApiVersion = "2015-07-09";

    private static readonly string AgentString = InternalSDKUtils.BuildUserAgentString(Id, "1.0.0");

    public CodePipelineClientConfig() : base(new DefaultConfigurationProvider(DefaultModes))
    {
        // ServiceId is what Core keys AWS_ENDPOINT_URL_CODEPIPELINE and the profile [services] section on.
        ServiceId = Id;
        AuthenticationServiceName = SigningName;
        EndpointProvider = new CodePipelineEndpointProvider();
        // Core resends a request up to 10 times at once, outside the retry limit and backoff, when its connection is
        // reset, even after the request went out: one PutApprovalResult reached the service 13 times in 140 ms.
        // A reset is retried like any transient failure instead: standard mode's attempts, backoff and retry quota.
        MaxStaleConnectionRetries = 0;
    }

    public override string RegionEndpointServiceName => SigningName;
    public override string ServiceVersion => ApiVersion;
    public override string UserAgent => AgentString;

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
    {
        var requestContext = new RequestContext(false)
        {
            ClientConfig = this,
            OriginalRequest = parameters.Request,
            Request = new DefaultRequest(parameters.Request, Id) { AlternateEndpoint = parameters.AlternateEndpoint },
        };
        return new CodePipelineEndpointResolver().GetEndpoint(new ExecutionContext(requestContext, null));
    }

    // The same defaults-mode table every generated AWS client carries (AWS_DEFAULTS_MODE / defaults_mode).
    private static readonly IDefaultConfiguration[] DefaultModes =
    {
        Mode(DefaultConfigurationMode.Standard, 3100),
        Mode(DefaultConfigurationMode.InRegion, 1100),
        Mode(DefaultConfigurationMode.CrossRegion, 3100),
        Mode(DefaultConfigurationMode.Mobile, 30000),
        Mode(DefaultConfigurationMode.Auto, 1100),
    };

    private static DefaultConfiguration Mode(DefaultConfigurationMode name, int connectMs) => new()
    {
        Name = name,
        RetryMode = RequestRetryMode.Standard,
        S3UsEast1RegionalEndpoint = S3UsEast1RegionalEndpointValue.Regional,
        ConnectTimeout = TimeSpan.FromMilliseconds(connectMs),
        TlsNegotiationTimeout = TimeSpan.FromMilliseconds(connectMs),
    };
}
