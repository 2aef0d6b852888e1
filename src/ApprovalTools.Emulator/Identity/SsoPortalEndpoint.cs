using System.Text.RegularExpressions;

namespace ApprovalTools.Emulator.Identity;

/// <summary>
/// The IAM Identity Center portal's GetRoleCredentials (REST-JSON): GET /federation/credentials?role_name=&amp;account_id=
/// with the access token from `aws sso login` in the x-amz-sso_bearer_token header. Not SigV4-signed; the token is
/// checked against those registered through the control surface.
/// </summary>
internal sealed partial class SsoPortalEndpoint(IdentityEndpoints identity)
{
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

        var (accessKeyId, secret, sessionToken, expiration) = identity.Issue("GetRoleCredentials",
            $"arn:aws:iam::{account}:role/{role}", null, null, TimeSpan.FromHours(1));
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
