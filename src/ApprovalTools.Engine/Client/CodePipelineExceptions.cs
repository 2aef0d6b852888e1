using System;
using System.Net;
using Amazon.Runtime;

namespace ApprovalTools.Client;

/// <summary>
/// An error CodePipeline (or the AWS front end) returned. Modeled codes get their own subclass; any other code
/// (ThrottlingException after retries, AccessDeniedException, InvalidSignatureException, ...) arrives as this type
/// with <see cref="AmazonServiceException.ErrorCode"/> set.
/// </summary>
public class CodePipelineServiceException : AmazonServiceException
{
    public CodePipelineServiceException(string message) : base(message) { }

    public CodePipelineServiceException(string message, Exception? innerException, ErrorType errorType,
        string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }

    /// <summary>The exception for <paramref name="errorCode"/>: its modeled subclass, else this base type.</summary>
    public static CodePipelineServiceException Create(string? errorCode, string message, Exception? innerException = null,
        ErrorType errorType = ErrorType.Unknown, string? requestId = null, HttpStatusCode statusCode = HttpStatusCode.BadRequest)
    {
        var (m, i, t, c, r, s) = (message, innerException, errorType, errorCode, requestId, statusCode);
        return errorCode switch
        {
            nameof(InvalidApprovalTokenException) => new InvalidApprovalTokenException(m, i, t, c, r, s),
            nameof(ApprovalAlreadyCompletedException) => new ApprovalAlreadyCompletedException(m, i, t, c, r, s),
            nameof(PipelineNotFoundException) => new PipelineNotFoundException(m, i, t, c, r, s),
            nameof(StageNotFoundException) => new StageNotFoundException(m, i, t, c, r, s),
            nameof(ActionNotFoundException) => new ActionNotFoundException(m, i, t, c, r, s),
            nameof(ValidationException) => new ValidationException(m, i, t, c, r, s),
            nameof(PipelineExecutionNotFoundException) => new PipelineExecutionNotFoundException(m, i, t, c, r, s),
            nameof(InvalidNextTokenException) => new InvalidNextTokenException(m, i, t, c, r, s),
            nameof(PipelineVersionNotFoundException) => new PipelineVersionNotFoundException(m, i, t, c, r, s),
            _ => new CodePipelineServiceException(m, i, t, c, r, s),
        };
    }
}

/// <summary>The approval request already received a response or has expired.</summary>
public sealed class InvalidApprovalTokenException : CodePipelineServiceException
{
    public InvalidApprovalTokenException(string message) : base(message) { }

    public InvalidApprovalTokenException(string message, Exception? innerException, ErrorType errorType,
        string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>The approval action has already been approved or rejected.</summary>
public sealed class ApprovalAlreadyCompletedException : CodePipelineServiceException
{
    public ApprovalAlreadyCompletedException(string message) : base(message) { }

    public ApprovalAlreadyCompletedException(string message, Exception? innerException, ErrorType errorType,
        string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>The pipeline was specified in an invalid format or cannot be found.</summary>
public sealed class PipelineNotFoundException : CodePipelineServiceException
{
    public PipelineNotFoundException(string message) : base(message) { }

    public PipelineNotFoundException(string message, Exception? innerException, ErrorType errorType,
        string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>The stage was specified in an invalid format or cannot be found.</summary>
public sealed class StageNotFoundException : CodePipelineServiceException
{
    public StageNotFoundException(string message) : base(message) { }

    public StageNotFoundException(string message, Exception? innerException, ErrorType errorType,
        string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>The specified action cannot be found.</summary>
public sealed class ActionNotFoundException : CodePipelineServiceException
{
    public ActionNotFoundException(string message) : base(message) { }

    public ActionNotFoundException(string message, Exception? innerException, ErrorType errorType,
        string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>The validation was specified in an invalid format.</summary>
public sealed class ValidationException : CodePipelineServiceException
{
    public ValidationException(string message) : base(message) { }

    public ValidationException(string message, Exception? innerException, ErrorType errorType,
        string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>The pipeline execution was specified in an invalid format or cannot be found.</summary>
public sealed class PipelineExecutionNotFoundException : CodePipelineServiceException
{
    public PipelineExecutionNotFoundException(string message) : base(message) { }

    public PipelineExecutionNotFoundException(string message, Exception? innerException, ErrorType errorType,
        string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>The next token was specified in an invalid format.</summary>
public sealed class InvalidNextTokenException : CodePipelineServiceException
{
    public InvalidNextTokenException(string message) : base(message) { }

    public InvalidNextTokenException(string message, Exception? innerException, ErrorType errorType,
        string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>The pipeline version was specified in an invalid format or cannot be found.</summary>
public sealed class PipelineVersionNotFoundException : CodePipelineServiceException
{
    public PipelineVersionNotFoundException(string message) : base(message) { }

    public PipelineVersionNotFoundException(string message, Exception? innerException, ErrorType errorType,
        string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
