using System.Net;
using System.Text.Json;
using ApprovalTools.Client;
using Xunit;

namespace ApprovalTools.Tests.Client;

/// <summary>Only what our shapes declare travels: never the SDK base classes' plumbing members.</summary>
public class WireMembersTests
{
    [Fact]
    public void Sdk_response_members_are_not_written()
    {
        var response = new PutApprovalResultResponse
        {
            ApprovedAt = new DateTime(1970, 1, 1, 0, 0, 2, DateTimeKind.Utc),
            ContentLength = 42,
            HttpStatusCode = HttpStatusCode.OK,
            ResponseMetadata = new Amazon.Runtime.ResponseMetadata { RequestId = "req-1" },
        };
        Assert.Equal("""{"approvedAt":2}""", JsonSerializer.Serialize(response, JsonProtocol.Options));
    }

    [Fact]
    public void Sdk_response_members_are_not_read()
    {
        const string Body = """
            {"pipelines":[{"name":"web-api"}],"contentLength":42,"httpStatusCode":500,
             "responseMetadata":{"requestId":"forged"},"ContentLength":7}
            """;
        var response = JsonSerializer.Deserialize<ListPipelinesResponse>(Body, JsonProtocol.Options)!;
        Assert.Equal("web-api", Assert.Single(response.Pipelines).Name);
        Assert.Equal(0, response.ContentLength);
        Assert.Equal(default, response.HttpStatusCode);
        Assert.Null(response.ResponseMetadata);
    }

    [Fact]
    public async Task A_reply_with_sdk_member_names_reads_only_the_shape()
    {
        var handler = StubHandler.Json((HttpStatusCode.OK, """{"pipelineName":"web-api","contentLength":-1}"""));
        using var client = Stub.Client(handler);
        var state = await client.GetPipelineStateAsync(new GetPipelineStateRequest { Name = "web-api" });
        Assert.Equal("web-api", state.PipelineName);
        Assert.NotEqual(-1, state.ContentLength);
    }

    [Fact]
    public void Every_wire_shape_has_compile_time_metadata()
    {
        var shapes = typeof(JsonProtocol).Assembly.GetTypes().Where(t => t.Namespace == "ApprovalTools.Client" &&
            (t.IsSubclassOf(typeof(Amazon.Runtime.AmazonWebServiceRequest)) ||
             t.IsSubclassOf(typeof(Amazon.Runtime.AmazonWebServiceResponse))));
        foreach (var shape in shapes)
            Assert.True(WireContext.Default.GetTypeInfo(shape) is not null, $"{shape.Name} is missing from WireContext");
    }
}
