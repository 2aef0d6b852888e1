using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalTools.Emulator;

namespace ApprovalTools.Tests.Emulator;

/// <summary>The service's answer to one call: status, raw body, parsed JSON and headers.</summary>
internal sealed record AwsResponse(int Status, string Body, JsonNode? Json, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders)
{
    public string? ErrorType => Json?["__type"]?.GetValue<string>();
    public string? Message => Json?["message"]?.GetValue<string>();
    public JsonNode this[string name] => Json![name]!;
}

/// <summary>Signed awsJson1.1 calls to an emulator, with knobs for the things the SigV4 tests vary.</summary>
internal sealed class AwsTestClient(Uri endpoint) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public string AccessKeyId { get; set; } = EmulatorOptions.DefaultAccessKeyId;
    public string SecretAccessKey { get; set; } = EmulatorOptions.DefaultSecretAccessKey;
    public string Region { get; set; } = "us-east-1";
    public string? SessionToken { get; set; }

    public Task<AwsResponse> CallAsync(string operation, object? input = null, CancellationToken ct = default) =>
        SendAsync(operation, input is null ? "{}" : input as string ?? JsonSerializer.Serialize(input), ct: ct);

    public async Task<AwsResponse> SendAsync(string? operation, string body, bool sign = true, DateTimeOffset? signedAt = null,
        string service = "codepipeline", string? scopeDate = null, Action<HttpRequestMessage>? beforeSigning = null,
        Action<HttpRequestMessage>? afterSigning = null, CancellationToken ct = default)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-amz-json-1.1");
        if (operation is not null) request.Headers.TryAddWithoutValidation("X-Amz-Target", "CodePipeline_20150709." + operation);
        beforeSigning?.Invoke(request);
        if (sign)
            TestSigner.Sign(request, bytes, AccessKeyId, SecretAccessKey, Region, signedAt ?? DateTimeOffset.UtcNow, service, SessionToken, scopeDate);
        afterSigning?.Invoke(request);
        using var response = await _http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return new AwsResponse((int)response.StatusCode, text, text.Length == 0 ? null : JsonNode.Parse(text), response.Headers, response.Content.Headers);
    }

    public void Dispose() => _http.Dispose();
}
