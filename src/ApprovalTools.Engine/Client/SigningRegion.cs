using System;
using Amazon.Runtime;
using Amazon.Util;

namespace ApprovalTools.Client;

/// <summary>
/// The one place that decides which region CodePipeline requests are signed for (the SigV4 credential scope).
/// <see cref="CodePipelineClient"/> settles it into the config's AuthenticationRegion when it is made, so Core signs
/// for it; the endpoint resolver takes it as the region when no other is configured.
/// </summary>
internal static class SigningRegion
{
    /// <summary>
    /// The region stated as the config's AuthenticationRegion: a resolved session always states its own region,
    /// whatever the endpoint, as the AWS CLI signs for --region beside --endpoint-url. Else the configured region
    /// (RegionEndpoint), with or without a custom endpoint: Core drops RegionEndpoint once a ServiceURL is in play,
    /// including one from AWS_ENDPOINT_URL_CODEPIPELINE, AWS_ENDPOINT_URL or a profile's endpoint_url, and would then
    /// sign a non-AWS host for us-east-1. Only an AWS host with no region stated is signed for the region in its name
    /// (codepipeline.eu-west-1.amazonaws.com), as Core reads it, and so is any endpoint when no region is configured.
    /// Null when nothing names a region.
    /// </summary>
    public static string? Of(IClientConfig config)
    {
        if (!string.IsNullOrEmpty(config.AuthenticationRegion)) return config.AuthenticationRegion;
        var region = config.RegionEndpoint?.SystemName; // read first: reading ServiceURL may clear it
        var url = config.ServiceURL;
        if (string.IsNullOrEmpty(url) || (region is not null && !NamesItsRegion(url))) return region;
        return AWSSDKUtils.DetermineRegion(url) is { Length: > 0 } named ? named : region;
    }

    // AWS hosts carry their region in the name, and Core's signer reads it from there.
    private static bool NamesItsRegion(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Host.Contains(".amazonaws.") || uri.Host.EndsWith(".api.aws", StringComparison.OrdinalIgnoreCase));
}
