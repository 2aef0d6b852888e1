using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalTools.Emulator.Faults;
using ApprovalTools.Emulator.Model;
using ApprovalTools.Emulator.Operations;
using ApprovalTools.Emulator.State;

namespace ApprovalTools.Emulator.Aws;

/// <summary>
/// POST / with X-Amz-Target, as the awsJson1.1 protocol. Order per request: log arrival, faults (latency, drop,
/// throttle, server error), SigV4, operation lookup, JSON parse, model validation, handler under the state lock,
/// then the lost-response fault for a successful PutApprovalResult.
/// </summary>
internal sealed class AwsJsonEndpoint(EmulatorState state, EmulatorOptions options)
{
    private const string ContentType = "application/x-amz-json-1.1";
    private static readonly JsonSerializerOptions Output = new() { Encoder =
        JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ServiceModel _model = ServiceModel.CodePipeline;
    private readonly SigV4Verifier _verifier = new(state.CredentialStore, ServiceModel.CodePipeline.SigningName);

    public async Task HandleAsync(HttpContext http)
    {
        var response = http.Response;
        response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        var aborted = http.RequestAborted;

        byte[] body;
        using (var buffer = new MemoryStream())
        {
            try { await http.Request.Body.CopyToAsync(buffer, aborted); }
            catch (Exception) when (aborted.IsCancellationRequested) { return; }
            body = buffer.ToArray();
        }

        var target = http.Request.Headers["X-Amz-Target"].ToString();
        var prefix = _model.TargetPrefix + ".";
        var operation = target.StartsWith(prefix, StringComparison.Ordinal) ? target[prefix.Length..] : null;
        var fields = ReadFields(body);
        var call = state.CallLog.Begin(state.Now, operation ?? NullIfEmpty(target), fields,
            SigV4Verifier.ClaimedAccessKeyId(http.Request),
            SigV4Verifier.ClaimedRegion(http.Request));
        var isApproval = operation == OperationTable.PutApprovalResult;
        if (isApproval && fields.Token is not null) state.ApprovalCounters.Received(fields.Token);

        try
        {
            var fault = state.FaultInjector.Decide(operation, call.Region);
            if (fault.Slow) state.CallLog.MarkFault(call, "slow");
            if (fault.DelayMs > 0) await Task.Delay(fault.DelayMs, aborted);
            switch (fault.Kind)
            {
                case FaultKind.Drop:
                    Abort(http, call, "drop");
                    return;
                case FaultKind.Throttle:
                    state.CallLog.MarkFault(call, "throttle");
                    throw AwsErrors.Throttling();
                case FaultKind.RateLimit:
                    state.CallLog.MarkFault(call, "rateLimit");
                    throw AwsErrors.Throttling();
                case FaultKind.ServerError:
                    state.CallLog.MarkFault(call, "serverError");
                    throw AwsErrors.ServerFault(fault.ServerErrorStatus);
            }

            var caller = _verifier.Verify(http.Request, body, state.RealNow);
            if (operation is null || !_model.HasOperation(operation)) throw AwsErrors.UnknownOperation(
                NullIfEmpty(target));
            var handler = OperationTable.Find(operation)
                ?? throw new AwsServiceException("UnknownOperationException",
                    $"The local emulator does not implement {operation}.");
            Authorize(operation, caller, fields);
            using var input = Parse(body);
            Validate(operation, input.RootElement);

            JsonObject result;
            lock (state.Gate)
            {
                state.ExpireDue();
                result = handler(input.RootElement, new OperationContext(state, caller, state.Now));
            }

            if (isApproval)
            {
                state.ApprovalCounters.Applied(fields.Token!);
                if (state.FaultInjector.TakeLostResponse())
                {
                    Abort(http, call, "lostResponse");
                    return;
                }
            }
            await WriteAsync(http, call, 200, result, null);
        }
        catch (AwsServiceException e)
        {
            await WriteAsync(http, call, e.StatusCode, new JsonObject { ["__type"] = e.Code,
                ["message"] = e.Message }, e.Code);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            state.CallLog.Complete(call, null, null, "clientAborted");
        }
        catch (Exception e) when (!response.HasStarted)
        {
            // An emulator bug still answers like the service would, and shows up in the call log.
            await WriteAsync(http, call, 500, new JsonObject { ["__type"] = "InternalFailure",
                ["message"] = e.Message }, "InternalFailure");
        }
    }

    /// <summary>The permissions set through the control surface, as IAM answers: AccessDeniedException naming the
    /// caller, the action and the resource (the pipeline, or for PutApprovalResult the action).</summary>
    private void Authorize(string operation, CallerIdentity caller, RequestFields fields)
    {
        var credential = state.CredentialStore.Find(caller.AccessKeyId);
        if (state.Permissions.Allows(caller.AccessKeyId, credential?.RoleArn, operation)) return;
        var resource = $"arn:aws:codepipeline:{caller.Region}:{AwsAccount.Id}:{fields.PipelineName ?? "*"}";
        if (operation == OperationTable.PutApprovalResult && fields.StageName is not null
            && fields.ActionName is not null)
            resource += $"/{fields.StageName}/{fields.ActionName}";
        throw AwsErrors.AccessDenied(OperationContext.CallerArnOf(state, caller.AccessKeyId), operation, resource);
    }

    private static JsonDocument Parse(byte[] body)
    {
        if (body.Length == 0 || body.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            return JsonDocument.Parse("{}");
        try
        {
            var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object) return doc;
            doc.Dispose();
            throw AwsErrors.Serialization("Start of structure or map expected at the top level of the request body.");
        }
        catch (JsonException e)
        {
            throw AwsErrors.Serialization($"The request body is not valid JSON: {e.Message}");
        }
    }

    private void Validate(string operation, JsonElement input)
    {
        if (_model.InputShapeOf(operation) is not { } shape) return;
        List<string> errors;
        try { errors = new ShapeValidator(_model).Validate(shape, input); }
        catch (ShapeTypeException e) { throw AwsErrors.Serialization(e.Message); }
        if (errors.Count > 0) throw AwsErrors.Validation(ShapeValidator.Message(errors));
    }

    private void Abort(HttpContext http, CallEntry call, string fault)
    {
        state.CallLog.Complete(call, null, null, fault);
        Log(call, "(no response)", fault);
        http.Abort();
    }

    private async Task WriteAsync(HttpContext http, CallEntry call, int status, JsonObject body, string? errorCode)
    {
        state.CallLog.Complete(call, status, errorCode, null);
        Log(call, status.ToString(), errorCode);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Output);
        http.Response.StatusCode = status;
        http.Response.ContentType = ContentType;
        http.Response.ContentLength = bytes.Length;
        try { await http.Response.Body.WriteAsync(bytes, http.RequestAborted); }
        catch (OperationCanceledException) { }
    }

    private void Log(CallEntry call, string outcome, string? detail)
    {
        // Read per call: the host switches the log on only after its banner line.
        if (options.RequestLog is not { } requestLog) return;
        lock (requestLog)
            requestLog.WriteLine($"{call.Time:HH:mm:ss.fff} #{call.Sequence} {call.Operation ?? "-"} " +
                $"{call.PipelineName ?? "-"} -> {outcome}{(detail is null ? "" : " " + detail)}");
    }

    /// <summary>Pipeline, stage, action, token and answer, whatever the operation, for the call log; never
    /// throws.</summary>
    private static RequestFields ReadFields(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return RequestFields.Empty;
            var status = root.TryGetProperty("result", out var r) ? r.Text("status") : null;
            return new(root.Text("pipelineName") ?? root.Text("name"), root.Text("stageName"), root.Text("actionName"),
                root.Text("token"), status);
        }
        catch (JsonException)
        {
            return RequestFields.Empty;
        }
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
