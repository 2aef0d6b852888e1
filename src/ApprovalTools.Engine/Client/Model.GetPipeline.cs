using System;
using System.Collections.Generic;
using Amazon.Runtime;

namespace ApprovalTools.Client;

public sealed class GetPipelineRequest : AmazonWebServiceRequest
{
    public string? Name { get; set; }
    /// <summary>Null for the current version.</summary>
    public int? Version { get; set; }
}

public sealed class GetPipelineResponse : AmazonWebServiceResponse
{
    public PipelineDeclaration? Pipeline { get; set; }
    public PipelineMetadata? Metadata { get; set; }
}

public sealed class PipelineDeclaration
{
    public string? Name { get; set; }
    public string? RoleArn { get; set; }
    public int? Version { get; set; }
    public string? ExecutionMode { get; set; }
    public string? PipelineType { get; set; }
    public List<StageDeclaration> Stages { get; set; } = new();
}

public sealed class StageDeclaration
{
    public string? Name { get; set; }
    public List<ActionDeclaration> Actions { get; set; } = new();
}

public sealed class ActionDeclaration
{
    public string? Name { get; set; }
    public ActionTypeId? ActionTypeId { get; set; }
    public int? RunOrder { get; set; }
    /// <summary>Provider settings; for a manual approval: CustomData, ExternalEntityLink, NotificationArn.</summary>
    public Dictionary<string, string> Configuration { get; set; } = new();
    public int? TimeoutInMinutes { get; set; }
    public string? Region { get; set; }
    public string? Namespace { get; set; }
    public string? RoleArn { get; set; }
}

public sealed class ActionTypeId
{
    /// <summary>Source, Build, Deploy, Test, Invoke, Approval or Compute.</summary>
    public string? Category { get; set; }
    /// <summary>AWS, ThirdParty or Custom.</summary>
    public string? Owner { get; set; }
    public string? Provider { get; set; }
    public string? Version { get; set; }

    public override string ToString() => $"{Category}/{Owner}/{Provider}/{Version}";
}

public sealed class PipelineMetadata
{
    public string? PipelineArn { get; set; }
    public DateTime? Created { get; set; }
    public DateTime? Updated { get; set; }
    public DateTime? PollingDisabledAt { get; set; }
}
