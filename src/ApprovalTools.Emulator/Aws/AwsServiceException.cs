namespace ApprovalTools.Emulator.Aws;

/// <summary>An error the service answers with: {"__type": Code, "message": Message} and an HTTP status.</summary>
internal sealed class AwsServiceException(string code, string message, int statusCode = 400) : Exception(message)
{
    public string Code { get; } = code;
    public int StatusCode { get; } = statusCode;
}

/// <summary>The service's errors, worded as the service words them.</summary>
internal static class AwsErrors
{
    public static AwsServiceException MissingAuthenticationToken() =>
        new("MissingAuthenticationTokenException", "Missing Authentication Token");

    public static AwsServiceException UnrecognizedClient() =>
        new("UnrecognizedClientException", "The security token included in the request is invalid.");

    public static AwsServiceException InvalidSignature(string? detail = null) =>
        new("InvalidSignatureException", detail ??
            "The request signature we calculated does not match the signature you provided. " +
            "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");

    public static AwsServiceException IncompleteSignature(string message) =>
        new("IncompleteSignatureException", message);

    public static AwsServiceException UnknownOperation(string? target) =>
        new("UnknownOperationException", target is null ? "Missing X-Amz-Target header"
            : $"Unknown operation {target}");

    public static AwsServiceException Serialization(string message) => new("SerializationException", message);

    public static AwsServiceException Validation(string message) => new("ValidationException", message);

    public static AwsServiceException Throttling() => new("ThrottlingException", "Rate exceeded");

    public static AwsServiceException ServerFault(int status) => status == 503
        ? new("ServiceUnavailableException", "Service is temporarily unavailable. Please try again later.", 503)
        : new("InternalFailure",
            "The request processing has failed because of an unknown error, exception or failure.", 500);

    public static AwsServiceException PipelineNotFound(string name) =>
        new("PipelineNotFoundException", $"Account '{AwsAccount.Id}' does not have a pipeline with name '{name}'");

    public static AwsServiceException PipelineVersionNotFound(string name, long version) =>
        new("PipelineVersionNotFoundException", $"Pipeline '{name}' does not have a version '{version}'");

    public static AwsServiceException PipelineExecutionNotFound(string name, string id) =>
        new("PipelineExecutionNotFoundException",
            $"Pipeline execution with id '{id}' does not exist in pipeline with name '{name}'.");

    public static AwsServiceException StageNotFound(string pipeline, string stage) =>
        new("StageNotFoundException", $"Stage '{stage}' does not exist in pipeline '{pipeline}'");

    public static AwsServiceException ActionNotFound(string pipeline, string stage, string action) =>
        new("ActionNotFoundException", $"Action '{action}' does not exist in stage '{stage}' of pipeline '{pipeline}'");

    public static AwsServiceException InvalidApprovalToken(string pipeline, string stage, string action) =>
        new("InvalidApprovalTokenException",
            $"The token was invalid for the approval action '{action}' in stage '{stage}' of pipeline '{pipeline}'. " +
            "The approval request may have expired, been superseded, or already been answered for a different " +
                "execution.");

    public static AwsServiceException ApprovalAlreadyCompleted(string pipeline, string stage, string action) =>
        new("ApprovalAlreadyCompletedException",
            $"The approval action '{action}' in stage '{stage}' of pipeline '{pipeline}' has already been completed.");

    public static AwsServiceException NotStoppable(string id) =>
        new("PipelineExecutionNotStoppableException",
            $"Unable to stop pipeline execution '{id}': it is not in progress.");

    public static AwsServiceException DuplicatedStop(string id) =>
        new("DuplicatedStopRequestException", $"Pipeline execution '{id}' is already being stopped.");

    public static AwsServiceException StageNotRetryable(string pipeline, string stage) =>
        new("StageNotRetryableException",
            $"Stage '{stage}' of pipeline '{pipeline}' cannot be retried: it has not failed in this execution.");

    public static AwsServiceException NotLatestExecution(string pipeline, string stage, string id) =>
        new("NotLatestPipelineExecutionException",
            $"Pipeline execution '{id}' is not the latest execution in stage '{stage}' of pipeline '{pipeline}'.");

    public static AwsServiceException AccessDenied(string callerArn, string operation, string resource) =>
        new("AccessDeniedException",
            $"User: {callerArn} is not authorized to perform: codepipeline:{operation} on resource: {resource} " +
            $"because no identity-based policy allows the codepipeline:{operation} action");

    public static AwsServiceException InvalidNextToken() =>
        new("InvalidNextTokenException", "The next token was specified in an invalid format. Make sure that the next " +
            "token you provide is the token returned by a previous call.");
}
