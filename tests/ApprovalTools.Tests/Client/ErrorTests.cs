using System.Net;
using Amazon.Runtime;
using ApprovalTools.Client;
using Xunit;

namespace ApprovalTools.Tests.Client;

public class ErrorTests
{
    // Only the codes the module catches have a type of their own; the others arrive as the base type with their code.
    public static TheoryData<string, Type> Modeled => new()
    {
        { "InvalidApprovalTokenException", typeof(InvalidApprovalTokenException) },
        { "ApprovalAlreadyCompletedException", typeof(ApprovalAlreadyCompletedException) },
        { "PipelineNotFoundException", typeof(CodePipelineServiceException) },
        { "StageNotFoundException", typeof(CodePipelineServiceException) },
        { "ActionNotFoundException", typeof(CodePipelineServiceException) },
        { "ValidationException", typeof(CodePipelineServiceException) },
        { "PipelineExecutionNotFoundException", typeof(PipelineExecutionNotFoundException) },
        { "InvalidNextTokenException", typeof(CodePipelineServiceException) },
        { "PipelineVersionNotFoundException", typeof(CodePipelineServiceException) },
    };

    [Theory]
    [MemberData(nameof(Modeled))]
    public async Task Modeled_codes_keep_their_code_and_are_not_retried(string code, Type expected)
    {
        var handler = new StubHandler((_, _, _) => Task.FromResult(StubHandler.Error(HttpStatusCode.BadRequest, code, $"{code} happened", "rid-42")));
        using var client = Stub.Client(handler);
        var ex = await Assert.ThrowsAnyAsync<CodePipelineServiceException>(() => client.GetPipelineStateAsync(new GetPipelineStateRequest { Name = "p" }));
        Assert.IsType(expected, ex);
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal($"{code} happened", ex.Message);
        Assert.Equal("rid-42", ex.RequestId);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData("AccessDeniedException", HttpStatusCode.BadRequest)]
    [InlineData("UnrecognizedClientException", HttpStatusCode.BadRequest)]
    [InlineData("InvalidSignatureException", HttpStatusCode.BadRequest)]
    [InlineData("SomethingNewException", HttpStatusCode.Conflict)]
    public async Task Other_codes_become_the_base_type_with_the_code(string code, HttpStatusCode status)
    {
        var handler = new StubHandler((_, _, _) => Task.FromResult(StubHandler.Error(status, code, "nope", "rid-7")));
        using var client = Stub.Client(handler);
        var ex = await Assert.ThrowsAsync<CodePipelineServiceException>(() => client.ListPipelinesAsync(new ListPipelinesRequest()));
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal("nope", ex.Message);
        Assert.Equal("rid-7", ex.RequestId);
        Assert.Equal(status, ex.StatusCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Type_suffix_after_colon_and_plain_type_both_parse()
    {
        var handler = StubHandler.Json((HttpStatusCode.BadRequest,
            """{"__type":"PipelineNotFoundException:http://internal.amazon.com/coral/","Message":"gone"}"""));
        using var client = Stub.Client(handler);
        var ex = await Assert.ThrowsAsync<CodePipelineServiceException>(() => client.GetPipelineAsync(new GetPipelineRequest { Name = "x" }));
        Assert.Equal("PipelineNotFoundException", ex.ErrorCode);
    }

    [Fact]
    public async Task Throttling_is_absorbed_by_the_pacer_then_succeeds()
    {
        var handler = new StubHandler((_, i, _) => Task.FromResult(i == 0
            ? StubHandler.Error(HttpStatusCode.BadRequest, "ThrottlingException", "Rate exceeded")
            : StubHandler.Reply(HttpStatusCode.OK, """{"pipelines":[{"name":"web-api"}]}""")));
        using var client = Stub.Client(handler);
        var r = await client.ListPipelinesAsync(new ListPipelinesRequest());
        Assert.Equal("web-api", Assert.Single(r.Pipelines).Name);
        Assert.Equal(2, handler.Requests.Count);
        // The session is paced from now on; the throttle cost none of standard mode's attempts.
        Assert.True(client.Pacer.Rate < double.PositiveInfinity);
        Assert.Contains("attempt=1", handler.Requests[1].Header("amz-sdk-request"));
    }

    [Fact]
    public async Task Server_errors_are_retried_by_the_sdk()
    {
        var handler = new StubHandler((_, i, _) => Task.FromResult(i switch
        {
            0 => StubHandler.Error(HttpStatusCode.InternalServerError, "InternalFailure", "boom"),
            1 => StubHandler.Reply(HttpStatusCode.ServiceUnavailable, ""),
            _ => StubHandler.Reply(HttpStatusCode.OK, """{"approvedAt":1700000000}"""),
        }));
        using var client = Stub.Client(handler);
        var r = await client.PutApprovalResultAsync(new PutApprovalResultRequest());
        Assert.NotNull(r.ApprovedAt);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task Persistent_throttling_surfaces_past_the_ceiling()
    {
        var handler = new StubHandler((_, _, _) => Task.FromResult(StubHandler.Error(HttpStatusCode.BadRequest, "ThrottlingException", "Rate exceeded", "rid-t")));
        using var client = Stub.Client(handler, c => c.MaxErrorRetry = 2);
        client.ThrottleCeiling = TimeSpan.FromSeconds(1.5);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<ThrottledTooLongException>(() => client.ListPipelinesAsync(new ListPipelinesRequest()));
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.4, 10);
        Assert.Equal("ThrottlingException", ex.ErrorCode);
        Assert.Equal("rid-t", ex.RequestId);
        Assert.Contains("throttled every request for 1.5 seconds without letting one through (Rate exceeded)", ex.Message);
        Assert.True(handler.Requests.Count >= 2);
    }

    [Fact]
    public async Task Error_without_json_body_still_maps()
    {
        var handler = StubHandler.Json((HttpStatusCode.Forbidden, ""));
        using var client = Stub.Client(handler);
        var ex = await Assert.ThrowsAsync<CodePipelineServiceException>(() => client.ListPipelinesAsync(new ListPipelinesRequest()));
        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Equal("req-1234", ex.RequestId);
    }

    [Fact]
    public async Task Exceptions_never_carry_the_secret_key()
    {
        // The real service echoes the string-to-sign on a signature mismatch; make sure nothing of ours adds more.
        var handler = new StubHandler((_, _, _) => Task.FromResult(StubHandler.Error(HttpStatusCode.BadRequest, "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided.")));
        using var client = Stub.Client(handler);
        var ex = await Assert.ThrowsAsync<CodePipelineServiceException>(() => client.ListPipelinesAsync(new ListPipelinesRequest()));
        Assert.Equal("InvalidSignatureException", ex.ErrorCode);
        Assert.DoesNotContain(Stub.SecretKey, ex.ToString());
        Assert.DoesNotContain(Stub.SecretKey, ex.Message);
    }

    [Fact]
    public void Create_is_usable_for_mocks()
    {
        var ex = CodePipelineServiceException.Create("StageNotFoundException", "no stage");
        Assert.IsType<CodePipelineServiceException>(ex);
        Assert.IsAssignableFrom<AmazonServiceException>(ex);
        Assert.Equal("StageNotFoundException", ex.ErrorCode);
        Assert.IsType<InvalidApprovalTokenException>(CodePipelineServiceException.Create("InvalidApprovalTokenException", "gone"));
        Assert.IsType<CodePipelineServiceException>(CodePipelineServiceException.Create("AccessDeniedException", "no"));
    }
}
