using System;
using ApprovalTools.Client;

namespace ApprovalTools.Aws;

/// <summary>A client and where its settings came from (for -Verbose; never the secret itself).</summary>
public sealed class ResolvedSession(CodePipelineClient client, string region, string regionSource,
    string credentialSource, string? profileName, string? endpointUrl) : IDisposable
{
    /// <summary>The client, signed for <see cref="Region"/> and pointed at its endpoint.</summary>
    public CodePipelineClient Client { get; } = client;

    /// <summary>The region in effect (its system name).</summary>
    public string Region { get; } = region;

    /// <summary>Where <see cref="Region"/> came from, in words.</summary>
    public string RegionSource { get; } = regionSource;

    /// <summary>Where the credentials came from, in words.</summary>
    public string CredentialSource { get; } = credentialSource;

    /// <summary>The profile whose credentials are used (null when they came from elsewhere).</summary>
    public string? ProfileName { get; } = profileName;

    /// <summary>The credentials file of <see cref="ProfileName"/>, when not the default one.</summary>
    public string? ProfileLocation { get; set; }

    /// <summary>The custom endpoint calls go to; null for the region's own.</summary>
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

    /// <summary>Disposes the client.</summary>
    public void Dispose() => Client.Dispose();
}
