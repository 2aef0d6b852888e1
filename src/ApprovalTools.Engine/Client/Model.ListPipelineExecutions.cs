using System;
using System.Collections.Generic;
using Amazon.Runtime;

namespace ApprovalTools.Client;

public sealed class ListPipelineExecutionsRequest : AmazonWebServiceRequest
{
    public string? PipelineName { get; set; }
    public int? MaxResults { get; set; }
    public string? NextToken { get; set; }
}

public sealed class ListPipelineExecutionsResponse : AmazonWebServiceResponse
{
    /// <summary>Newest first.</summary>
    public List<PipelineExecutionSummary> PipelineExecutionSummaries { get; set; } = new();
    public string? NextToken { get; set; }
}

public sealed class PipelineExecutionSummary
{
    public string? PipelineExecutionId { get; set; }
    /// <summary>Cancelled, InProgress, Stopped, Stopping, Succeeded, Superseded or Failed.</summary>
    public string? Status { get; set; }
    public DateTime? StartTime { get; set; }
    public DateTime? LastUpdateTime { get; set; }
    /// <summary>The mode the execution runs in (a pipeline's mode can change while older runs go on).</summary>
    public string? ExecutionMode { get; set; }
}
