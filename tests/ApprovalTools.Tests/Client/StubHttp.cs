using System.Net;
using System.Text;
using Amazon;
using Amazon.Runtime;
using ApprovalTools.Client;

namespace ApprovalTools.Tests.Client;

/// <summary>What the SDK put on the wire, captured before any network.</summary>
public sealed record SentRequest(HttpMethod Method, Uri Uri, Dictionary<string, string> Headers, string Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException(name);
}

/// <summary>An HttpMessageHandler that records each request and answers from a script.</summary>
public sealed class StubHandler : HttpMessageHandler
{
    private readonly Func<SentRequest, int, CancellationToken, Task<HttpResponseMessage>> _respond;
    public List<SentRequest> Requests { get; } = new();

    public StubHandler(Func<SentRequest, int, CancellationToken, Task<HttpResponseMessage>> respond) => _respond = respond;

    public static StubHandler Json(params (HttpStatusCode Status, string Body)[] script) => new((_, i, _) =>
        Task.FromResult(Reply(script[Math.Min(i, script.Length - 1)].Status, script[Math.Min(i, script.Length - 1)].Body)));

    public static HttpResponseMessage Reply(HttpStatusCode status, string body, string requestId = "req-1234")
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8) };
        response.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        response.Headers.Add("x-amzn-RequestId", requestId);
        return response;
    }

    public static HttpResponseMessage Error(HttpStatusCode status, string code, string message, string requestId = "req-err") =>
        Reply(status, $$"""{"__type":"com.amazonaws.codepipeline#{{code}}","message":"{{message}}"}""", requestId);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = "";
        if (request.Content is not null)
        {
            foreach (var h in request.Content.Headers) headers[h.Key] = string.Join(",", h.Value);
            body = await request.Content.ReadAsStringAsync(cancellationToken);
        }
        var sent = new SentRequest(request.Method, request.RequestUri!, headers, body);
        int index;
        lock (Requests) { index = Requests.Count; Requests.Add(sent); }
        return await _respond(sent, index, cancellationToken);
    }
}

public sealed class StubHttpClientFactory(HttpMessageHandler handler) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;
    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
}

public static class Stub
{
    public const string AccessKey = "AKIDSTUBEXAMPLE";
    public const string SecretKey = "stub-secret-do-not-leak/EXAMPLEKEY";

    public static CodePipelineClient Client(StubHandler handler, Action<CodePipelineClientConfig>? configure = null)
    {
        var config = new CodePipelineClientConfig
        {
            RegionEndpoint = RegionEndpoint.USWest2,
            HttpClientFactory = new StubHttpClientFactory(handler),
        };
        configure?.Invoke(config);
        return new CodePipelineClient(new BasicAWSCredentials(AccessKey, SecretKey), config);
    }
}
