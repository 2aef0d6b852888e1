using System;
using System.Collections.Generic;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.Runtime.Internal.Endpoints.StandardLibrary;

namespace ApprovalTools.Client;

/// <summary>A custom endpoint wins; otherwise https://codepipeline[-fips].{region}.{dns suffix}.</summary>
internal sealed class CodePipelineEndpointProvider : IEndpointProvider
{
    public Endpoint ResolveEndpoint(EndpointParameters parameters)
    {
        if (parameters is null) throw new ArgumentNullException(nameof(parameters));
        var fips = parameters["UseFIPS"] is true;
        var dualStack = parameters["UseDualStack"] is true;

        if (parameters["Endpoint"] is string custom && custom.Length > 0)
        {
            if (fips)
                throw new AmazonClientException("Invalid Configuration: FIPS and custom endpoint are not supported");
            if (dualStack)
                throw new AmazonClientException(
                    "Invalid Configuration: Dualstack and custom endpoint are not supported");
            return new Endpoint(custom);
        }

        var region = parameters["Region"] as string;
        if (string.IsNullOrEmpty(region))
            throw new AmazonClientException("No region is configured for CodePipeline: set RegionEndpoint, "
                + "AWS_REGION or a profile region, or a ServiceURL.");
        var partition = Fn.Partition(region!)
            ?? throw new AmazonClientException($"Cannot resolve endpoint for region '{region}'");
        if (fips && !partition.supportsFIPS)
            throw new AmazonClientException("FIPS is enabled but this partition does not support FIPS");
        if (dualStack && !partition.supportsDualStack)
            throw new AmazonClientException("DualStack is enabled but this partition does not support DualStack");

        var host = fips ? "codepipeline-fips" : "codepipeline";
        var suffix = dualStack ? partition.dualStackDnsSuffix : partition.dnsSuffix;
        return new Endpoint($"https://{host}.{region}.{suffix}");
    }
}

/// <summary>Feeds the endpoint provider from the config; replaces Core's legacy endpoint handler.</summary>
internal sealed class CodePipelineEndpointResolver : BaseEndpointResolver
{
    protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext)
    {
        var config = requestContext.ClientConfig;
        var result = new EndpointParameters
        {
            ["Region"] = requestContext.Request.AlternateEndpoint?.SystemName ?? config.RegionEndpoint?.SystemName,
            ["UseFIPS"] = config.UseFIPSEndpoint,
            ["UseDualStack"] = config.UseDualstackEndpoint,
            // ServiceURL already folds in AWS_ENDPOINT_URL_CODEPIPELINE, AWS_ENDPOINT_URL and profile endpoint_url.
            ["Endpoint"] = config.ServiceURL,
        };
        // With a custom endpoint and no region configured: the region its requests are signed for.
        if (result["Region"] is null && !string.IsNullOrEmpty(config.ServiceURL))
            result["Region"] = SigningRegion.Of(config);
        return result;
    }
}

/// <summary>CodePipeline has one auth scheme for every operation: SigV4.</summary>
internal sealed class CodePipelineAuthResolver : BaseAuthResolverHandler
{
    protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext) =>
        AuthSchemeOption.DEFAULT_SIGV4;
}

internal sealed class CodePipelineMetadata : IServiceMetadata
{
    public static readonly CodePipelineMetadata Instance = new();
    public string ServiceId => CodePipelineClientConfig.Id;
    public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>();
}
