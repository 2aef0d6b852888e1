using System.Net.Sockets;
using ApprovalTools.Client;
using Xunit;

namespace ApprovalTools.Tests.Client;

public class NoReplyTests
{
    // A refused connection sent nothing: no answer can have been applied, so the answer is not "unconfirmed".
    [Fact]
    public async Task A_refused_connection_is_not_marked_as_possibly_applied()
    {
        var handler = new StubHandler((_, _, _) => throw new HttpRequestException("Connection refused (127.0.0.1:1)",
            new SocketException((int)SocketError.ConnectionRefused)));
        using var client = Stub.Client(handler);
        var request = new PutApprovalResultRequest
        {
            PipelineName = "p", StageName = "s", ActionName = "a", Token = "6f1c2b9e-8a47-4d3e-b5a0-1c2d3e4f5a6b",
            Result = new() { Status = "Approved", Summary = "ok" },
        };
        await Assert.ThrowsAnyAsync<Exception>(() => client.PutApprovalResultAsync(request));
        Assert.Equal(3, handler.Requests.Count);
        Assert.False(NoReplyTracker.HadUnansweredAttempt(request));
    }
}
