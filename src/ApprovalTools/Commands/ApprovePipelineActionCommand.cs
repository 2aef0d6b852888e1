using System.Management.Automation;

namespace ApprovalTools.Commands;

/// <summary>
/// Approve-PipelineAction. Its work: src/ApprovalTools.Engine/AnswerPipelineActionWorker.cs (with
/// <see cref="AnswerApprovalCommandBase"/>, which holds the parameters and builds the request).
/// </summary>
[Cmdlet(VerbsLifecycle.Approve, "PipelineAction", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = ByInputObject)]
[OutputType(typeof(ApprovalResult))]
public sealed class ApprovePipelineActionCommand : AnswerApprovalCommandBase
{
    internal override string Status => "Approved";
    internal override string ActionVerb => "Approve";
}
