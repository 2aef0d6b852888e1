using System.Text.Json;

namespace ApprovalTools.Emulator.Control;

/// <summary>
/// /_emulator: a JSON (camelCase) control surface for test harnesses, outside AWS auth and untouched by faults.
/// Each endpoint is a thin wrapper over the <see cref="EmulatorState"/> method of the same meaning.
/// </summary>
internal static class ControlEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private sealed record StartBody(string? RevisionSummary);
    private sealed record GenerateBody(int? Count, int? Pending, string? Prefix);
    private sealed record CredentialBody(string? AccessKeyId, string? SecretAccessKey, string? SessionToken,
        string? UserName);

    public static void Map(IEndpointRouteBuilder app, EmulatorState state)
    {
        var group = app.MapGroup("/_emulator");

        LifecycleEndpoints.Map(group, state);

        group.MapGet("/health", () => Ok(new { status = "ok", pipelines = state.PipelineCount }));

        group.MapPost("/reset", () =>
        {
            state.Reset();
            return Ok(new { reset = true, pipelines = state.PipelineCount });
        });

        group.MapPost("/pipelines/{name}/executions", async (string name, HttpContext http) =>
        {
            var (body, error) = await ReadAsync<StartBody>(http);
            if (error is not null) return error;
            try { return Ok(state.StartExecution(name, body?.RevisionSummary)); }
            catch (KeyNotFoundException e) { return Problem(404, e.Message); }
        });

        group.MapGet("/pending", () => Ok(state.OpenApprovals()));

        group.MapPost("/generate", async (HttpContext http) =>
        {
            var (body, error) = await ReadAsync<GenerateBody>(http);
            if (error is not null) return error;
            var count = body?.Count ?? 1000;
            var pending = body?.Pending ?? 0;
            if (count is < 0 or > 100_000 || pending < 0 || pending > count)
                return Problem(400, "count must be 0..100000 and pending 0..count.");
            return Ok(state.Generate(count, pending, body?.Prefix ?? "bench-"));
        });

        group.MapGet("/faults", () => Ok(state.Faults ?? new FaultSettings()));
        group.MapPut("/faults", async (HttpContext http) =>
        {
            var (body, error) = await ReadAsync<FaultSettings>(http);
            if (error is not null) return error;
            state.SetFaults(body ?? new FaultSettings());
            return Ok(state.Faults);
        });
        group.MapDelete("/faults", () =>
        {
            state.ClearFaults();
            return Results.NoContent();
        });

        group.MapGet("/calls", () => Ok(state.Calls()));
        group.MapDelete("/calls", () =>
        {
            state.ClearCalls();
            return Results.NoContent();
        });

        group.MapGet("/approvals", () => Ok(state.ApprovalCounts()));

        group.MapPut("/credentials", async (HttpContext http) =>
        {
            var (body, error) = await ReadAsync<CredentialBody>(http);
            if (error is not null) return error;
            if (string.IsNullOrEmpty(body?.AccessKeyId) || string.IsNullOrEmpty(body.SecretAccessKey))
                return Problem(400, "accessKeyId and secretAccessKey are required.");
            state.AddCredential(body.AccessKeyId, body.SecretAccessKey, body.SessionToken, body.UserName);
            return Ok(new { accessKeyId = body.AccessKeyId });
        });
    }

    private static IResult Ok<T>(T value) => Results.Json(value, Json);

    private static IResult Problem(int status, string message) => Results.Json(new { error = message }, Json,
        statusCode: status);

    // Harnesses post with or without a JSON content type, so the body is read whatever the header says.
    private static async Task<(T? Body, IResult? Error)> ReadAsync<T>(HttpContext http) where T : class
    {
        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync(http.RequestAborted);
        if (string.IsNullOrWhiteSpace(text)) return (null, null);
        try { return (JsonSerializer.Deserialize<T>(text, Json), null); }
        catch (JsonException e) { return (null, Problem(400, $"Invalid JSON body: {e.Message}")); }
    }
}
