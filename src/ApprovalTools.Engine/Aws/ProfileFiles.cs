using System;
using System.Collections.Generic;
using Amazon;
using Amazon.Runtime.CredentialManagement;

namespace ApprovalTools.Aws;

/// <summary>
/// The shared AWS config and credentials files (or the file -ProfileLocation names) as one resolution sees them.
/// Each profile is read once: the files were read again for every question asked of a profile (does it exist, its
/// region, can it supply credentials), several times on every first command.
/// </summary>
internal sealed class ProfileFiles(string? location)
{
    private CredentialProfileStoreChain? _chain;
    private readonly Dictionary<string, CredentialProfile?> _profiles = new(StringComparer.Ordinal);

    /// <summary>The credentials file given (-ProfileLocation), or null for the shared files.</summary>
    public string? Location { get; } = location;

    /// <summary>The store the profiles come from, made on first use.</summary>
    public CredentialProfileStoreChain Chain => _chain ??= new CredentialProfileStoreChain(Location);

    /// <summary>The profile named <paramref name="name"/>, or null when there is none.</summary>
    public CredentialProfile? Find(string name)
    {
        if (!_profiles.TryGetValue(name, out var profile))
            _profiles[name] = profile = Chain.TryGetProfile(name, out var found) ? found : null;
        return profile;
    }

    /// <summary>True when a profile named <paramref name="name"/> exists.</summary>
    public bool Exists(string name) => Find(name) is not null;

    /// <summary>The profile as AWSSDK.Core's clients take it (its endpoint, retry and other settings).</summary>
    public Profile Settings(string name) => new(name, Location);
}
