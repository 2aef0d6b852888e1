using System;
using System.Collections.Generic;
using Amazon.Runtime;

namespace ApprovalTools.Client;

public sealed class GetPipelineStateRequest : AmazonWebServiceRequest
{
    public string? Name { get; set; }
}

public sealed class GetPipelineStateResponse : AmazonWebServiceResponse
{
    public string? PipelineName { get; set; }
    public int? PipelineVersion { get; set; }
    public List<StageState> StageStates { get; set; } = new();
    public DateTime? Created { get; set; }
    public DateTime? Updated { get; set; }
}

public sealed class StageState
{
    public string? StageName { get; set; }
    public StageExecution? InboundExecution { get; set; }
    /// <summary>Executions waiting to enter the stage (more than one in PARALLEL mode).</summary>
    public List<StageExecution> InboundExecutions { get; set; } = new();
    public TransitionState? InboundTransitionState { get; set; }
    public StageExecution? LatestExecution { get; set; }
    public List<ActionState> ActionStates { get; set; } = new();
}

public sealed class StageExecution
{
    public string? PipelineExecutionId { get; set; }
    /// <summary>Cancelled, InProgress, Failed, Stopped, Stopping, Succeeded or Skipped.</summary>
    public string? Status { get; set; }
    /// <summary>STANDARD or ROLLBACK.</summary>
    public string? Type { get; set; }
}

public sealed class TransitionState
{
    public bool? Enabled { get; set; }
    public string? LastChangedBy { get; set; }
    public DateTime? LastChangedAt { get; set; }
    public string? DisabledReason { get; set; }
}

public sealed class ActionState
{
    public string? ActionName { get; set; }
    public ActionExecution? LatestExecution { get; set; }
    public string? EntityUrl { get; set; }
    public string? RevisionUrl { get; set; }
}

public sealed class ActionExecution
{
    public string? ActionExecutionId { get; set; }
    /// <summary>InProgress, Abandoned, Succeeded or Failed.</summary>
    public string? Status { get; set; }
    public string? Summary { get; set; }
    public DateTime? LastStatusChange { get; set; }
    /// <summary>For a manual approval that is InProgress: the token PutApprovalResult needs.</summary>
    public string? Token { get; set; }
    public string? LastUpdatedBy { get; set; }
    public string? ExternalExecutionId { get; set; }
    public string? ExternalExecutionUrl { get; set; }
    public int? PercentComplete { get; set; }
    public ErrorDetails? ErrorDetails { get; set; }
}

public sealed class ErrorDetails
{
    public string? Code { get; set; }
    public string? Message { get; set; }
}
