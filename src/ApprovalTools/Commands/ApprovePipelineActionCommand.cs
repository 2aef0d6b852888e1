using System.Management.Automation;

namespace ApprovalTools.Commands;

[Cmdlet(VerbsLifecycle.Approve, "PipelineAction", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = ByInputObject)]
[OutputType(typeof(ApprovalResult))]
public sealed class ApprovePipelineActionCommand : AnswerApprovalCommandBase
{
    internal override string Status => "Approved";
    internal override string ActionVerb => "Approve";
}
