using System;
using System.Management.Automation;
using System.Threading.Tasks;

namespace ApprovalTools.Commands;

/// <summary>
/// Get-ApprovalHistory: the manual approvals that were answered or ended, from the action history, one
/// <see cref="ApprovalRecord"/> per decision.
/// Its work: src/ApprovalTools.Engine/GetApprovalHistoryWorker.cs, given the <see cref="GetApprovalHistoryRequest"/>.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ApprovalHistory", DefaultParameterSetName = Window)]
[OutputType(typeof(ApprovalRecord))]
public sealed class GetApprovalHistoryCommand : CodePipelineCmdlet<string[]>
{
    internal const string Window = "Window";
    internal const string WaitSet = "Wait";
    private const string NamePattern = @"^[A-Za-z0-9.@\-_*?\[\]]+$";

    /// <summary>The pipelines to read (wildcards); all of them when not given.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CodePipelineCompleter))]
    [ValidateNotNullOrEmpty]
    [ValidateLength(1, 100)]
    [ValidatePattern(NamePattern)]
    public string[]? PipelineName { get; set; }

    /// <summary>Only approvals in stages whose name matches (wildcards).</summary>
    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CodePipelineCompleter))]
    [ValidateLength(1, 100)]
    [ValidatePattern(NamePattern)]
    public string? StageName { get; set; }

    /// <summary>Only approvals whose action name matches (wildcards).</summary>
    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CodePipelineCompleter))]
    [ValidateLength(1, 100)]
    [ValidatePattern(NamePattern)]
    public string? ActionName { get; set; }

    /// <summary>
    /// Decisions made at or after this time; default seven days ago (none with -PipelineExecutionId).
    /// </summary>
    [Parameter]
    public DateTime? Since { get; set; }

    /// <summary>Decisions made at or before this time; default no bound.</summary>
    [Parameter]
    public DateTime? Until { get; set; }

    /// <summary>Only decisions with one of these outcomes.</summary>
    [Parameter]
    [ValidateSet("Approved", "Rejected", "Expired", "Abandoned", IgnoreCase = true)]
    public string[]? Status { get; set; }

    /// <summary>Only answers given by a caller whose ARN or short name matches one of these (wildcards).</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? AnsweredBy { get; set; }

    /// <summary>Only the approvals of this pipeline execution.</summary>
    [Parameter(ParameterSetName = Window)]
    [Parameter(ParameterSetName = WaitSet, Mandatory = true)]
    [ValidatePattern("^[0-9a-fA-F-]{1,100}$")]
    public string? PipelineExecutionId { get; set; }

    /// <summary>How many pipelines are read at once.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 16;

    /// <summary>Waits until the approval of -PipelineExecutionId is decided.</summary>
    [Parameter(ParameterSetName = WaitSet, Mandatory = true)]
    public SwitchParameter Wait { get; set; }

    /// <summary>With -Wait, how many seconds to wait for the decision.</summary>
    [Parameter(ParameterSetName = WaitSet)]
    [ValidateRange(0, int.MaxValue)]
    public int Timeout { get; set; } = 3600;

    /// <summary>With -Wait, how many seconds to pause between looks.</summary>
    [Parameter(ParameterSetName = WaitSet)]
    [ValidateRange(1, 3600)]
    public int PollInterval { get; set; } = 15;

    protected override Task ProcessRecordAsync() => Worker(Create).ProcessRecordAsync(Request());
    protected override Task EndProcessingAsync() => Worker(Create).EndProcessingAsync(Request());
    private ICommandWorker<GetApprovalHistoryRequest> Create(IEngine engine) => engine.GetApprovalHistory(this);

    private GetApprovalHistoryRequest Request() => new()
    {
        Aws = AwsParameters.FromCmdlet(this),
        ExpectingInput = MyInvocation.ExpectingInput,
        PipelineName = PipelineName,
        StageName = StageName,
        ActionName = ActionName,
        Since = Since,
        Until = Until,
        Status = Status,
        AnsweredBy = AnsweredBy,
        PipelineExecutionId = PipelineExecutionId,
        ThrottleLimit = ThrottleLimit,
        Wait = Wait,
        Timeout = Timeout,
        PollInterval = PollInterval,
    };
}

/// <summary>What Get-ApprovalHistory hands its worker for one record (and at the end of its input).</summary>
internal sealed class GetApprovalHistoryRequest
{
    public AwsParameters Aws { get; set; } = new();

    /// <summary>Names were to come from the pipeline (MyInvocation.ExpectingInput).</summary>
    public bool ExpectingInput { get; set; }

    /// <summary>The names bound for this record (wildcards allowed).</summary>
    public string[]? PipelineName { get; set; }

    public string? StageName { get; set; }
    public string? ActionName { get; set; }
    public DateTime? Since { get; set; }
    public DateTime? Until { get; set; }
    public string[]? Status { get; set; }
    public string[]? AnsweredBy { get; set; }
    public string? PipelineExecutionId { get; set; }
    public int ThrottleLimit { get; set; } = 16;

    /// <summary>Wait until the approval of <see cref="PipelineExecutionId"/> is decided.</summary>
    public bool Wait { get; set; }

    public int Timeout { get; set; } = 3600;
    public int PollInterval { get; set; } = 15;
}
