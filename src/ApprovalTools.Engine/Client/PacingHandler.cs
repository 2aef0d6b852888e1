using System;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace ApprovalTools.Client;

/// <summary>
/// Sits inside the SDK's retry loop and absorbs throttling: each attempt waits for its turn at the session's
/// <see cref="ThrottlePacer"/>, and a throttled attempt is sent again at its next turn (signed anew) instead of
/// costing one of standard mode's attempts. Every other failure goes on to the SDK's retry policy unchanged; only a
/// throttle that lasts past the pacer's ceiling does too. The time spent waiting for a turn does not count against
/// the call's <see cref="CallDeadline"/>.
/// </summary>
internal sealed class PacingHandler(ThrottlePacer pacer, RetryPolicy policy) : PipelineHandler
{
    public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        var context = executionContext.RequestContext;
        var deadline = CallDeadline.Of(context.OriginalRequest);
        while (true)
        {
            double sentAt;
            deadline?.Pause();
            try { sentAt = await pacer.WaitTurnAsync(context.CancellationToken).ConfigureAwait(false); }
            finally { deadline?.Resume(); }
            try
            {
                var result = await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
                pacer.OnReply(sentAt);
                return result;
            }
            catch (AmazonServiceException e) when (!policy.IsThrottlingError(e))
            {
                pacer.OnReply(sentAt); // the service answered: that counts toward the rate it allows
                throw;
            }
            catch (AmazonServiceException e) when (!pacer.OnThrottle(sentAt))
            {
                throw new ThrottledTooLongException(e, pacer.Ceiling);
            }
            catch (AmazonServiceException)
            {
                // Throttled: sent again at the next turn, with a fresh signature.
                context.IsSigned = false;
            }
        }
    }
}

/// <summary>The service throttled every request of the session for longer than the pacer's ceiling.</summary>
public sealed class ThrottledTooLongException(AmazonServiceException throttle, TimeSpan ceiling)
    : CodePipelineServiceException(
        $"CodePipeline throttled every request for {Describe(ceiling)} without letting one through "
        + $"({throttle.Message}); gave up. Try again later, or with fewer requests at once (-ThrottleLimit).",
        throttle, throttle.ErrorType, throttle.ErrorCode, throttle.RequestId, throttle.StatusCode)
{
    private static string Describe(TimeSpan t) =>
        t.TotalMinutes >= 1 ? $"{t.TotalMinutes:0.#} minutes" : $"{t.TotalSeconds:0.#} seconds";
}
