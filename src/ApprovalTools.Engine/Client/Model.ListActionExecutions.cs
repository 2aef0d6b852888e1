using System;
using System.Collections.Generic;
using Amazon.Runtime;

namespace ApprovalTools.Client;

public sealed class ListActionExecutionsRequest : AmazonWebServiceRequest
{
    public string? PipelineName { get; set; }
    public ActionExecutionFilter? Filter { get; set; }
    public int? MaxResults { get; set; }
    public string? NextToken { get; set; }
}

public sealed class ActionExecutionFilter
{
    public string? PipelineExecutionId { get; set; }
}

public sealed class ListActionExecutionsResponse : AmazonWebServiceResponse
{
    public List<ActionExecutionDetail> ActionExecutionDetails { get; set; } = new();
    public string? NextToken { get; set; }
}

public sealed class ActionExecutionDetail
{
    public string? PipelineExecutionId { get; set; }
    public string? ActionExecutionId { get; set; }
    public int? PipelineVersion { get; set; }
    public string? StageName { get; set; }
    public string? ActionName { get; set; }
    public DateTime? StartTime { get; set; }
    public DateTime? LastUpdateTime { get; set; }
    public string? UpdatedBy { get; set; }
    /// <summary>InProgress, Abandoned, Succeeded or Failed.</summary>
    public string? Status { get; set; }
    public ActionExecutionInput? Input { get; set; }
    public ActionExecutionOutput? Output { get; set; }
}

/// <summary>What the action ran as: its type (a manual approval is Approval/AWS/Manual) and configuration.</summary>
public sealed class ActionExecutionInput
{
    public ActionTypeId? ActionTypeId { get; set; }
    public Dictionary<string, string>? Configuration { get; set; }
}

public sealed class ActionExecutionOutput
{
    public ActionExecutionResult? ExecutionResult { get; set; }
}

public sealed class ActionExecutionResult
{
    /// <summary>For a manual approval, its token (in PARALLEL mode the only place the token is given).</summary>
    public string? ExternalExecutionId { get; set; }
    public string? ExternalExecutionSummary { get; set; }
    public string? ExternalExecutionUrl { get; set; }
    /// <summary>Why the action failed (a rejection, a timeout).</summary>
    public ErrorDetails? ErrorDetails { get; set; }
}
