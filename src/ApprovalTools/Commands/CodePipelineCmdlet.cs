using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;

namespace ApprovalTools.Commands;

/// <summary>The common AWS parameters as the engine reads them, whatever the type of -Region and -ProfileName.</summary>
internal interface IAwsParameters
{
    /// <summary>The values of -Region, or one null (resolve as usual) when it is not given.</summary>
    IReadOnlyList<string?> Regions { get; }

    /// <summary>The values of -ProfileName, or one null when it is not given.</summary>
    IReadOnlyList<string?> ProfileNames { get; }

    string? ProfileLocation { get; }
    string? AccessKey { get; }
    string? SecretKey { get; }
    string? SessionToken { get; }
    object? Credential { get; }
    string? EndpointUrl { get; }

    /// <summary>The value of -TimeoutSec: the longest one call may wait for the endpoint, in seconds.</summary>
    int TimeoutSec { get; }
}

/// <summary>
/// The AWS parameters every cmdlet shares, with AWS.Tools' names and aliases. <typeparamref name="TTarget"/> is the
/// type of -Region and -ProfileName: string for cmdlets that act in one region and account, string[] for
/// Get-PendingApproval, which scans every combination given. The work itself is done by the engine's worker.
/// </summary>
public abstract class CodePipelineCmdlet<TTarget> : AsyncPSCmdlet, IAwsParameters where TTarget : class
{
    private ICommandWorker? _worker;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public virtual TTarget? Region { get; set; }

    [Parameter]
    [Alias("StoredCredentials", "AWSProfileName")]
    [ValidateNotNullOrEmpty]
    public virtual TTarget? ProfileName { get; set; }

    [Parameter]
    [Alias("AWSProfilesLocation", "ProfilesLocation")]
    [ValidateNotNullOrEmpty]
    public virtual string? ProfileLocation { get; set; }

    [Parameter]
    [Alias("AK")]
    [ValidateNotNullOrEmpty]
    public string? AccessKey { get; set; }

    [Parameter]
    [Alias("SK", "SecretAccessKey")]
    [ValidateNotNullOrEmpty]
    public string? SecretKey { get; set; }

    [Parameter]
    [Alias("ST")]
    [ValidateNotNullOrEmpty]
    public string? SessionToken { get; set; }

    /// <summary>AWSCredentials (from AWS.Tools or any copy of the AWS SDK), a PSCredential (access key id, secret key), or an object with keys.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? Credential { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public virtual string? EndpointUrl { get; set; }

    /// <summary>
    /// The longest one call to the endpoint may take, all its attempts included (waiting out throttling excluded):
    /// past it the call fails with EndpointTimeout.
    /// </summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = DefaultTimeoutSec;

    /// <summary>The default of -TimeoutSec.</summary>
    public const int DefaultTimeoutSec = 30;

    IReadOnlyList<string?> IAwsParameters.Regions => Values(Region);
    IReadOnlyList<string?> IAwsParameters.ProfileNames => Values(ProfileName);

    private static IReadOnlyList<string?> Values(TTarget? value) => value switch
    {
        string one => new string?[] { one },
        string[] many when many.Length > 0 => many.Distinct(StringComparer.OrdinalIgnoreCase).ToArray<string?>(),
        _ => new string?[] { null },
    };

    // The engine (and with it the AWS SDK) loads on the first record, not at Import-Module.
    private ICommandWorker Worker => _worker ??= ModuleEngine.Instance.CreateWorker(this);

    protected override Task ProcessRecordAsync() => Worker.ProcessRecordAsync();
    protected override Task EndProcessingAsync() => Worker.EndProcessingAsync();
    protected override void DisposeResources() => _worker?.Dispose();
}

/// <summary>The base of the cmdlets that act in one region and with one profile at a time.</summary>
public abstract class CodePipelineCmdlet : CodePipelineCmdlet<string>;
