using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace ApprovalTools.Client;

/// <summary>
/// Sits inside the SDK's retry loop and marks a request when one of its attempts may have been acted on without
/// the caller learning of it: no reply (connection dropped or reset, timed out) or a server error. A later
/// attempt's failure (ApprovalAlreadyCompleted, say) then no longer proves that nothing happened.
/// </summary>
internal sealed class NoReplyTracker : PipelineHandler
{
    private static readonly ConditionalWeakTable<AmazonWebServiceRequest, object> Unanswered = new();
    private static readonly object Mark = new();

    /// <summary>
    /// True when an attempt of <paramref name="request"/> may have been applied without a success reply.
    /// </summary>
    public static bool HadUnansweredAttempt(AmazonWebServiceRequest request) =>
        Unanswered.TryGetValue(request, out _);

    public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        try { return await base.InvokeAsync<T>(executionContext).ConfigureAwait(false); }
        catch (Exception e) when (NoReply(e, executionContext)) { throw; }
    }

    public override void InvokeSync(IExecutionContext executionContext)
    {
        try { base.InvokeSync(executionContext); }
        catch (Exception e) when (NoReply(e, executionContext)) { throw; }
    }

    // The connection was never made (refused, no such host, no route): nothing was sent, so nothing can have applied.
    private static bool NeverConnected(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound
                or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TryAgain })
                return true;
        }
        return false;
    }

    // Runs as an exception filter: records, never catches. Only a 4xx reply proves the service refused the attempt;
    // being wrong about anything else costs the caller one read of the state.
    private static bool NoReply(Exception e, IExecutionContext context)
    {
        var cancelled = context.RequestContext.CancellationToken.IsCancellationRequested;
        var refused = e is AmazonServiceException
        {
            StatusCode: >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError,
        };
        if (!cancelled && !NeverConnected(e) && !refused && context.RequestContext.OriginalRequest is { } request)
            Unanswered.GetValue(request, _ => Mark);
        return false;
    }
}
