using System.Text.RegularExpressions;
using Xunit;

namespace ApprovalTools.Tests.Emulator;

/// <summary>Authentication on the AWS path, with the test-side signer.</summary>
public sealed class SigV4Tests
{
    private const string SignatureMismatch = "The request signature we calculated does not match the signature you provided. " +
        "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    [Fact]
    public async Task A_correctly_signed_request_succeeds_with_awsJson_headers()
    {
        await using var h = await Harness.StartAsync();
        var response = await h.Aws.CallAsync("ListPipelines");
        Assert.Equal(200, response.Status);
        Assert.Equal("application/x-amz-json-1.1", response.ContentHeaders.ContentType!.MediaType);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", response.Headers.GetValues("x-amzn-RequestId").Single());
        // Timestamps are epoch seconds with a millisecond fraction, as JSON numbers.
        Assert.Matches(new Regex("\"created\":\\d{10}\\.\\d{3}[,}]"), response.Body);
    }

    [Fact]
    public async Task Missing_authorization_is_MissingAuthenticationToken()
    {
        await using var h = await Harness.StartAsync();
        var response = await h.Aws.SendAsync("ListPipelines", "{}", sign: false);
        Assert.Equal((400, "MissingAuthenticationTokenException", "Missing Authentication Token"), (response.Status, response.ErrorType, response.Message));
        Assert.Single(response.Headers.GetValues("x-amzn-RequestId"));
        Assert.Equal("application/x-amz-json-1.1", response.ContentHeaders.ContentType!.MediaType);
    }

    [Fact]
    public async Task Unknown_access_key_is_UnrecognizedClient()
    {
        await using var h = await Harness.StartAsync();
        h.Aws.AccessKeyId = "AKIDSOMEONEELSE";
        var response = await h.Aws.CallAsync("ListPipelines");
        Assert.Equal((400, "UnrecognizedClientException", "The security token included in the request is invalid."),
            (response.Status, response.ErrorType, response.Message));
        Assert.Equal("AKIDSOMEONEELSE", Assert.Single(h.State.Calls()).AccessKeyId);
    }

    [Fact]
    public async Task Wrong_secret_or_altered_body_is_InvalidSignature()
    {
        await using var h = await Harness.StartAsync();
        h.Aws.SecretAccessKey = "wrong";
        var wrongSecret = await h.Aws.CallAsync("ListPipelines");
        Assert.Equal((400, "InvalidSignatureException", SignatureMismatch), (wrongSecret.Status, wrongSecret.ErrorType, wrongSecret.Message));

        h.Aws.SecretAccessKey = ApprovalTools.Emulator.EmulatorOptions.DefaultSecretAccessKey;
        var altered = await h.Aws.SendAsync("GetPipelineState", "{\"name\":\"web-api\"}",
            afterSigning: r => r.Content = new StringContent("{\"name\":\"web-frontend\"}", null, "application/x-amz-json-1.1"));
        Assert.Equal("InvalidSignatureException", altered.ErrorType);

        var retargeted = await h.Aws.SendAsync("ListPipelines", "{}",
            afterSigning: r => { r.Headers.Remove("X-Amz-Target"); r.Headers.Add("X-Amz-Target", "CodePipeline_20150709.GetPipeline"); });
        Assert.Equal("InvalidSignatureException", retargeted.ErrorType);
    }

    [Fact]
    public async Task Credential_scope_must_name_the_service_and_the_signing_date()
    {
        await using var h = await Harness.StartAsync();
        var wrongService = await h.Aws.SendAsync("ListPipelines", "{}", service: "codebuild");
        Assert.Equal("InvalidSignatureException", wrongService.ErrorType);
        Assert.Contains("'codepipeline'", wrongService.Message);

        var wrongDate = await h.Aws.SendAsync("ListPipelines", "{}", scopeDate: "20200101");
        Assert.Equal("InvalidSignatureException", wrongDate.ErrorType);
        Assert.Contains("Date in Credential scope does not match", wrongDate.Message);

        var expired = await h.Aws.SendAsync("ListPipelines", "{}", signedAt: DateTimeOffset.UtcNow.AddMinutes(-20));
        Assert.Equal("InvalidSignatureException", expired.ErrorType);
        Assert.StartsWith("Signature expired", expired.Message);
    }

    [Fact]
    public async Task Any_region_is_accepted_and_shows_in_the_pipeline_arn()
    {
        await using var h = await Harness.StartAsync();
        h.Aws.Region = "ap-southeast-2";
        var pipeline = await h.OkAsync("GetPipeline", new { name = "web-frontend" });
        Assert.Equal("arn:aws:codepipeline:ap-southeast-2:123456789012:web-frontend", (string)pipeline["metadata"]!["pipelineArn"]!);
    }

    [Fact]
    public async Task Extra_sdk_headers_are_verified_exactly_as_listed_in_SignedHeaders()
    {
        await using var h = await Harness.StartAsync();
        // What AWSSDK.Core adds and signs; the user agent is sent but not signed.
        var response = await h.Aws.SendAsync("ListPipelines", "{}",
            beforeSigning: r =>
            {
                r.Headers.TryAddWithoutValidation("amz-sdk-invocation-id", Guid.NewGuid().ToString());
                r.Headers.TryAddWithoutValidation("amz-sdk-request", "attempt=1; max=5");
                r.Headers.TryAddWithoutValidation("X-Amz-Content-SHA256", "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
            },
            afterSigning: r => r.Headers.UserAgent.ParseAdd("aws-sdk-dotnet-coreclr/4.1.0"));
        Assert.True(response.Status == 200, response.Body);

        var tampered = await h.Aws.SendAsync("ListPipelines", "{}",
            beforeSigning: r => r.Headers.TryAddWithoutValidation("amz-sdk-request", "attempt=1; max=5"),
            afterSigning: r => { r.Headers.Remove("amz-sdk-request"); r.Headers.TryAddWithoutValidation("amz-sdk-request", "attempt=2; max=5"); });
        Assert.Equal("InvalidSignatureException", tampered.ErrorType);
    }

    [Fact]
    public async Task A_key_registered_with_a_session_token_requires_that_token()
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCredential("ASIATEMPORARY", "temporary-secret", "session-token-value");
        h.Aws.AccessKeyId = "ASIATEMPORARY";
        h.Aws.SecretAccessKey = "temporary-secret";

        h.Aws.SessionToken = "session-token-value";
        Assert.Equal(200, (await h.Aws.CallAsync("ListPipelines")).Status);

        h.Aws.SessionToken = null;
        Assert.Equal("UnrecognizedClientException", (await h.Aws.CallAsync("ListPipelines")).ErrorType);

        h.Aws.SessionToken = "some-other-token";
        Assert.Equal("UnrecognizedClientException", (await h.Aws.CallAsync("ListPipelines")).ErrorType);
    }

    [Fact]
    public async Task Credentials_added_through_the_control_surface_are_accepted()
    {
        await using var h = await Harness.StartAsync();
        h.Aws.AccessKeyId = "AKIDSECONDUSER";
        h.Aws.SecretAccessKey = "second-secret";
        Assert.Equal("UnrecognizedClientException", (await h.Aws.CallAsync("ListPipelines")).ErrorType);

        await h.ControlJsonAsync(HttpMethod.Put, "/_emulator/credentials",
            new { accessKeyId = "AKIDSECONDUSER", secretAccessKey = "second-secret", sessionToken = (string?)null });
        Assert.Equal(200, (await h.Aws.CallAsync("ListPipelines")).Status);
    }
}
