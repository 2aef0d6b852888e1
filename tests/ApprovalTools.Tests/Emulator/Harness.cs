using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalTools.Emulator;
using ApprovalTools.Emulator.Model;
using Xunit;

namespace ApprovalTools.Tests.Emulator;

/// <summary>A fresh emulator per test on a free port, a signed AWS client and a plain client for /_emulator.</summary>
internal sealed class Harness : IAsyncDisposable
{
    private Harness(EmulatorServer server)
    {
        Server = server;
        Aws = new AwsTestClient(server.Url);
        Control = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(30) };
    }

    public EmulatorServer Server { get; }
    public EmulatorState State => Server.State;
    public AwsTestClient Aws { get; }
    public HttpClient Control { get; }

    public static async Task<Harness> StartAsync(EmulatorOptions? options = null) =>
        new(await EmulatorServer.StartAsync(options ?? new EmulatorOptions()));

    /// <summary>Calls an operation that must succeed, and checks the answer against the model's output shape.</summary>
    public async Task<JsonNode> OkAsync(string operation, object? input = null)
    {
        var response = await Aws.CallAsync(operation, input);
        Assert.True(response.Status == 200, $"{operation} answered {response.Status}: {response.Body}");
        ModelAssert.MatchesOutput(operation, response.Body);
        return response.Json!;
    }

    /// <summary>Calls an operation that must fail with the given error code.</summary>
    public async Task<AwsResponse> ErrorAsync(string operation, object? input, string errorType, int status = 400)
    {
        var response = await Aws.CallAsync(operation, input);
        Assert.Equal(errorType, response.ErrorType);
        Assert.Equal(status, response.Status);
        Assert.False(string.IsNullOrEmpty(response.Message), "errors carry a message");
        return response;
    }

    public Task<JsonNode> StateOfAsync(string pipeline) => OkAsync("GetPipelineState", new { name = pipeline });

    public async Task<JsonNode> ControlJsonAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await Control.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    public static JsonNode StageState(JsonNode pipelineState, string stage) =>
        pipelineState["stageStates"]!.AsArray().Single(s => (string)s!["stageName"]! == stage)!;

    public static JsonNode ActionState(JsonNode pipelineState, string stage, string action) =>
        StageState(pipelineState, stage)["actionStates"]!.AsArray().Single(a => (string)a!["actionName"]! == action)!;

    public static JsonNode? Latest(JsonNode pipelineState, string stage, string action) => ActionState(pipelineState, stage, action)["latestExecution"];

    public static object Approval(string pipeline, string stage, string action, string token, string status = "Approved", string summary = "Looks good") =>
        new { pipelineName = pipeline, stageName = stage, actionName = action, result = new { summary, status }, token };

    public static DateTimeOffset Epoch(JsonNode value) => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round((double)value * 1000));

    public async ValueTask DisposeAsync()
    {
        Aws.Dispose();
        Control.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>Checks responses against the botocore model's output shapes, strictly: no undeclared members either.</summary>
internal static class ModelAssert
{
    public static void MatchesOutput(string operation, string body)
    {
        var model = ServiceModel.CodePipeline;
        using var doc = JsonDocument.Parse(body);
        var errors = new ShapeValidator(model, strict: true).Validate(model.OutputShapeOf(operation)!, doc.RootElement);
        Assert.True(errors.Count == 0, $"{operation} output does not match the model: {string.Join("; ", errors)}");
    }
}
