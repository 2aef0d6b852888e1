using System;
using System.Management.Automation;

namespace ApprovalTools;

/// <summary>A failure the module detects itself; <see cref="ErrorId"/> becomes the FullyQualifiedErrorId.</summary>
public sealed class ApprovalToolsException(string errorId, ErrorCategory category, string message) : Exception(message)
{
    public string ErrorId { get; } = errorId;
    public ErrorCategory Category { get; } = category;
}
