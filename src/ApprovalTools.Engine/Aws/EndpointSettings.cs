using System;
using System.Management.Automation;
using Amazon;
using Amazon.Runtime;
using ApprovalTools.Client;

namespace ApprovalTools.Aws;

/// <summary>
/// The endpoint a session calls: -EndpointUrl; else AWS_ENDPOINT_URL_CODEPIPELINE, AWS_ENDPOINT_URL or the endpoint
/// settings of the profile in effect (endpoint_url, its [services] section), which AWSSDK.Core folds in; else the
/// region's own endpoint.
/// </summary>
internal static class EndpointSettings
{
    /// <summary>
    /// Points <paramref name="config"/> at the endpoint in effect and gives it the settings of the profile in effect
    /// (endpoint, retry mode and the like). Returns the custom endpoint and where it came from, or nulls for the
    /// region's own. Throws InvalidEndpointUrl for an -EndpointUrl that is not an absolute http(s) URL.
    /// </summary>
    public static (string? Url, string? Source) Apply(CodePipelineClientConfig config, AwsSettings settings,
        RegionEndpoint region, ProfileFiles profiles)
    {
        var name = settings.EffectiveProfileName();
        var profile = profiles.Exists(name) ? profiles.Settings(name) : null;
        if (!string.IsNullOrEmpty(settings.EndpointUrl))
        {
            var url = settings.EndpointUrl!;
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                throw new ApprovalToolsException("InvalidEndpointUrl", ErrorCategory.InvalidArgument,
                    $"The endpoint URL '{url}' is not an absolute http or https URL.");
            if (profile is not null) config.Profile = profile;
            config.ServiceURL = url;
            return (url, settings.EndpointSource ?? "the -EndpointUrl parameter");
        }
        config.RegionEndpoint = region;
        // After the region: setting RegionEndpoint drops an endpoint Core already read from the profile.
        if (profile is not null) config.Profile = profile;
        var configured = config.ServiceURL;
        return string.IsNullOrEmpty(configured) ? (null, null) : (configured, ConfiguredSource(profile));
    }

    // Core folded in AWS_ENDPOINT_URL_CODEPIPELINE, AWS_ENDPOINT_URL or the profile's settings, in that order.
    private static string ConfiguredSource(Profile? profile)
    {
        foreach (var variable in new[] { "AWS_ENDPOINT_URL_CODEPIPELINE", "AWS_ENDPOINT_URL" })
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 })
                return $"the environment variable {variable}";
        }
        return profile is not null ? $"the profile '{profile.Name}'" : "the AWS SDK's endpoint settings";
    }
}
