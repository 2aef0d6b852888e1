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
    /// <param name="config">The settings; the region requests are signed for is settled in them here.</param>
    public CodePipelineClient(AWSCredentials credentials, CodePipelineClientConfig config)
        : base(credentials, WithSigningRegion(config)) { }

    private static CodePipelineClientConfig WithSigningRegion(CodePipelineClientConfig config)
    {
        if (config is null) throw new ArgumentNullException(nameof(config));
        config.AuthenticationRegion = SigningRegion.Of(config);
        return config;
    }

    /// <summary>
    /// The session's pacer: every call of this client waits its turn at it once the service throttles.
    /// </summary>
    internal ThrottlePacer Pacer { get; } = new();

    /// <summary>How long throttling may last without one request let through before calls fail (Throttled).</summary>
    public TimeSpan ThrottleCeiling { get => Pacer.Ceiling; set => Pacer.Ceiling = value; }

    /// <summary>The default of <see cref="CallTimeout"/>.</summary>
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest one call waits for the endpoint, all its attempts and back-offs included (waits for a turn under
    /// throttling excluded); past it the call fails with <see cref="EndpointTimeoutException"/>.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = DefaultCallTimeout;

    protected override IServiceMetadata ServiceMetadata => CodePipelineMetadata.Instance;

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        pipeline.RemoveHandler<EndpointResolver>();
        // Both go right after the marshaller, ending up as: Marshaller -> auth resolver -> endpoint resolver.
        pipeline.AddHandlerAfter<Marshaller>(new CodePipelineEndpointResolver());
        pipeline.AddHandlerAfter<Marshaller>(new CodePipelineAuthResolver());
        // Standard retries for every failure but throttling, which the pacer inside the retry loop absorbs.
        var policy = Config.RetryMode is RequestRetryMode.Standard or RequestRetryMode.Adaptive
            ? new StandardRetryPolicy(Config) : null;
        if (policy is not null) pipeline.ReplaceHandler<RetryHandler>(new RetryHandler(policy));
        // Inside the retry loop, so it sees every attempt (answering needs to know whether one went unanswered).
        pipeline.AddHandlerAfter<RetryHandler>(new NoReplyTracker());
        // Right inside the retry loop (before the tracker): each attempt waits its turn, throttles are sent again.
        pipeline.AddHandlerAfter<RetryHandler>(new PacingHandler(Pacer, policy ?? new StandardRetryPolicy(Config)));
    }

    /// <summary>One page of ListPipelines.</summary>
    public Task<ListPipelinesResponse> ListPipelinesAsync(ListPipelinesRequest request,
        CancellationToken cancellationToken = default) =>
        Call<ListPipelinesResponse>(request, Ops.ListPipelines, cancellationToken);

    /// <summary>Every pipeline, following nextToken through all pages.</summary>
    public async IAsyncEnumerable<PipelineSummary> ListAllPipelinesAsync(int? pageSize = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        do
        {
            var request = new ListPipelinesRequest { MaxResults = pageSize, NextToken = token };
            var page = await ListPipelinesAsync(request, cancellationToken).ConfigureAwait(false);
            foreach (var pipeline in page.Pipelines ?? new()) yield return pipeline;
            token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
            // A service that hands back a token it already gave would otherwise loop forever.
            if (token is not null && !seen.Add(token))
                throw new InvalidOperationException(
                    "ListPipelines returned a nextToken it had already returned; stopping.");
        } while (token is not null);
    }

    /// <summary>GetPipeline: a pipeline's declaration (its latest version, or the one asked for).</summary>
    public Task<GetPipelineResponse> GetPipelineAsync(GetPipelineRequest request,
        CancellationToken cancellationToken = default) =>
        Call<GetPipelineResponse>(request, Ops.GetPipeline, cancellationToken);

    /// <summary>GetPipelineState: each stage's latest execution and each action's state.</summary>
    public Task<GetPipelineStateResponse> GetPipelineStateAsync(GetPipelineStateRequest request,
        CancellationToken cancellationToken = default) =>
        Call<GetPipelineStateResponse>(request, Ops.GetPipelineState, cancellationToken);

    /// <summary>GetPipelineExecution: one execution of a pipeline.</summary>
    public Task<GetPipelineExecutionResponse> GetPipelineExecutionAsync(GetPipelineExecutionRequest request,
        CancellationToken cancellationToken = default) =>
        Call<GetPipelineExecutionResponse>(request, Ops.GetPipelineExecution, cancellationToken);

    /// <summary>One page of ListActionExecutions.</summary>
    public Task<ListActionExecutionsResponse> ListActionExecutionsAsync(ListActionExecutionsRequest request,
        CancellationToken cancellationToken = default) =>
        Call<ListActionExecutionsResponse>(request, Ops.ListActionExecutions, cancellationToken);

    /// <summary>One page of ListPipelineExecutions.</summary>
    public Task<ListPipelineExecutionsResponse> ListPipelineExecutionsAsync(ListPipelineExecutionsRequest request,
        CancellationToken cancellationToken = default) =>
        Call<ListPipelineExecutionsResponse>(request, Ops.ListPipelineExecutions, cancellationToken);

    /// <summary>PutApprovalResult: answers a manual approval.</summary>
    public Task<PutApprovalResultResponse> PutApprovalResultAsync(PutApprovalResultRequest request,
        CancellationToken cancellationToken = default) =>
        Call<PutApprovalResultResponse>(request, Ops.PutApprovalResult, cancellationToken);

    private async Task<T> Call<T>(AmazonWebServiceRequest request, JsonRequestMarshaller marshaller,
        CancellationToken cancellationToken)
        where T : AmazonWebServiceResponse, new()
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        // Core would still send a request whose token is already cancelled.
        cancellationToken.ThrowIfCancellationRequested();
        var options = new InvokeOptions
        {
            RequestMarshaller = marshaller,
            ResponseUnmarshaller = JsonResponseUnmarshaller<T>.Instance,
        };
        using var deadline = new CallDeadline(request, CallTimeout, cancellationToken);
        try
        {
            return await InvokeAsync<T>(request, options, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (deadline.Expired && e is not AmazonServiceException)
        {
            throw new EndpointTimeoutException(marshaller.Operation, EndpointName(), CallTimeout, e);
        }
    }

    // The endpoint calls go to, for messages: the custom one, else the regional one.
    private string EndpointName()
    {
        var region = Config.RegionEndpoint; // read first: reading ServiceURL may clear it
        return !string.IsNullOrEmpty(Config.ServiceURL) ? Config.ServiceURL
            : $"https://codepipeline.{region?.SystemName}.{region?.PartitionDnsSuffix ?? "amazonaws.com"}";
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
