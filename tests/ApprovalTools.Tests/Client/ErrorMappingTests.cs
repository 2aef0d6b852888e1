using System.Management.Automation;
using System.Net;
using Amazon.Runtime;
using ApprovalTools.Aws;
using ApprovalTools.Client;
using ApprovalTools.Engine;
using Xunit;

namespace ApprovalTools.Tests.Client;

/// <summary>The error ids and categories service error codes are reported with (README's errors table).</summary>
public class ErrorMappingTests
{
    [Theory]
    [InlineData("InvalidApprovalTokenException", "InvalidApprovalToken", ErrorCategory.InvalidOperation)]
    [InlineData("ApprovalAlreadyCompletedException", "ApprovalAlreadyCompleted", ErrorCategory.InvalidOperation)]
    [InlineData("PipelineNotFoundException", "PipelineNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData("StageNotFoundException", "StageNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData("ActionNotFoundException", "ActionNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData("PipelineExecutionNotFoundException", "PipelineExecutionNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData("PipelineVersionNotFoundException", "PipelineVersionNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData("ValidationException", "Validation", ErrorCategory.InvalidArgument)]
    [InlineData("InvalidNextTokenException", "InvalidNextToken", ErrorCategory.InvalidData)]
    [InlineData("ThrottlingException", "Throttled", ErrorCategory.LimitsExceeded)]
    [InlineData("AccessDeniedException", "AccessDenied", ErrorCategory.PermissionDenied)]
    [InlineData("MissingAuthenticationTokenException", "InvalidCredentials", ErrorCategory.AuthenticationError)]
    [InlineData("InvalidSignatureException", "InvalidCredentials", ErrorCategory.AuthenticationError)]
    [InlineData("ExpiredTokenException", "ExpiredCredentials", ErrorCategory.AuthenticationError)]
    [InlineData("ForbiddenException", "ServiceError", ErrorCategory.NotSpecified)]
    [InlineData("InternalFailure", "ServiceError", ErrorCategory.NotSpecified)]
    [InlineData(null, "ServiceError", ErrorCategory.NotSpecified)]
    public void A_call_error_is_reported_by_its_code(string? code, string id, ErrorCategory category)
    {
        var record = ErrorMapping.ToErrorRecord(CodePipelineServiceException.Create(code, "refused"), "web-api");
        Assert.Equal((id, category), (record.FullyQualifiedErrorId, record.CategoryInfo.Category));
        Assert.Equal("web-api", record.TargetObject);
    }

    [Theory]
    [InlineData("ThrottlingException", HttpStatusCode.BadRequest, true)]
    [InlineData("InternalFailure", HttpStatusCode.InternalServerError, true)]
    [InlineData("PipelineNotFoundException", HttpStatusCode.BadRequest, false)]
    [InlineData("AccessDeniedException", HttpStatusCode.BadRequest, false)]
    public void Only_throttling_and_server_errors_are_transient(string code, HttpStatusCode status, bool transient)
    {
        var e = CodePipelineServiceException.Create(code, "m", statusCode: status);
        Assert.Equal(transient, ErrorMapping.IsTransient(e));
    }

    [Theory]
    [InlineData("AccessDenied", "p", "AccessDenied", ErrorCategory.PermissionDenied)]
    [InlineData("ForbiddenException", "p", "AccessDenied", ErrorCategory.PermissionDenied)]
    [InlineData("InvalidClientTokenId", "p", "InvalidCredentials", ErrorCategory.AuthenticationError)]
    [InlineData("ExpiredToken", null, "ExpiredCredentials", ErrorCategory.AuthenticationError)]
    [InlineData("MissingAuthenticationTokenException", "p", "InvalidProfile", ErrorCategory.AuthenticationError)]
    [InlineData("Throttling", "p", "InvalidProfile", ErrorCategory.AuthenticationError)]
    [InlineData("RegionDisabledException", null, "NoCredentials", ErrorCategory.AuthenticationError)]
    public void A_credential_error_is_reported_by_its_code(string code, string? profile, string id,
        ErrorCategory category)
    {
        var sts = new AmazonServiceException("refused here\nand more", null, ErrorType.Sender, code, "rid",
            HttpStatusCode.Forbidden);
        var e = CredentialFailure.Translate(new AmazonClientException("outer", sts), "the profile 'p'", profile, false);
        Assert.Equal((id, category), (e.ErrorId, e.Category));
        Assert.Equal("Getting credentials from the profile 'p' failed: refused here", e.Message);
    }

    [Fact]
    public void An_unreachable_credential_endpoint_is_EndpointUnreachable()
    {
        var e = CredentialFailure.Translate(new HttpRequestException("refused"), "the EC2 instance profile", null, false);
        Assert.Equal(("EndpointUnreachable", ErrorCategory.ConnectionError), (e.ErrorId, e.Category));
    }

    [Fact]
    public void A_refused_SSO_token_asks_for_a_login()
    {
        var sso = new AmazonServiceException("Session token not found or invalid", null, ErrorType.Sender,
            "UnauthorizedException", "rid", HttpStatusCode.Unauthorized);
        var e = CredentialFailure.Translate(sso, "the profile 'approver'", "approver", true);
        Assert.Equal(("SsoLoginRequired", ErrorCategory.AuthenticationError), (e.ErrorId, e.Category));
        Assert.Contains("Run 'aws sso login --profile approver' and try again.", e.Message);
    }
}
