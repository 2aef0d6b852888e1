using System.Management.Automation;

namespace ApprovalTools.Commands;

/// <summary>
/// Deny-PipelineAction. Its work: src/ApprovalTools.Engine/AnswerPipelineActionWorker.cs (with
/// <see cref="AnswerApprovalCommandBase"/>, which holds the parameters and builds the request).
/// </summary>
[Cmdlet(VerbsLifecycle.Deny, "PipelineAction", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = ByInputObject)]
[OutputType(typeof(ApprovalResult))]
public sealed class DenyPipelineActionCommand : AnswerApprovalCommandBase
{
    internal override string Status => "Rejected";
    internal override string ActionVerb => "Reject";
}
