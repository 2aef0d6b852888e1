using System;
using System.Management.Automation;
using System.Net.Http;
using Amazon.Runtime;
using ApprovalTools.Client;

namespace ApprovalTools.Engine;

/// <summary>One documented FullyQualifiedErrorId and category per cause of failure.</summary>
internal static class ErrorMapping
{
    /// <summary>Where a service's error code came from.</summary>
    [Flags]
    internal enum Origin
    {
        /// <summary>A CodePipeline call.</summary>
        Call = 1,

        /// <summary>Getting credentials: STS (AssumeRole, web identity), the SSO portal.</summary>
        Credentials = 2,

        /// <summary>Either.</summary>
        Any = Call | Credentials,
    }

    // The one table of service error codes: the id and category each is reported with, and where it means that.
    // A code not listed is a ServiceError from a call, and from credentials the failure of the source that was tried.
    private static (string Id, ErrorCategory Category, Origin Where)? Row(string? code) => code switch
    {
        "InvalidApprovalTokenException" => ("InvalidApprovalToken", ErrorCategory.InvalidOperation, Origin.Call),
        "ApprovalAlreadyCompletedException"
            => ("ApprovalAlreadyCompleted", ErrorCategory.InvalidOperation, Origin.Call),
        "PipelineNotFoundException" => ("PipelineNotFound", ErrorCategory.ObjectNotFound, Origin.Call),
        "StageNotFoundException" => ("StageNotFound", ErrorCategory.ObjectNotFound, Origin.Call),
        "ActionNotFoundException" => ("ActionNotFound", ErrorCategory.ObjectNotFound, Origin.Call),
        "PipelineExecutionNotFoundException"
            => ("PipelineExecutionNotFound", ErrorCategory.ObjectNotFound, Origin.Call),
        "PipelineVersionNotFoundException" => ("PipelineVersionNotFound", ErrorCategory.ObjectNotFound, Origin.Call),
        "ValidationException" => ("Validation", ErrorCategory.InvalidArgument, Origin.Call),
        "InvalidNextTokenException" => ("InvalidNextToken", ErrorCategory.InvalidData, Origin.Call),
        "ThrottlingException" or "Throttling" or "TooManyRequestsException" or "RequestLimitExceeded"
            => ("Throttled", ErrorCategory.LimitsExceeded, Origin.Call),
        "AccessDeniedException" or "AccessDenied" => ("AccessDenied", ErrorCategory.PermissionDenied, Origin.Any),
        // The SSO portal refusing GetRoleCredentials.
        "ForbiddenException" => ("AccessDenied", ErrorCategory.PermissionDenied, Origin.Credentials),
        "UnrecognizedClientException" or "InvalidSignatureException" or "InvalidClientTokenId"
            or "SignatureDoesNotMatch" => ("InvalidCredentials", ErrorCategory.AuthenticationError, Origin.Any),
        // The AWS front end, for a request without a signature.
        "MissingAuthenticationTokenException"
            => ("InvalidCredentials", ErrorCategory.AuthenticationError, Origin.Call),
        "ExpiredTokenException" or "ExpiredToken"
            => ("ExpiredCredentials", ErrorCategory.AuthenticationError, Origin.Any),
        _ => null,
    };

    /// <summary>
    /// The id and category a service's error <paramref name="code"/> from <paramref name="origin"/> is reported
    /// with; null when the code names no cause of its own there.
    /// </summary>
    public static (string Id, ErrorCategory Category)? ForCode(string? code, Origin origin) =>
        Row(code) is { } row && (row.Where & origin) != 0 ? (row.Id, row.Category) : null;

    /// <summary>The error record of <paramref name="e"/>: its documented id and category.</summary>
    public static ErrorRecord ToErrorRecord(Exception e, object? target)
    {
        var (id, category) = e switch
        {
            ApprovalToolsException a => (a.ErrorId, a.Category),
            AmazonServiceException s
                => ForCode(s.ErrorCode, Origin.Call) ?? ("ServiceError", ErrorCategory.NotSpecified),
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

    /// <summary>
    /// True for a failure that can pass by itself: throttling, a server error (5xx), a timeout, a connection error.
    /// Not for what only the caller can fix: a missing pipeline, refused credentials, access denied, bad input.
    /// </summary>
    public static bool IsTransient(Exception e) => e switch
    {
        ApprovalToolsException a => a.ErrorId is "EndpointTimeout" or "EndpointUnreachable",
        AmazonServiceException s => s.StatusCode >= System.Net.HttpStatusCode.InternalServerError
            || ForCode(s.ErrorCode, Origin.Call)?.Id == "Throttled",
        _ => ToErrorRecord(e, null).FullyQualifiedErrorId is "EndpointTimeout" or "EndpointUnreachable",
    };

    /// <summary>An error record of the module's own, with no exception behind it but its message.</summary>
    public static ErrorRecord Create(string id, ErrorCategory category, string message, object? target)
        => new(new InvalidOperationException(message), id, category, target);
}
