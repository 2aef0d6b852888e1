using System;
using System.Management.Automation;
using System.Net;
using System.Reflection;
using Amazon;
using Amazon.Runtime;

namespace ApprovalTools.Aws;

/// <summary>
/// Credentials and regions handed over by AWS Tools for PowerShell (-Credential, $StoredAWSCredentials,
/// $StoredAWSRegion). AWS.Tools load their own AWSSDK.Core, and on PowerShell 7 ours lives in a load context of its
/// own, so their Amazon.Runtime.AWSCredentials is not our type even though it has the same name: these objects are
/// read by shape (a GetCredentials() method, or key properties), never by type identity.
/// </summary>
internal static class ForeignCredentials
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>
    /// What -Credential accepts: AWSCredentials from any copy of the SDK, a PSCredential, or an object with keys.
    /// </summary>
    public static AWSCredentials FromObject(object value, string what)
    {
        var item = value is PSObject ps ? ps.BaseObject : value;
        return item switch
        {
            AWSCredentials ours => ours,
            PSCredential p => new BasicAWSCredentials(p.UserName, new NetworkCredential("", p.Password).Password),
            _ => Adapt(item) ?? (value is PSObject bag ? FromProperties(bag) : null)
                ?? throw new ApprovalToolsException("InvalidCredential", ErrorCategory.InvalidArgument,
                    $"{what} takes AWS credentials (an AWSCredentials object from AWS Tools for PowerShell or the "
                    + "AWS SDK, or an object with AccessKeyId and SecretAccessKey, such as the Credentials of "
                    + $"'aws sts assume-role' output) or a PSCredential, not {item.GetType().FullName}."),
        };
    }

    /// <summary>
    /// The credentials in $StoredAWSCredentials: an AWSPSCredentials wrapper (its Credentials and Name members are
    /// internal to AWS.Tools), or AWSCredentials stored directly. Null when the value holds neither.
    /// </summary>
    public static (AWSCredentials Credentials, string? Name)? FromStoredCredentials(object value)
    {
        var item = value is PSObject ps ? ps.BaseObject : value;
        if (item is AWSCredentials ours) return (ours, null);
        var inner = Read(item, "Credentials");
        if (inner is not null && (inner as AWSCredentials ?? Adapt(inner)) is { } wrapped)
            return (wrapped, Read(item, "Name") as string);
        return Adapt(item) is { } direct ? (direct, null) : null;
    }

    /// <summary>
    /// The region system name in $StoredAWSRegion (a string; an AWSRegion or RegionEndpoint of any SDK copy also
    /// works).
    /// </summary>
    public static string? RegionName(object? value)
    {
        var item = value is PSObject ps ? ps.BaseObject : value;
        var name = item switch
        {
            null => null,
            string s => s,
            RegionEndpoint r => r.SystemName,
            _ => (Read(item, "SystemName") ?? Read(Read(item, "Region"), "SystemName") ?? Read(item, "Region"))
                as string,
        };
        return string.IsNullOrWhiteSpace(name) ? null : name!.Trim();
    }

    // Another SDK copy's AWSCredentials: GetCredentials() returns its ImmutableCredentials (AccessKey, SecretKey,
    // Token). Else an object with the keys as properties.
    private static AWSCredentials? Adapt(object item)
    {
        const BindingFlags instance = BindingFlags.Instance | BindingFlags.Public;
        var method = item.GetType().GetMethod("GetCredentials", instance, null, Type.EmptyTypes, null);
        if (method?.ReturnType is { } keys && keys.GetProperty("AccessKey") is not null
            && keys.GetProperty("SecretKey") is not null)
            return new AdaptedCredentials(item, method);
        var accessKey = Read(item, "AccessKeyId") as string;
        var secretKey = Read(item, "SecretAccessKey") as string;
        return Keys(accessKey, secretKey, Read(item, "SessionToken") as string);
    }

    // A PSCustomObject (ConvertFrom-Json of 'aws sts assume-role' output, say) has its keys as note properties.
    private static AWSCredentials? FromProperties(PSObject bag) =>
        Keys(bag.Properties["AccessKeyId"]?.Value as string, bag.Properties["SecretAccessKey"]?.Value as string,
            bag.Properties["SessionToken"]?.Value as string);

    private static AWSCredentials? Keys(string? accessKey, string? secretKey, string? token) =>
        string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey) ? null
        : string.IsNullOrEmpty(token) ? new BasicAWSCredentials(accessKey, secretKey)
        : new SessionAWSCredentials(accessKey, secretKey, token);

    private static object? Read(object? item, string name)
    {
        if (item is null) return null;
        try { return item.GetType().GetProperty(name, Members, null, null, Type.EmptyTypes, null)?.GetValue(item); }
        catch (Exception) { return null; } // an indexer, a throwing getter: not what we look for
    }

    /// <summary>
    /// Calls the foreign object for every use, so its own refresh (an assumed role, say) keeps working.
    /// </summary>
    private sealed class AdaptedCredentials(object foreign, MethodInfo getCredentials) : AWSCredentials
    {
        public override ImmutableCredentials GetCredentials()
        {
            object? immutable;
            try { immutable = getCredentials.Invoke(foreign, null); }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
            var accessKey = Read(immutable, "AccessKey") as string;
            var secretKey = Read(immutable, "SecretKey") as string;
            if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
                throw new InvalidOperationException($"{foreign.GetType().FullName} returned no access key.");
            return new ImmutableCredentials(accessKey, secretKey, Read(immutable, "Token") as string);
        }

        public override string ToString() => foreign.ToString() ?? foreign.GetType().FullName!;
    }
}
