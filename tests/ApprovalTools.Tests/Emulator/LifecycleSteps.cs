using System.Text.Json.Nodes;

namespace ApprovalTools.Tests.Emulator;

/// <summary>Steps the lifecycle tests share: seeded ids, starting runs, reading statuses and approval tokens.</summary>
internal static class LifecycleSteps
{
    public const string WebApiToken = "c4d5e6f7-0a1b-4c2d-8e3f-5a6b7c8d9e0f";
    public const string WebApiExecution = "7e2f4a6c-1b3d-4e5f-8a9b-0c1d2e3f4a5b";
    public const string FrontendToken = "6f1c2b9e-8a47-4d3e-b5a0-1c2d3e4f5a6b";
    public const string FrontendExecution = "b3e1c5d7-2f4a-4b6c-9d8e-0a1b2c3d4e5f";

    public static async Task<JsonNode> StartAsync(this Harness h, string pipeline) =>
        await h.ControlJsonAsync(HttpMethod.Post, $"/_emulator/pipelines/{pipeline}/executions", new { });

    public static async Task<string> StatusAsync(this Harness h, string pipeline, string id) =>
        (string)(await h.OkAsync("GetPipelineExecution", new { pipelineName = pipeline, pipelineExecutionId = id }))
            ["pipelineExecution"]!["status"]!;

    public static Task<JsonNode> AdvanceAsync(this Harness h, double minutes) =>
        h.ControlJsonAsync(HttpMethod.Post, "/_emulator/clock", new { advanceMinutes = minutes });

    public static Task<JsonNode> SettingsAsync(this Harness h, object settings) =>
        h.ControlJsonAsync(HttpMethod.Put, "/_emulator/settings", settings);

    public static object WebApiAnswer(string token, string status = "Approved", string summary = "Looks good") =>
        Harness.Approval("web-api", "Approval", "ReleaseApproval", token, status, summary);

    /// <summary>The ListActionExecutions rows of one action, newest first.</summary>
    public static async Task<List<JsonNode>> ActionRunsAsync(this Harness h, string pipeline, string action)
    {
        var page = await h.OkAsync("ListActionExecutions", new { pipelineName = pipeline });
        return page["actionExecutionDetails"]!.AsArray().Where(d => (string)d!["actionName"]! == action).Select(d => d!).ToList();
    }
}
