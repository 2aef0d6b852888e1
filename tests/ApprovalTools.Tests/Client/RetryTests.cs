using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using ApprovalTools.Client;
using Xunit;

namespace ApprovalTools.Tests.Client;

public class RetryTests
{
    private static Exception Reset() =>
        new HttpRequestException("An error occurred while sending the request.",
            new IOException("Unable to read data from the transport connection: Connection reset by peer.",
                new SocketException((int)SocketError.ConnectionReset)));

    private static PutApprovalResultRequest Answer() => new()
    {
        PipelineName = "p", StageName = "s", ActionName = "a", Token = "6f1c2b9e-8a47-4d3e-b5a0-1c2d3e4f5a6b",
        Result = new() { Status = "Approved", Summary = "ok" },
    };

    [Fact]
    public void Defaults_are_standard_mode_without_Core_immediate_resends()
    {
        var config = new CodePipelineClientConfig();
        if (Environment.GetEnvironmentVariable("AWS_RETRY_MODE") is null) Assert.Equal(RequestRetryMode.Standard, config.RetryMode);
        Assert.Equal(2, config.MaxErrorRetry);
        Assert.Equal(0, config.MaxStaleConnectionRetries);
    }

    [Fact]
    public async Task A_reset_connection_gets_standard_attempts_and_marks_the_request()
    {
        var handler = new StubHandler((_, _, _) => throw Reset());
        using var client = Stub.Client(handler);
        var request = Answer();
        var e = await Assert.ThrowsAnyAsync<Exception>(() => client.PutApprovalResultAsync(request));
        Assert.IsNotAssignableFrom<AmazonServiceException>(e);
        Assert.Equal(3, handler.Requests.Count); // not 3 + Core's 10 immediate resends
        Assert.True(NoReplyTracker.HadUnansweredAttempt(request));
    }

    [Fact]
    public async Task A_lost_reply_then_already_completed_is_marked()
    {
        var handler = new StubHandler((_, i, _) => i == 0
            ? throw Reset()
            : Task.FromResult(StubHandler.Error(HttpStatusCode.BadRequest, "ApprovalAlreadyCompletedException", "already")));
        using var client = Stub.Client(handler);
        var request = Answer();
        await Assert.ThrowsAsync<ApprovalAlreadyCompletedException>(() => client.PutApprovalResultAsync(request));
        Assert.Equal(2, handler.Requests.Count);
        Assert.True(NoReplyTracker.HadUnansweredAttempt(request));
    }

    [Fact]
    public async Task A_refusal_alone_is_not_marked()
    {
        var handler = StubHandler.Json((HttpStatusCode.BadRequest, """{"__type":"ApprovalAlreadyCompletedException","message":"already"}"""));
        using var client = Stub.Client(handler);
        var request = Answer();
        await Assert.ThrowsAsync<ApprovalAlreadyCompletedException>(() => client.PutApprovalResultAsync(request));
        Assert.Single(handler.Requests);
        Assert.False(NoReplyTracker.HadUnansweredAttempt(request));
    }

    [Fact]
    public async Task A_server_error_marks_the_request_as_possibly_applied()
    {
        var handler = new StubHandler((_, i, _) => Task.FromResult(i == 0
            ? StubHandler.Error(HttpStatusCode.InternalServerError, "InternalFailure", "oops")
            : StubHandler.Reply(HttpStatusCode.OK, """{"approvedAt":1700000000}""")));
        using var client = Stub.Client(handler);
        var request = Answer();
        var response = await client.PutApprovalResultAsync(request);
        Assert.NotNull(response.ApprovedAt);
        Assert.True(NoReplyTracker.HadUnansweredAttempt(request));
    }

    // Core's adaptive token bucket lets each waiting request poll it 15 times; with many requests waiting at once
    // most lost every round and failed with "insufficient capacity". Queued, every request waits its turn.
    [Fact]
    public async Task Paced_when_throttled_many_concurrent_calls_all_succeed()
    {
        var window = Stopwatch.StartNew();
        var sent = 0;
        var handler = new StubHandler((_, _, _) =>
        {
            // The service allows 60 calls per second, measured in whole-second windows.
            lock (window)
            {
                if (window.Elapsed >= TimeSpan.FromSeconds(1)) { window.Restart(); sent = 0; }
                if (++sent > 60) return Task.FromResult(StubHandler.Error(HttpStatusCode.BadRequest, "ThrottlingException", "Rate exceeded"));
            }
            return Task.FromResult(StubHandler.Reply(HttpStatusCode.OK, """{"pipelineName":"p","stageStates":[]}"""));
        });
        using var client = Stub.Client(handler);
        using var gate = new SemaphoreSlim(16);
        var calls = Enumerable.Range(0, 150).Select(async i =>
        {
            await gate.WaitAsync();
            try { return await client.GetPipelineStateAsync(new GetPipelineStateRequest { Name = $"p{i}" }); }
            finally { gate.Release(); }
        });
        var results = await Task.WhenAll(calls);
        Assert.All(results, r => Assert.Equal("p", r.PipelineName));
    }
}
