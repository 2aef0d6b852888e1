using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ApprovalTools.Emulator.Aws;
using Microsoft.AspNetCore.WebUtilities;

namespace ApprovalTools.Emulator.Identity;

/// <summary>
/// STS AssumeRole in the query protocol (form-encoded POST, XML answer), SigV4-verified for the service "sts" against
/// the emulator's credential store: the source profile's keys must be ones the emulator knows.
/// </summary>
internal sealed partial class StsEndpoint(IdentityEndpoints identity)
{
    private static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";
    private readonly SigV4Verifier _verifier = new(identity.State.CredentialStore, "sts");

    [GeneratedRegex(@"^arn:aws[\w-]*:iam::(\d{12}):role/(?:[\w+=,.@-]+/)*([\w+=,.@-]{1,64})$")]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    private static partial Regex SessionNamePattern();

    public async Task HandleAsync(HttpContext http)
    {
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            body = buffer.ToArray();
        }
        try
        {
            var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
            string? Field(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;

            var caller = Verify(http.Request, body);
            if (Field("Action") != "AssumeRole")
                throw new AwsServiceException("InvalidAction",
                    $"Could not find operation {Field("Action")} for version {Field("Version")}");
            var roleArn = Field("RoleArn") ?? "";
            var sessionName = Field("RoleSessionName") ?? "";
            var match = RoleArnPattern().Match(roleArn);
            if (!match.Success) throw new AwsServiceException("ValidationError", $"{roleArn} is invalid");
            if (!SessionNamePattern().IsMatch(sessionName))
                throw new AwsServiceException("ValidationError",
                    "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member " +
                    "must satisfy regular expression pattern: [\\w+=,.@-]*");
            var seconds = int.TryParse(Field("DurationSeconds"), NumberStyles.None, CultureInfo.InvariantCulture,
                out var d) ? d : 3600;
            if (seconds is < 900 or > 43200)
                throw new AwsServiceException("ValidationError",
                    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");

            var (account, role) = (match.Groups[1].Value, match.Groups[2].Value);
            var sessionArn = $"arn:aws:sts::{account}:assumed-role/{role}/{sessionName}";
            var (accessKeyId, secret, token, expiration) = identity.Issue("AssumeRole", roleArn, sessionName,
                caller.AccessKeyId, TimeSpan.FromSeconds(seconds), sessionArn);
            await WriteAsync(http, 200, new XElement(Ns + "AssumeRoleResponse",
                new XElement(Ns + "AssumeRoleResult",
                    new XElement(Ns + "Credentials",
                        new XElement(Ns + "AccessKeyId", accessKeyId),
                        new XElement(Ns + "SecretAccessKey", secret),
                        new XElement(Ns + "SessionToken", token),
                        new XElement(Ns + "Expiration", expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'",
                            CultureInfo.InvariantCulture))),
                    new XElement(Ns + "AssumedRoleUser",
                        new XElement(Ns + "AssumedRoleId", $"AROA{accessKeyId[4..]}:{sessionName}"),
                        new XElement(Ns + "Arn", sessionArn))),
                Metadata()));
        }
        catch (AwsServiceException e)
        {
            var status = e.Code is "InvalidClientTokenId" or "SignatureDoesNotMatch" or "IncompleteSignature" or
                "MissingAuthenticationToken" or "AccessDenied" ? 403 : 400;
            await WriteAsync(http, status, new XElement(Ns + "ErrorResponse",
                new XElement(Ns + "Error",
                    new XElement(Ns + "Type", "Sender"),
                    new XElement(Ns + "Code", e.Code),
                    new XElement(Ns + "Message", e.Message)),
                new XElement(Ns + "RequestId", Guid.NewGuid().ToString())));
        }
    }

    // The CodePipeline verifier's errors, under the names STS gives them.
    private CallerIdentity Verify(HttpRequest request, byte[] body)
    {
        try { return _verifier.Verify(request, body, identity.State.RealNow); }
        catch (AwsServiceException e)
        {
            throw e.Code switch
            {
                "UnrecognizedClientException" => new AwsServiceException("InvalidClientTokenId",
                    "The security token included in the request is invalid."),
                "InvalidSignatureException" => new AwsServiceException("SignatureDoesNotMatch", e.Message),
                "MissingAuthenticationTokenException" => new AwsServiceException("MissingAuthenticationToken",
                    "Request is missing Authentication Token"),
                "IncompleteSignatureException" => new AwsServiceException("IncompleteSignature", e.Message),
                _ => e,
            };
        }
    }

    private static XElement Metadata() => new(Ns + "ResponseMetadata", new XElement(Ns + "RequestId",
        Guid.NewGuid().ToString()));

    private static async Task WriteAsync(HttpContext http, int status, XElement root)
    {
        var bytes = Encoding.UTF8.GetBytes(new XDocument(root).ToString(SaveOptions.DisableFormatting));
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/xml";
        http.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
    }
}
