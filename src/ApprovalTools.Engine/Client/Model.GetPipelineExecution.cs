using System;
using System.Collections.Generic;
using Amazon.Runtime;

namespace ApprovalTools.Client;

public sealed class GetPipelineExecutionRequest : AmazonWebServiceRequest
{
    public string? PipelineName { get; set; }
    public string? PipelineExecutionId { get; set; }
}

public sealed class GetPipelineExecutionResponse : AmazonWebServiceResponse
{
    public PipelineExecution? PipelineExecution { get; set; }
}

public sealed class PipelineExecution
{
    public string? PipelineName { get; set; }
    public int? PipelineVersion { get; set; }
    public string? PipelineExecutionId { get; set; }
    /// <summary>Cancelled, InProgress, Stopped, Stopping, Succeeded, Superseded or Failed.</summary>
    public string? Status { get; set; }
    public string? StatusSummary { get; set; }
    public List<ArtifactRevision> ArtifactRevisions { get; set; } = new();
    public ExecutionTrigger? Trigger { get; set; }
    public string? ExecutionMode { get; set; }
    public string? ExecutionType { get; set; }
}

public sealed class ArtifactRevision
{
    public string? Name { get; set; }
    public string? RevisionId { get; set; }
    public string? RevisionChangeIdentifier { get; set; }
    /// <summary>Usually the commit message.</summary>
    public string? RevisionSummary { get; set; }
    public DateTime? Created { get; set; }
    public string? RevisionUrl { get; set; }
}

public sealed class ExecutionTrigger
{
    public string? TriggerType { get; set; }
    public string? TriggerDetail { get; set; }
}
