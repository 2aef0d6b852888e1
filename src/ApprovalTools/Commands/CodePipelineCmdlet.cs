using System;
using System.Management.Automation;

namespace ApprovalTools.Commands;

/// <summary>
/// The AWS parameters every cmdlet shares, with AWS.Tools' names and aliases. <typeparamref name="TTarget"/> is the
/// type of -Region and -ProfileName: string for cmdlets that act in one region and account, string[] for
/// Get-PendingApproval, which scans every combination given. The engine reads them as <see cref="AwsParameters"/>.
/// </summary>
public abstract class CodePipelineCmdlet<TTarget> : AsyncPSCmdlet where TTarget : class
{
    private IDisposable? _worker;

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

    /// <summary>
    /// AWSCredentials (from AWS.Tools or any copy of the AWS SDK), a PSCredential (access key id, secret key), or an
    /// object with keys.
    /// </summary>
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

    /// <summary>
    /// This invocation's worker, made on first use: the engine, and with it the AWS SDK, loads on the first record,
    /// not at Import-Module.
    /// </summary>
    private protected ICommandWorker<TRequest> Worker<TRequest>(Func<IEngine, ICommandWorker<TRequest>> create) =>
        (ICommandWorker<TRequest>)(_worker ??= create(ModuleEngine.Instance));

    protected override void DisposeResources() => _worker?.Dispose();
}

/// <summary>The base of the cmdlets that act in one region and with one profile at a time.</summary>
public abstract class CodePipelineCmdlet : CodePipelineCmdlet<string>;
