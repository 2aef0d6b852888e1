using System;
using System.Management.Automation;
using System.Net.Http;
using Amazon.Runtime;
using ApprovalTools.Client;

namespace ApprovalTools.Engine;

/// <summary>One documented FullyQualifiedErrorId and category per cause of failure.</summary>
internal static class ErrorMapping
{
    public static ErrorRecord ToErrorRecord(Exception e, object? target)
    {
        var (id, category) = e switch
        {
            ApprovalToolsException a => (a.ErrorId, a.Category),
            InvalidApprovalTokenException => ("InvalidApprovalToken", ErrorCategory.InvalidOperation),
            ApprovalAlreadyCompletedException => ("ApprovalAlreadyCompleted", ErrorCategory.InvalidOperation),
            PipelineNotFoundException => ("PipelineNotFound", ErrorCategory.ObjectNotFound),
            StageNotFoundException => ("StageNotFound", ErrorCategory.ObjectNotFound),
            ActionNotFoundException => ("ActionNotFound", ErrorCategory.ObjectNotFound),
            PipelineExecutionNotFoundException => ("PipelineExecutionNotFound", ErrorCategory.ObjectNotFound),
            PipelineVersionNotFoundException => ("PipelineVersionNotFound", ErrorCategory.ObjectNotFound),
            ValidationException => ("Validation", ErrorCategory.InvalidArgument),
            InvalidNextTokenException => ("InvalidNextToken", ErrorCategory.InvalidData),
            AmazonServiceException s => ServiceCode(s.ErrorCode),
            // A call's deadline passed, or HttpClient's own timeout (TaskCanceledException) ended its last attempt.
            EndpointTimeoutException or TimeoutException or OperationCanceledException
                => ("EndpointTimeout", ErrorCategory.OperationTimeout),
            WildcardPatternException => ("InvalidWildcardPattern", ErrorCategory.InvalidArgument),
            AmazonClientException or HttpRequestException or System.Net.WebException or System.IO.IOException
                => ("EndpointUnreachable", ErrorCategory.ConnectionError),
            _ => ("UnexpectedError", ErrorCategory.NotSpecified),
        };
        return new ErrorRecord(e, id, category, target);
    }

    private static (string, ErrorCategory) ServiceCode(string? code) => code switch
    {
        "ThrottlingException" or "Throttling" or "TooManyRequestsException" or "RequestLimitExceeded"
            => ("Throttled", ErrorCategory.LimitsExceeded),
        "AccessDeniedException" or "AccessDenied" => ("AccessDenied", ErrorCategory.PermissionDenied),
        "UnrecognizedClientException" or "InvalidSignatureException" or "MissingAuthenticationTokenException"
            or "InvalidClientTokenId" or "SignatureDoesNotMatch" => ("InvalidCredentials", ErrorCategory.AuthenticationError),
        "ExpiredTokenException" or "ExpiredToken" => ("ExpiredCredentials", ErrorCategory.AuthenticationError),
        _ => ("ServiceError", ErrorCategory.NotSpecified),
    };

    /// <summary>
    /// True for a failure that can pass by itself: throttling, a server error (5xx), a timeout, a connection error.
    /// Not for what only the caller can fix: a missing pipeline, refused credentials, access denied, bad input.
    /// </summary>
    public static bool IsTransient(Exception e) => e switch
    {
        ApprovalToolsException a => a.ErrorId is "EndpointTimeout" or "EndpointUnreachable",
        AmazonServiceException s => s.StatusCode >= System.Net.HttpStatusCode.InternalServerError
            || ServiceCode(s.ErrorCode).Item1 == "Throttled",
        _ => ToErrorRecord(e, null).FullyQualifiedErrorId is "EndpointTimeout" or "EndpointUnreachable",
    };

    public static ErrorRecord Create(string id, ErrorCategory category, string message, object? target)
        => new(new InvalidOperationException(message), id, category, target);
}
