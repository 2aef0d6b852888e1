using System.Net;
using System.Text.Json;
using ApprovalTools.Client;
using Xunit;

namespace ApprovalTools.Tests.Client;

public class MarshallingTests
{
    private static async Task<SentRequest> Send(Func<CodePipelineClient, Task> call, string responseBody = "{}")
    {
        var handler = StubHandler.Json((HttpStatusCode.OK, responseBody));
        using var client = Stub.Client(handler);
        await call(client);
        return Assert.Single(handler.Requests);
    }

    private static void AssertJson(string expected, string actual) =>
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(expected).RootElement, JsonDocument.Parse(actual).RootElement),
            $"expected {expected} but sent {actual}");

    private static void AssertProtocol(SentRequest sent, string operation)
    {
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://codepipeline.us-west-2.amazonaws.com/", sent.Uri.ToString());
        Assert.Equal($"CodePipeline_20150709.{operation}", sent.Header("X-Amz-Target"));
        Assert.StartsWith("application/x-amz-json-1.1", sent.Header("Content-Type"));
        // SigV4 from Core, scoped to our signing name and region.
        var auth = sent.Header("Authorization");
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={Stub.AccessKey}/", auth);
        Assert.Contains("/us-west-2/codepipeline/aws4_request", auth);
        Assert.Contains("x-amz-target", auth);
        Assert.DoesNotContain(Stub.SecretKey, string.Join("\n", sent.Headers.Values));
        Assert.True(sent.Headers.ContainsKey("X-Amz-Date"));
    }

    [Fact]
    public async Task ListPipelines_sends_paging_members()
    {
        var sent = await Send(c => c.ListPipelinesAsync(new ListPipelinesRequest { MaxResults = 5, NextToken = "tok-2" }));
        AssertProtocol(sent, "ListPipelines");
        AssertJson("""{"maxResults":5,"nextToken":"tok-2"}""", sent.Body);
    }

    [Fact]
    public async Task Null_members_are_omitted()
    {
        var sent = await Send(c => c.ListPipelinesAsync(new ListPipelinesRequest()));
        Assert.Equal("{}", sent.Body);
        sent = await Send(c => c.GetPipelineAsync(new GetPipelineRequest { Name = "web-api" }));
        Assert.Equal("""{"name":"web-api"}""", sent.Body);
    }

    [Fact]
    public async Task GetPipeline_sends_name_and_version()
    {
        var sent = await Send(c => c.GetPipelineAsync(new GetPipelineRequest { Name = "web-api", Version = 3 }));
        AssertProtocol(sent, "GetPipeline");
        AssertJson("""{"name":"web-api","version":3}""", sent.Body);
    }

    [Fact]
    public async Task GetPipelineState_sends_name()
    {
        var sent = await Send(c => c.GetPipelineStateAsync(new GetPipelineStateRequest { Name = "web-frontend" }));
        AssertProtocol(sent, "GetPipelineState");
        AssertJson("""{"name":"web-frontend"}""", sent.Body);
    }

    [Fact]
    public async Task GetPipelineExecution_sends_ids()
    {
        var sent = await Send(c => c.GetPipelineExecutionAsync(
            new GetPipelineExecutionRequest { PipelineName = "web-api", PipelineExecutionId = "e-1" }));
        AssertProtocol(sent, "GetPipelineExecution");
        AssertJson("""{"pipelineName":"web-api","pipelineExecutionId":"e-1"}""", sent.Body);
    }

    [Fact]
    public async Task PutApprovalResult_sends_nested_result()
    {
        var sent = await Send(c => c.PutApprovalResultAsync(new PutApprovalResultRequest
        {
            PipelineName = "web-frontend", StageName = "Approval", ActionName = "ManualApproval", Token = "t-1",
            Result = new ApprovalDecision { Status = "Approved", Summary = "LGTM \"ship\" it" },
        }));
        AssertProtocol(sent, "PutApprovalResult");
        AssertJson("""
            {"pipelineName":"web-frontend","stageName":"Approval","actionName":"ManualApproval",
             "result":{"summary":"LGTM \"ship\" it","status":"Approved"},"token":"t-1"}
            """, sent.Body);
    }

    [Fact]
    public async Task Sdk_plumbing_properties_stay_off_the_wire()
    {
        var sent = await Send(c => c.ListPipelinesAsync(new ListPipelinesRequest { MaxResults = 1 }));
        using var doc = JsonDocument.Parse(sent.Body);
        Assert.Equal(new[] { "maxResults" }, doc.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Null_request_is_rejected_before_sending()
    {
        var handler = StubHandler.Json((HttpStatusCode.OK, "{}"));
        using var client = Stub.Client(handler);
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.GetPipelineAsync(null!));
        Assert.Empty(handler.Requests);
    }
}
