using System;
using System.Collections.Generic;
using Amazon.Runtime;

namespace ApprovalTools.Client;

public sealed class ListPipelinesRequest : AmazonWebServiceRequest
{
    /// <summary>Page size (1-1000); the service defaults to 100.</summary>
    public int? MaxResults { get; set; }
    public string? NextToken { get; set; }
}

public sealed class ListPipelinesResponse : AmazonWebServiceResponse
{
    public List<PipelineSummary> Pipelines { get; set; } = new();
    /// <summary>Null on the last page.</summary>
    public string? NextToken { get; set; }
}

public sealed class PipelineSummary
{
    public string? Name { get; set; }
    public int? Version { get; set; }
    /// <summary>V1 or V2.</summary>
    public string? PipelineType { get; set; }
    /// <summary>QUEUED, SUPERSEDED or PARALLEL.</summary>
    public string? ExecutionMode { get; set; }
    public DateTime? Created { get; set; }
    public DateTime? Updated { get; set; }

    public override string ToString() => $"{Name} (v{Version})";
}
