using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace ApprovalTools.Client;

/// <summary>
/// The SDK's adaptive retry policy (standard retries plus a token bucket that slows the client down when throttled),
/// with two changes. The bucket is only consulted while <c>limiting()</c> is true; otherwise this is standard mode,
/// as AdaptiveRetryPolicy only adds the bucket. And send tokens go to one waiter at a time: Core lets every waiting
/// request poll the bucket up to 15 times, so with 16 concurrent requests racing for each token most lose every
/// round and fail with "insufficient capacity" instead of waiting their turn.
/// </summary>
internal sealed class RateLimitingRetryPolicy(IClientConfig config, Func<bool> limiting) : AdaptiveRetryPolicy(config)
{
    private readonly SemaphoreSlim _queue = new(1, 1);

    public override async Task ObtainSendTokenAsync(IExecutionContext executionContext, Exception exception)
    {
        if (!limiting()) return;
        await _queue.WaitAsync(executionContext.RequestContext.CancellationToken).ConfigureAwait(false);
        try { await base.ObtainSendTokenAsync(executionContext, exception).ConfigureAwait(false); }
        finally { _queue.Release(); }
    }

    public override void ObtainSendToken(IExecutionContext executionContext, Exception exception)
    {
        if (!limiting()) return;
        _queue.Wait(executionContext.RequestContext.CancellationToken);
        try { base.ObtainSendToken(executionContext, exception); }
        finally { _queue.Release(); }
    }
}
