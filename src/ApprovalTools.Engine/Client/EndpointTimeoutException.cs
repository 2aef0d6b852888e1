using System;
using Amazon.Runtime;

namespace ApprovalTools.Client;

/// <summary>The endpoint gave no answer to a call within its time limit (all attempts included).</summary>
public sealed class EndpointTimeoutException(string operation, string endpoint, TimeSpan limit, Exception? inner)
    : AmazonClientException(
        $"{endpoint} did not answer {operation} within {limit.TotalSeconds:0.#} seconds (all attempts included). "
        + "Check the endpoint and the network, or give more time with -TimeoutSec.", inner)
{
    public string Endpoint { get; } = endpoint;
    public TimeSpan Limit { get; } = limit;
}
