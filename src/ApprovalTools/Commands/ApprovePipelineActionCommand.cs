using System.Management.Automation;

namespace ApprovalTools.Commands;

[Cmdlet(VerbsLifecycle.Approve, "PipelineAction", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = ByInputObject)]
[OutputType(typeof(ApprovalResult))]
public sealed class ApprovePipelineActionCommand : AnswerApprovalCommandBase
{
    protected override string Status => "Approved";
    protected override string ActionVerb => "Approve";
}
