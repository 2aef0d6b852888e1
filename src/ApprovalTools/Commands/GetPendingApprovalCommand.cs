using System;
using System.Management.Automation;
using System.Threading.Tasks;

namespace ApprovalTools.Commands;

/// <summary>
/// Get-PendingApproval: the manual approvals waiting now, one <see cref="PendingApproval"/> each.
/// Its work: src/ApprovalTools.Engine/GetPendingApprovalWorker.cs, given the <see cref="GetPendingApprovalRequest"/>.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PendingApproval", DefaultParameterSetName = ByName)]
[OutputType(typeof(PendingApproval))]
public sealed class GetPendingApprovalCommand : CodePipelineCmdlet<string[]>
{
    private const string NamePattern = @"^[A-Za-z0-9.@\-_*?\[\]]+\z";
    internal const string ByName = "ByName";
    internal const string ByNotification = "ByNotification";

    // A notification given as a JSON string is wrapped before the names bind, so it is never taken for a name.
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true,
        ParameterSetName = ByName)]
    [Alias("Name")]
    [NotificationTransformation(JsonStringsOnly = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CodePipelineCompleter))]
    [ValidateNotNullOrEmpty]
    [ValidateLength(1, 100)]
    [ValidatePattern(NamePattern)]
    public string[]? PipelineName { get; set; }

    [Parameter(ParameterSetName = ByName)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CodePipelineCompleter))]
    [ValidateLength(1, 100)]
    [ValidatePattern(NamePattern)]
    public string? StageName { get; set; }

    [Parameter(ParameterSetName = ByName)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CodePipelineCompleter))]
    [ValidateLength(1, 100)]
    [ValidatePattern(NamePattern)]
    public string? ActionName { get; set; }

    /// <summary>
    /// An approval notification CodePipeline published (the JSON message, its parsed object, or its approval part):
    /// the current PendingApproval of that run, or a warning when it no longer waits.
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByNotification)]
    [NotificationTransformation(JsonStringsOnly = true)]
    [ValidateNotNull]
    public ApprovalNotification? Notification { get; set; }

    /// <summary>Only runs carrying this source revision: the full id or a prefix of at least 7 characters.</summary>
    [Parameter]
    [ValidateLength(7, 1500)]
    public string? RevisionId { get; set; }

    /// <summary>Only approvals that expire within this time from now.</summary>
    [Parameter]
    public TimeSpan? ExpiringWithin { get; set; }

    /// <summary>How many pipelines are read at once.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 16;

    /// <summary>Waits until at least one matching approval is pending.</summary>
    [Parameter(ParameterSetName = ByName)]
    public SwitchParameter Wait { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Timeout { get; set; } = 3600;

    [Parameter]
    [ValidateRange(1, 3600)]
    public int PollInterval { get; set; } = 15;

    protected override Task ProcessRecordAsync() => Worker(Create).ProcessRecordAsync(Request());
    protected override Task EndProcessingAsync() => Worker(Create).EndProcessingAsync(Request());
    private ICommandWorker<GetPendingApprovalRequest> Create(IEngine engine) => engine.GetPendingApproval(this);

    private GetPendingApprovalRequest Request() => new()
    {
        Aws = AwsParameters.FromCmdlet(this),
        ByNotification = ParameterSetName == ByNotification,
        ExpectingInput = MyInvocation.ExpectingInput,
        PipelineName = PipelineName,
        Notification = Notification,
        StageName = StageName,
        ActionName = ActionName,
        RevisionId = RevisionId,
        ExpiringWithin = ExpiringWithin,
        ThrottleLimit = ThrottleLimit,
        Wait = Wait,
        Timeout = Timeout,
        PollInterval = PollInterval,
    };
}

/// <summary>What Get-PendingApproval hands its worker for one record (and at the end of its input).</summary>
internal sealed class GetPendingApprovalRequest
{
    public AwsParameters Aws { get; set; } = new();

    /// <summary>The -Notification parameter set: look up the run -Notification names, scan nothing.</summary>
    public bool ByNotification { get; set; }

    /// <summary>Names were to come from the pipeline (MyInvocation.ExpectingInput).</summary>
    public bool ExpectingInput { get; set; }

    /// <summary>The names bound for this record (wildcards allowed).</summary>
    public string[]? PipelineName { get; set; }

    public ApprovalNotification? Notification { get; set; }
    public string? StageName { get; set; }
    public string? ActionName { get; set; }
    public string? RevisionId { get; set; }
    public TimeSpan? ExpiringWithin { get; set; }
    public int ThrottleLimit { get; set; } = 16;
    public bool Wait { get; set; }
    public int Timeout { get; set; } = 3600;
    public int PollInterval { get; set; } = 15;
}
