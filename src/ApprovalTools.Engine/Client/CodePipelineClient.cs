using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace ApprovalTools.Client;

/// <summary>
/// A typed CodePipeline client on AWSSDK.Core's runtime pipeline: credentials, SigV4, retries, clock skew,
/// timeouts, endpoint configuration and proxy all come from Core; this class only adds the wire format.
/// </summary>
public sealed class CodePipelineClient : AmazonServiceClient
{
    /// <param name="credentials">Explicit credentials, or null to let Core resolve the default chain.</param>
    public CodePipelineClient(AWSCredentials credentials, CodePipelineClientConfig config)
        : base(credentials, KeepSigningRegion(config)) { }

    // Core drops RegionEndpoint as soon as a ServiceURL is in play, including one that comes from
    // AWS_ENDPOINT_URL_CODEPIPELINE, AWS_ENDPOINT_URL or a profile's endpoint_url, and then signs a non-AWS host
    // for us-east-1. Like the AWS CLI, keep signing for the caller's region unless AuthenticationRegion is set.
    private static CodePipelineClientConfig KeepSigningRegion(CodePipelineClientConfig config)
    {
        if (config is null) throw new ArgumentNullException(nameof(config));
        if (!string.IsNullOrEmpty(config.AuthenticationRegion)) return config;
        var region = config.RegionEndpoint?.SystemName; // read first: reading ServiceURL may clear it
        var url = config.ServiceURL;
        if (region is not null && !string.IsNullOrEmpty(url) && !NamesItsRegion(url!)) config.AuthenticationRegion = region;
        return config;
    }

    // AWS hosts carry their region in the name, and Core's signer reads it from there.
    private static bool NamesItsRegion(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Host.Contains(".amazonaws.") || uri.Host.EndsWith(".api.aws", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Lets the SDK's adaptive rate limiter pace this client once the service throttles it, as AWS_RETRY_MODE=adaptive
    /// does; for callers that send many requests at once (a scan). Otherwise retries are standard mode's.
    /// </summary>
    public bool LimitRateWhenThrottled { get; set; }

    protected override IServiceMetadata ServiceMetadata => CodePipelineMetadata.Instance;

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        pipeline.RemoveHandler<EndpointResolver>();
        // Both go right after the marshaller, ending up as: Marshaller -> auth resolver -> endpoint resolver.
        pipeline.AddHandlerAfter<Marshaller>(new CodePipelineEndpointResolver());
        pipeline.AddHandlerAfter<Marshaller>(new CodePipelineAuthResolver());
        // Standard retries, plus adaptive mode's client-side rate limiter when the mode or the caller asks for it.
        var mode = Config.RetryMode;
        if (mode is RequestRetryMode.Standard or RequestRetryMode.Adaptive)
            pipeline.ReplaceHandler<RetryHandler>(new RetryHandler(
                new RateLimitingRetryPolicy(Config, () => mode == RequestRetryMode.Adaptive || LimitRateWhenThrottled)));
        // Inside the retry loop, so it sees every attempt (answering needs to know whether one went unanswered).
        pipeline.AddHandlerAfter<RetryHandler>(new NoReplyTracker());
    }

    public Task<ListPipelinesResponse> ListPipelinesAsync(ListPipelinesRequest request, CancellationToken cancellationToken = default) =>
        Call<ListPipelinesResponse>(request, Ops.ListPipelines, cancellationToken);

    /// <summary>Every pipeline, following nextToken through all pages.</summary>
    public async IAsyncEnumerable<PipelineSummary> ListAllPipelinesAsync(int? pageSize = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        do
        {
            var page = await ListPipelinesAsync(new ListPipelinesRequest { MaxResults = pageSize, NextToken = token }, cancellationToken)
                .ConfigureAwait(false);
            foreach (var pipeline in page.Pipelines ?? new()) yield return pipeline;
            token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
            // A service that hands back a token it already gave would otherwise loop forever.
            if (token is not null && !seen.Add(token))
                throw new InvalidOperationException("ListPipelines returned a nextToken it had already returned; stopping.");
        } while (token is not null);
    }

    public Task<GetPipelineResponse> GetPipelineAsync(GetPipelineRequest request, CancellationToken cancellationToken = default) =>
        Call<GetPipelineResponse>(request, Ops.GetPipeline, cancellationToken);

    public Task<GetPipelineStateResponse> GetPipelineStateAsync(GetPipelineStateRequest request, CancellationToken cancellationToken = default) =>
        Call<GetPipelineStateResponse>(request, Ops.GetPipelineState, cancellationToken);

    public Task<GetPipelineExecutionResponse> GetPipelineExecutionAsync(GetPipelineExecutionRequest request, CancellationToken cancellationToken = default) =>
        Call<GetPipelineExecutionResponse>(request, Ops.GetPipelineExecution, cancellationToken);

    public Task<ListActionExecutionsResponse> ListActionExecutionsAsync(ListActionExecutionsRequest request, CancellationToken cancellationToken = default) =>
        Call<ListActionExecutionsResponse>(request, Ops.ListActionExecutions, cancellationToken);

    public Task<ListPipelineExecutionsResponse> ListPipelineExecutionsAsync(ListPipelineExecutionsRequest request,
        CancellationToken cancellationToken = default) =>
        Call<ListPipelineExecutionsResponse>(request, Ops.ListPipelineExecutions, cancellationToken);

    public Task<PutApprovalResultResponse> PutApprovalResultAsync(PutApprovalResultRequest request, CancellationToken cancellationToken = default) =>
        Call<PutApprovalResultResponse>(request, Ops.PutApprovalResult, cancellationToken);

    private Task<T> Call<T>(AmazonWebServiceRequest request, JsonRequestMarshaller marshaller, CancellationToken cancellationToken)
        where T : AmazonWebServiceResponse, new()
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        // Core would still send a request whose token is already cancelled.
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<T>(cancellationToken);
        var options = new InvokeOptions { RequestMarshaller = marshaller, ResponseUnmarshaller = JsonResponseUnmarshaller<T>.Instance };
        return InvokeAsync<T>(request, options, cancellationToken);
    }

    private static class Ops
    {
        public static readonly JsonRequestMarshaller ListPipelines = new("ListPipelines");
        public static readonly JsonRequestMarshaller GetPipeline = new("GetPipeline");
        public static readonly JsonRequestMarshaller GetPipelineState = new("GetPipelineState");
        public static readonly JsonRequestMarshaller GetPipelineExecution = new("GetPipelineExecution");
        public static readonly JsonRequestMarshaller ListActionExecutions = new("ListActionExecutions");
        public static readonly JsonRequestMarshaller ListPipelineExecutions = new("ListPipelineExecutions");
        public static readonly JsonRequestMarshaller PutApprovalResult = new("PutApprovalResult");
    }
}
