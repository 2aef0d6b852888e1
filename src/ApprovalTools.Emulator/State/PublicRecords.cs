namespace ApprovalTools.Emulator;

/// <summary>What starting an execution produced: its id and the token of each approval it is now waiting on
/// ("Stage/Action").</summary>
public sealed record StartedExecution(string PipelineExecutionId, IReadOnlyDictionary<string, string> Tokens,
    string Status = "InProgress", string? InboundOf = null);

/// <summary>Result of generating pipelines: how many were added and the pending tokens per pipeline ("Stage/Action" ->
/// token).</summary>
public sealed record GeneratedPipelines(
    int Created, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Tokens);

/// <summary>One AWS-path request as the emulator saw it. HttpStatus is null when no response was sent (drop, lost
/// response, client abort).</summary>
public sealed record CallRecord(
    long Sequence,
    DateTimeOffset Time,
    string? Operation,
    string? PipelineName,
    string? StageName,
    string? ActionName,
    string? Token,
    string? Status,
    string? AccessKeyId,
    int? HttpStatus,
    string? ErrorCode,
    string? Fault)
{
    /// <summary>The region of the request's signature (its credential scope).</summary>
    public string? Region { get; init; }
}

/// <summary>PutApprovalResult calls that carried a token, and how many of them changed state.</summary>
public sealed record ApprovalCount(string Token, int Received, int Applied);

/// <summary>A manual approval currently waiting for an answer.</summary>
public sealed record OpenApproval(string PipelineName, string StageName, string ActionName, string Token,
    string PipelineExecutionId, DateTimeOffset Since, DateTimeOffset ExpiresAt);
