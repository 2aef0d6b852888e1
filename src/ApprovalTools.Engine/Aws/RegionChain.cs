using System;
using System.Management.Automation;
using Amazon;
using Amazon.Util;

namespace ApprovalTools.Aws;

/// <summary>
/// The region chain, in the order AWS Tools for PowerShell document: -Region, $StoredAWSRegion, the profile in
/// effect, AWS_REGION/AWS_DEFAULT_REGION, then EC2 instance metadata.
/// </summary>
internal static class RegionChain
{
    // RegionEndpoint.GetBySystemName names what it does not know this way (and then lists it as known).
    private const string UnknownRegionDisplayName = "Unknown";

    /// <summary>The region name in effect and where it came from (for messages). Throws NoRegion without one.</summary>
    public static (string Name, string Source) Resolve(AwsSettings settings, ProfileFiles profiles)
    {
        if (!string.IsNullOrEmpty(settings.Region))
            return (settings.Region!.Trim().ToLowerInvariant(), settings.RegionSource ?? "the -Region parameter");
        if (ForeignCredentials.RegionName(settings.StoredRegion) is { } stored)
            return (stored, "$StoredAWSRegion (Set-DefaultAWSRegion)");
        if (FromProfile(settings, profiles) is { } fromProfile) return fromProfile;
        foreach (var variable in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
                return (value.Trim(), $"the environment variable {variable}");
        }
        if (FromInstanceMetadata() is { } fromInstance) return (fromInstance, "EC2 instance metadata");
        throw new ApprovalToolsException("NoRegion", ErrorCategory.InvalidArgument,
            "No AWS region was found. Give -Region (for example -Region eu-west-1), run Set-DefaultAWSRegion, set the "
            + "environment variable AWS_REGION (or AWS_DEFAULT_REGION), or set a region in your profile "
            + "('aws configure set region eu-west-1').");
    }

    /// <summary>
    /// Refuses a region the SDK does not know: a typo far more often than a brand-new region. With an endpoint
    /// (<paramref name="endpoint"/> not null) the name only scopes the signature, and any name goes.
    /// </summary>
    public static void CheckKnown(RegionEndpoint region, string name, string source, string? endpoint)
    {
        if (endpoint is not null || region.DisplayName != UnknownRegionDisplayName) return;
        throw new ApprovalToolsException("UnknownRegion", ErrorCategory.InvalidArgument,
            $"'{name}' (from {source}) is not an AWS region. Give a region name such as us-east-1 or eu-west-1 "
            + "(Get-AWSRegion or 'aws account list-regions' lists them); for a region newer than this module, also "
            + "give -EndpointUrl https://codepipeline.<region>.amazonaws.com.");
    }

    // The region of the profile in effect; a profile that AWS_PROFILE names and that does not exist is an error.
    private static (string, string)? FromProfile(AwsSettings settings, ProfileFiles profiles)
    {
        var name = settings.EffectiveProfileName();
        if (profiles.Find(name) is { } profile)
            return profile.Region is null ? null : (profile.Region.SystemName, $"the profile '{name}'");
        var named = !string.IsNullOrEmpty(settings.ProfileName) || !string.IsNullOrEmpty(settings.ProfileLocation);
        if (!named && name != AwsSettings.DefaultProfile) throw AwsSettings.EnvironmentProfileNotFound(name);
        return null;
    }

    private static string? FromInstanceMetadata()
    {
        var disabled = Environment.GetEnvironmentVariable("AWS_EC2_METADATA_DISABLED");
        if (string.Equals(disabled, "true", StringComparison.OrdinalIgnoreCase)) return null;
        try { return EC2InstanceMetadata.Region?.SystemName; }
        catch (Exception) { return null; } // not on EC2: the caller's NoRegion error says what to set
    }
}
