using System;
using System.Net;
using Amazon.Runtime;

namespace ApprovalTools.Client;

/// <summary>
/// An error CodePipeline (or the AWS front end) returned, with the service's error code in
/// <see cref="AmazonServiceException.ErrorCode"/>: PipelineNotFoundException, ValidationException,
/// ThrottlingException (after retries), AccessDeniedException, InvalidSignatureException, ... The codes the module
/// catches have a subclass of their own; ErrorMapping reports every code with its error id.
/// </summary>
public class CodePipelineServiceException : AmazonServiceException
{
    /// <summary>An error with only a message (no code), for tests and mocks.</summary>
    public CodePipelineServiceException(string message) : base(message) { }

    /// <summary>An error as the service returned it.</summary>
    public CodePipelineServiceException(string message, Exception? innerException, ErrorType errorType,
        string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }

    /// <summary>The exception for <paramref name="errorCode"/>: its own subclass, else this base type.</summary>
    public static CodePipelineServiceException Create(string? errorCode, string message,
        Exception? innerException = null, ErrorType errorType = ErrorType.Unknown, string? requestId = null,
        HttpStatusCode statusCode = HttpStatusCode.BadRequest)
    {
        var (m, i, t, c, r, s) = (message, innerException, errorType, errorCode, requestId, statusCode);
        return errorCode switch
        {
            nameof(InvalidApprovalTokenException) => new InvalidApprovalTokenException(m, i, t, c, r, s),
            nameof(ApprovalAlreadyCompletedException) => new ApprovalAlreadyCompletedException(m, i, t, c, r, s),
            nameof(PipelineExecutionNotFoundException) => new PipelineExecutionNotFoundException(m, i, t, c, r, s),
            _ => new CodePipelineServiceException(m, i, t, c, r, s),
        };
    }
}

/// <summary>The approval request already received a response or has expired.</summary>
public sealed class InvalidApprovalTokenException(string message, Exception? innerException, ErrorType errorType,
    string? errorCode, string? requestId, HttpStatusCode statusCode)
    : CodePipelineServiceException(message, innerException, errorType, errorCode, requestId, statusCode);

/// <summary>The approval action has already been approved or rejected.</summary>
public sealed class ApprovalAlreadyCompletedException(string message, Exception? innerException,
    ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
    : CodePipelineServiceException(message, innerException, errorType, errorCode, requestId, statusCode);

/// <summary>The pipeline execution was specified in an invalid format or cannot be found.</summary>
public sealed class PipelineExecutionNotFoundException(string message, Exception? innerException,
    ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
    : CodePipelineServiceException(message, innerException, errorType, errorCode, requestId, statusCode);
