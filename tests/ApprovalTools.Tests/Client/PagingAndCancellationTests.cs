using System.Net;
using System.Diagnostics;
using System.Text.Json;
using ApprovalTools.Client;
using Xunit;

namespace ApprovalTools.Tests.Client;

public class PagingAndCancellationTests
{
    [Fact]
    public async Task ListAllPipelines_follows_next_token_through_every_page()
    {
        var handler = new StubHandler((sent, _, _) =>
        {
            var token = JsonDocument.Parse(sent.Body).RootElement.TryGetProperty("nextToken", out var t) ? t.GetString() : null;
            var body = token switch
            {
                null => """{"pipelines":[{"name":"a"},{"name":"b"}],"nextToken":"p2"}""",
                "p2" => """{"pipelines":[{"name":"c"},{"name":"d"}],"nextToken":"p3"}""",
                "p3" => """{"pipelines":[{"name":"e"}]}""",
                _ => throw new InvalidOperationException(token),
            };
            return Task.FromResult(StubHandler.Reply(HttpStatusCode.OK, body));
        });
        using var client = Stub.Client(handler);
        var names = new List<string?>();
        await foreach (var p in client.ListAllPipelinesAsync(pageSize: 2)) names.Add(p.Name);

        Assert.Equal(new[] { "a", "b", "c", "d", "e" }, names);
        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal(2, JsonDocument.Parse(r.Body).RootElement.GetProperty("maxResults").GetInt32()));
    }

    [Fact]
    public async Task ListAllPipelines_stops_on_a_repeated_token()
    {
        var handler = StubHandler.Json((HttpStatusCode.OK, """{"pipelines":[{"name":"a"}],"nextToken":"same"}"""));
        using var client = Stub.Client(handler);
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in client.ListAllPipelinesAsync()) { }
        });
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task ListAllPipelines_omits_page_size_when_not_given()
    {
        var handler = StubHandler.Json((HttpStatusCode.OK, """{"pipelines":[]}"""));
        using var client = Stub.Client(handler);
        await foreach (var _ in client.ListAllPipelinesAsync()) { }
        Assert.Equal("{}", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Cancellation_aborts_a_slow_call_promptly()
    {
        var handler = new StubHandler(async (_, _, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return StubHandler.Reply(HttpStatusCode.OK, "{}");
        });
        using var client = Stub.Client(handler);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var sw = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetPipelineStateAsync(new GetPipelineStateRequest { Name = "p" }, cts.Token));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"took {sw.Elapsed}");
        Assert.Single(handler.Requests); // cancellation is not retried
    }

    [Fact]
    public async Task Cancellation_stops_paging()
    {
        using var cts = new CancellationTokenSource();
        var handler = StubHandler.Json((HttpStatusCode.OK, """{"pipelines":[{"name":"a"}],"nextToken":"more"}"""));
        using var client = Stub.Client(handler);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.ListAllPipelinesAsync(cancellationToken: cts.Token)) cts.Cancel();
        });
        Assert.Single(handler.Requests);
    }
}
