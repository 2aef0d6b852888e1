using System;
using Amazon.Runtime;

namespace ApprovalTools.Client;

public sealed class PutApprovalResultRequest : AmazonWebServiceRequest
{
    public string? PipelineName { get; set; }
    public string? StageName { get; set; }
    public string? ActionName { get; set; }
    public ApprovalDecision? Result { get; set; }
    /// <summary>From GetPipelineState: the approval action's LatestExecution.Token.</summary>
    public string? Token { get; set; }
}

/// <summary>
/// The model's ApprovalResult shape (renamed: ApprovalTools.ApprovalResult is our cmdlet output type).
/// </summary>
public sealed class ApprovalDecision
{
    public string? Summary { get; set; }
    /// <summary>Approved or Rejected.</summary>
    public string? Status { get; set; }
}

public sealed class PutApprovalResultResponse : AmazonWebServiceResponse
{
    public DateTime? ApprovedAt { get; set; }
}
