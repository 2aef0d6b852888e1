using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalTools.Emulator.Aws;
using ApprovalTools.Emulator.Operations;
using ApprovalTools.Emulator.State;

namespace ApprovalTools.Emulator.Control;

/// <summary>
/// /_emulator controls of the approval lifecycle: the clock, the settings of undocumented behaviours, per-key
/// permissions, stopping an execution and making a new pipeline version.
/// </summary>
internal static class LifecycleEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record ClockBody(double? AdvanceMinutes, double? AdvanceSeconds);
    private sealed record PermissionBody(string? AccessKeyId, string? RoleArn, string[]? Allow, string? Policy);
    private sealed record StopBody(bool? Abandon, string? Reason);
    private sealed record UpdateBody(int? TimeoutInMinutes, string? ExecutionMode);

    public static void Map(RouteGroupBuilder group, EmulatorState state)
    {
        group.MapGet("/clock", () => Clock(state, TimeSpan.Zero));
        group.MapPost("/clock", async (HttpContext http) =>
        {
            var body = await ReadAsync<ClockBody>(http);
            var by = TimeSpan.FromMinutes(body?.AdvanceMinutes ?? 0) + TimeSpan.FromSeconds(body?.AdvanceSeconds ?? 0);
            return by < TimeSpan.Zero ? Problem(400, "The clock only moves forward.") : Clock(state, by);
        });

        group.MapGet("/settings", () => Results.Json(state.Settings, Json));
        group.MapPut("/settings", async (HttpContext http) =>
        {
            var settings = await ReadAsync<EmulatorSettings>(http) ?? new EmulatorSettings();
            try { state.SetSettings(settings); }
            catch (ArgumentException e) { return Problem(400, e.Message); }
            return Results.Json(state.Settings, Json);
        });

        group.MapGet("/permissions", () => Results.Json(state.Permissions.Snapshot(), Json));
        group.MapPut("/permissions", async (HttpContext http) =>
        {
            var body = await ReadAsync<PermissionBody>(http);
            var principal = body?.AccessKeyId ?? body?.RoleArn;
            if (string.IsNullOrEmpty(principal)) return Problem(400, "accessKeyId or roleArn is required.");
            if (body!.Policy is not null and not "AWSCodePipelineApproverAccess")
                return Problem(400, "policy must be AWSCodePipelineApproverAccess.");
            IEnumerable<string>? allow = body.Allow;
            if (body.Policy is not null) allow = (allow ?? []).Concat(Permissions.ApproverAccess);
            state.SetPermissions(principal, allow?.ToArray());
            return Results.Json(state.Permissions.Snapshot(), Json);
        });

        group.MapPost("/pipelines/{name}/executions/{id}/stop", async (string name, string id, HttpContext http) =>
        {
            var body = await ReadAsync<StopBody>(http);
            lock (state.Gate)
            {
                state.ExpireDue();
                try
                {
                    var status = StopRetryOperations.Apply(state, name, id, body?.Abandon ?? true,
                        body?.Reason, state.Now);
                    return Results.Json(new { pipelineExecutionId = id, status }, Json);
                }
                catch (AwsServiceException e) { return Problem(e.Code == "PipelineNotFoundException" ? 404 : 400,
                    e.Message, e.Code); }
            }
        });

        group.MapPost("/pipelines/{name}/update", async (string name, HttpContext http) =>
        {
            var body = await ReadAsync<UpdateBody>(http);
            lock (state.Gate)
            {
                state.ExpireDue();
                if (!state.Pipelines.TryGetValue(name, out var pipeline)) return Problem(404,
                    $"Pipeline '{name}' does not exist.");
                var raw = pipeline.Declaration.DeepClone().AsObject();
                if (body?.ExecutionMode is { } mode) raw["executionMode"] = mode;
                if (body?.TimeoutInMinutes is { } minutes)
                    foreach (var action in raw["stages"]!.AsArray().SelectMany(s => s!["actions"]!.AsArray()))
                        if ((string?)action!["actionTypeId"]!["provider"] == "Manual")
                            action["timeoutInMinutes"] = minutes;
                try
                {
                    var declaration = PipelineVersionOperations.Publish(state, pipeline, raw, state.Now);
                    return Results.Json(new { pipelineName = name, version = (int)declaration["version"]! }, Json);
                }
                catch (AwsServiceException e) { return Problem(400, e.Message, e.Code); }
            }
        });
    }

    private static IResult Clock(EmulatorState state, TimeSpan by) =>
        Results.Json(new { now = state.AdvanceClock(by).UtcDateTime.ToString("O") }, Json);

    private static IResult Problem(int status, string message, string? code = null) =>
        Results.Json(new { error = message, code }, Json, statusCode: status);

    private static async Task<T?> ReadAsync<T>(HttpContext http) where T : class
    {
        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync(http.RequestAborted);
        if (string.IsNullOrWhiteSpace(text)) return null;
        try { return JsonSerializer.Deserialize<T>(text, Json); }
        catch (JsonException e) { throw new BadHttpRequestException($"Invalid JSON body: {e.Message}"); }
    }
}
