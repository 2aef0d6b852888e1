using System.Management.Automation;

namespace ApprovalTools.Commands;

[Cmdlet(VerbsLifecycle.Deny, "PipelineAction", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = ByInputObject)]
[OutputType(typeof(ApprovalResult))]
public sealed class DenyPipelineActionCommand : AnswerApprovalCommandBase
{
    internal override string Status => "Rejected";
    internal override string ActionVerb => "Reject";
}
