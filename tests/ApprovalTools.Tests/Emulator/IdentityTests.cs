using System.Net;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Amazon.SSO;
using Amazon.SSO.Model;
using ApprovalTools.Client;
using Xunit;

namespace ApprovalTools.Tests.Emulator;

/// <summary>The emulator's STS AssumeRole and SSO GetRoleCredentials, driven by the AWS SDK's own clients.</summary>
public sealed class IdentityTests
{
    private static AmazonSecurityTokenServiceClient Sts(Harness h, string secret = "approvaltools-local-secret") =>
        new(new BasicAWSCredentials("AKIDAPPROVALTOOLS", secret),
            new AmazonSecurityTokenServiceConfig { ServiceURL = new Uri(h.Server.Url, "sts").ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    private static AmazonSSOClient Sso(Harness h) =>
        new(new AnonymousAWSCredentials(), new AmazonSSOConfig { ServiceURL = new Uri(h.Server.Url, "sso").ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    private static CodePipelineClient CodePipeline(Harness h, AWSCredentials credentials) =>
        new(credentials, new CodePipelineClientConfig { ServiceURL = h.Server.Url.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    [Fact]
    public async Task AssumeRole_issues_credentials_that_CodePipeline_accepts_and_records_the_caller()
    {
        await using var h = await Harness.StartAsync();
        using var sts = Sts(h);
        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = "arn:aws:iam::123456789012:role/Deployer", RoleSessionName = "ci-run-42", DurationSeconds = 900,
        });

        var c = assumed.Credentials;
        Assert.Matches("^ASIA[A-Z2-7]{16}$", c.AccessKeyId);
        Assert.False(string.IsNullOrEmpty(c.SessionToken));
        Assert.InRange((c.Expiration!.Value.ToUniversalTime() - DateTime.UtcNow).TotalMinutes, 14, 16);
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/Deployer/ci-run-42", assumed.AssumedRoleUser.Arn);

        using var cp = CodePipeline(h, new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken));
        await cp.ListPipelinesAsync(new ListPipelinesRequest());
        Assert.Equal(c.AccessKeyId, h.State.Calls().Single(x => x.Operation == "ListPipelines").AccessKeyId);

        // Without the session token the issued key is refused: it is temporary.
        using var noToken = CodePipeline(h, new BasicAWSCredentials(c.AccessKeyId, c.SecretAccessKey));
        var refused = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => noToken.ListPipelinesAsync(new ListPipelinesRequest()));
        Assert.Equal("UnrecognizedClientException", refused.ErrorCode);

        var issued = await h.ControlJsonAsync(HttpMethod.Get, "/_emulator/identity/issued");
        var entry = issued.AsArray().Single()!;
        Assert.Equal((c.AccessKeyId, "AssumeRole", "AKIDAPPROVALTOOLS", "ci-run-42"),
            ((string)entry["accessKeyId"]!, (string)entry["source"]!, (string)entry["callerAccessKeyId"]!, (string)entry["sessionName"]!));
    }

    [Theory]
    [InlineData("wrong-secret", "arn:aws:iam::123456789012:role/Deployer", "SignatureDoesNotMatch", HttpStatusCode.Forbidden)]
    [InlineData("approvaltools-local-secret", "not-an-arn", "ValidationError", HttpStatusCode.BadRequest)]
    public async Task AssumeRole_refuses_like_STS(string secret, string roleArn, string code, HttpStatusCode status)
    {
        await using var h = await Harness.StartAsync();
        using var sts = Sts(h, secret);
        var e = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "s1" }));
        Assert.Equal((code, status), (e.ErrorCode, e.StatusCode));
        Assert.Empty((await h.ControlJsonAsync(HttpMethod.Get, "/_emulator/identity/issued")).AsArray());
    }

    [Fact]
    public async Task GetRoleCredentials_takes_only_registered_tokens_and_issues_working_credentials()
    {
        await using var h = await Harness.StartAsync();
        using var sso = Sso(h);
        var request = new GetRoleCredentialsRequest { AccessToken = "token-1", AccountId = "111122223333", RoleName = "Approver" };

        var unknown = await Assert.ThrowsAsync<UnauthorizedException>(() => sso.GetRoleCredentialsAsync(request));
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);

        await h.ControlJsonAsync(HttpMethod.Put, "/_emulator/identity/sso-tokens/token-1");
        var role = (await sso.GetRoleCredentialsAsync(request)).RoleCredentials;
        Assert.Matches("^ASIA", role.AccessKeyId);
        Assert.InRange(DateTimeOffset.FromUnixTimeMilliseconds(role.Expiration!.Value) - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));

        using var cp = CodePipeline(h, new SessionAWSCredentials(role.AccessKeyId, role.SecretAccessKey, role.SessionToken));
        await cp.ListPipelinesAsync(new ListPipelinesRequest());
        Assert.Equal(role.AccessKeyId, h.State.Calls().Single().AccessKeyId);
        var entry = (await h.ControlJsonAsync(HttpMethod.Get, "/_emulator/identity/issued")).AsArray().Single()!;
        Assert.Equal("arn:aws:iam::111122223333:role/Approver", (string)entry["roleArn"]!);
    }
}
