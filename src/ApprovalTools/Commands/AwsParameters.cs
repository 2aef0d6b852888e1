using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace ApprovalTools.Commands;

/// <summary>
/// The AWS parameters of one command, as plain values (no AWS SDK type), plus what the session adds to them: the
/// one thing the engine resolves sessions from. Made in one place from a cmdlet (<see cref="FromCmdlet"/>) and in one
/// from a completer's bound parameters (<see cref="FromBound"/>).
/// </summary>
internal sealed class AwsParameters
{
    private static readonly string?[] NotGiven = { null };

    /// <summary>The values of -Region, each once, or one null (resolve as usual) when it is not given.</summary>
    public IReadOnlyList<string?> Regions { get; set; } = NotGiven;

    /// <summary>The values of -ProfileName, each once, or one null when it is not given.</summary>
    public IReadOnlyList<string?> ProfileNames { get; set; } = NotGiven;

    public string? ProfileLocation { get; set; }
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    public string? SessionToken { get; set; }

    /// <summary>-Credential: AWSCredentials of any SDK copy, a PSCredential, or an object with keys.</summary>
    public object? Credential { get; set; }

    public string? EndpointUrl { get; set; }

    /// <summary>The value of -TimeoutSec: the longest one call may wait for the endpoint, in seconds.</summary>
    public int TimeoutSec { get; set; } = CodePipelineCmdlet.DefaultTimeoutSec;

    /// <summary>The value of $StoredAWSCredentials (AWS.Tools' Set-AWSCredential) in the caller's scope.</summary>
    public object? StoredCredentials { get; set; }

    /// <summary>The value of $StoredAWSRegion (AWS.Tools' Set-DefaultAWSRegion) in the caller's scope.</summary>
    public object? StoredRegion { get; set; }

    /// <summary>PowerShell's current file-system location: what a relative -ProfileLocation is relative to.</summary>
    public string? CurrentLocation { get; set; }

    /// <summary>The one region given, or null when none or several were.</summary>
    public string? Region => Regions.Count == 1 ? Regions[0] : null;

    /// <summary>The one profile given, or null when none or several were.</summary>
    public string? ProfileName => ProfileNames.Count == 1 ? ProfileNames[0] : null;

    /// <summary>The parameters of <paramref name="command"/> as bound now, and the session values it sees.</summary>
    public static AwsParameters FromCmdlet<TTarget>(CodePipelineCmdlet<TTarget> command) where TTarget : class => new()
    {
        Regions = Values(command.Region),
        ProfileNames = Values(command.ProfileName),
        ProfileLocation = command.ProfileLocation,
        AccessKey = command.AccessKey,
        SecretKey = command.SecretKey,
        SessionToken = command.SessionToken,
        Credential = command.Credential,
        EndpointUrl = command.EndpointUrl,
        TimeoutSec = command.TimeoutSec,
        StoredCredentials = command.SessionState.PSVariable.GetValue("StoredAWSCredentials"),
        StoredRegion = command.SessionState.PSVariable.GetValue("StoredAWSRegion"),
        CurrentLocation = CurrentFileSystemLocation(command),
    };

    /// <summary>
    /// The parameters a completer sees bound (with $PSDefaultParameterValues merged in): the first value of each,
    /// and no -Credential or session values, so completing never needs more than the command line.
    /// </summary>
    public static AwsParameters FromBound(IDictionary bound) => new()
    {
        Regions = new[] { First(bound, "Region") },
        ProfileNames = new[] { First(bound, "ProfileName") },
        ProfileLocation = First(bound, "ProfileLocation"),
        AccessKey = First(bound, "AccessKey"),
        SecretKey = First(bound, "SecretKey"),
        SessionToken = First(bound, "SessionToken"),
        EndpointUrl = First(bound, "EndpointUrl"),
    };

    /// <summary>The first value bound to <paramref name="name"/>, as text; null when it is not bound.</summary>
    public static string? First(IDictionary bound, string name)
    {
        if (!bound.Contains(name)) return null;
        var value = bound[name] is PSObject ps ? ps.BaseObject : bound[name];
        return value is Array a ? a.Cast<object>().FirstOrDefault()?.ToString() : value?.ToString();
    }

    private static IReadOnlyList<string?> Values(object? value) => value switch
    {
        string one => new string?[] { one },
        string[] many when many.Length > 0 => many.Distinct(StringComparer.OrdinalIgnoreCase).ToArray<string?>(),
        _ => NotGiven,
    };

    private static string? CurrentFileSystemLocation(PSCmdlet command)
    {
        try { return command.SessionState.Path.CurrentFileSystemLocation.ProviderPath; }
        catch (Exception) { return null; } // no file-system location: a relative path is the process's own
    }
}
