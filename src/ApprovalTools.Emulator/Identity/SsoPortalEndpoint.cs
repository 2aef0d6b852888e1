using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ApprovalTools.Emulator.Identity;

/// <summary>
/// The IAM Identity Center portal's GetRoleCredentials (REST-JSON): GET
/// /federation/credentials?role_name=&amp;account_id=
/// with the access token from `aws sso login` in the x-amz-sso_bearer_token header. Not SigV4-signed; the token is
/// checked against those registered through the control surface.
/// </summary>
internal sealed partial class SsoPortalEndpoint(IdentityEndpoints identity)
{
    /// <summary>The Identity Center user every portal token belongs to.</summary>
    public const string SsoUserName = "approvaltools-local";

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountPattern();

    public IResult Handle(HttpContext http)
    {
        var query = http.Request.Query;
        var role = query["role_name"].ToString();
        var account = query["account_id"].ToString();
        var token = http.Request.Headers["x-amz-sso_bearer_token"].ToString();

        if (role.Length == 0 || !AccountPattern().IsMatch(account))
            return Error(400, "InvalidRequestException", "role_name and a 12-digit account_id are required.");
        if (token.Length == 0 || !identity.IsValidSsoToken(token))
            return Error(401, "UnauthorizedException", "Session token not found or invalid");

        // As IAM Identity Center names the role it creates for a permission set, and the session after the user.
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(role)))[..16].ToLowerInvariant();
        var sessionArn = $"arn:aws:sts::{account}:assumed-role/AWSReservedSSO_{role}_{hash}/{SsoUserName}";
        var (accessKeyId, secret, sessionToken, expiration) = identity.Issue("GetRoleCredentials",
            $"arn:aws:iam::{account}:role/{role}", null, null, TimeSpan.FromHours(1), sessionArn);
        return Results.Json(new
        {
            roleCredentials = new
            {
                accessKeyId,
                secretAccessKey = secret,
                sessionToken,
                expiration = expiration.ToUnixTimeMilliseconds(),
            },
        });
    }

    private static IResult Error(int status, string type, string message) => new ErrorResult(status, type, message);

    // REST-JSON errors carry their type in a header as well as the message in the body.
    private sealed class ErrorResult(int status, string type, string message) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers["x-amzn-ErrorType"] = type;
            http.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
            return Results.Json(new { message }, statusCode: status).ExecuteAsync(http);
        }
    }
}
