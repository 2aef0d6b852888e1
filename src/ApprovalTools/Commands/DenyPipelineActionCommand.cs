using System.Management.Automation;

namespace ApprovalTools.Commands;

[Cmdlet(VerbsLifecycle.Deny, "PipelineAction", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = ByInputObject)]
[OutputType(typeof(ApprovalResult))]
public sealed class DenyPipelineActionCommand : AnswerApprovalCommandBase
{
    protected override string Status => "Rejected";
    protected override string ActionVerb => "Reject";
}
