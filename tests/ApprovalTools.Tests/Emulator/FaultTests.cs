using System.Diagnostics;
using ApprovalTools.Emulator;
using Xunit;

namespace ApprovalTools.Tests.Emulator;

/// <summary>Injected faults on the AWS path, the call log and the per-token counts.</summary>
public sealed class FaultTests
{
    private const string Token = "6f1c2b9e-8a47-4d3e-b5a0-1c2d3e4f5a6b";
    private static readonly object Approve = Harness.Approval("web-frontend", "Approval", "ManualApproval", Token);

    [Fact]
    public async Task Latency_and_slow_requests_delay_the_answer()
    {
        await using var h = await Harness.StartAsync();
        h.State.SetFaults(new FaultSettings { LatencyMs = 250 });
        var watch = Stopwatch.StartNew();
        Assert.Equal(200, (await h.Aws.CallAsync("ListPipelines")).Status);
        Assert.InRange(watch.ElapsedMilliseconds, 240, 5000);

        h.State.SetFaults(new FaultSettings { SlowRate = 1, SlowLatencyMs = 400 });
        watch.Restart();
        Assert.Equal(200, (await h.Aws.CallAsync("ListPipelines")).Status);
        Assert.InRange(watch.ElapsedMilliseconds, 390, 5000);
        Assert.Equal("slow", h.State.Calls()[^1].Fault);
    }

    [Fact]
    public async Task Latency_honours_a_client_that_gives_up()
    {
        await using var h = await Harness.StartAsync();
        h.State.SetFaults(new FaultSettings { LatencyMs = 10_000 });
        using var cts = new CancellationTokenSource(200);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Aws.CallAsync("ListPipelines", ct: cts.Token));
        var call = await WaitForAsync(() => h.State.Calls().SingleOrDefault(c => c.Fault == "clientAborted"));
        Assert.Null(call.HttpStatus);
    }

    [Fact]
    public async Task Throttling_and_server_errors()
    {
        await using var h = await Harness.StartAsync();
        h.State.SetFaults(new FaultSettings { ThrottleRate = 1 });
        var throttled = await h.Aws.CallAsync("ListPipelines");
        Assert.Equal((400, "ThrottlingException", "Rate exceeded"), (throttled.Status, throttled.ErrorType, throttled.Message));

        h.State.SetFaults(new FaultSettings { ServerErrorRate = 1 });
        var internalFailure = await h.Aws.CallAsync("ListPipelines");
        Assert.Equal((500, "InternalFailure"), (internalFailure.Status, internalFailure.ErrorType));

        h.State.SetFaults(new FaultSettings { ServerErrorRate = 1, ServerErrorStatus = 503 });
        var unavailable = await h.Aws.CallAsync("ListPipelines");
        Assert.Equal((503, "ServiceUnavailableException"), (unavailable.Status, unavailable.ErrorType));
        Assert.Single(unavailable.Headers.GetValues("x-amzn-RequestId"));

        Assert.Equal(["throttle", "serverError", "serverError"], h.State.Calls().Select(c => c.Fault));
        Assert.Equal([400, 500, 503], h.State.Calls().Select(c => c.HttpStatus ?? 0));
    }

    [Fact]
    public async Task Dropped_requests_get_no_response_and_faults_never_touch_the_control_surface()
    {
        await using var h = await Harness.StartAsync();
        await h.ControlJsonAsync(HttpMethod.Put, "/_emulator/faults", new { dropRate = 1.0 });
        await Assert.ThrowsAsync<HttpRequestException>(() => h.Aws.CallAsync("PutApprovalResult", Approve));
        Assert.Contains(h.State.OpenApprovals(), a => a.Token == Token);

        var health = await h.Control.GetAsync("_emulator/health");
        Assert.True(health.IsSuccessStatusCode);
        var call = Assert.Single(h.State.Calls());
        Assert.Equal(("PutApprovalResult", "drop", (int?)null), (call.Operation, call.Fault, call.HttpStatus));
        Assert.Equal(new ApprovalCount(Token, 1, 0), Assert.Single(h.State.ApprovalCounts()));
    }

    [Fact]
    public async Task Lost_responses_are_applied_then_cut_off_so_a_retry_sees_ApprovalAlreadyCompleted()
    {
        await using var h = await Harness.StartAsync();
        await h.ControlJsonAsync(HttpMethod.Put, "/_emulator/faults", new { lostResponses = 1, operations = new[] { "PutApprovalResult" } });

        await Assert.ThrowsAsync<HttpRequestException>(() => h.Aws.CallAsync("PutApprovalResult", Approve));
        Assert.Equal("Succeeded", (string)Harness.Latest(await h.StateOfAsync("web-frontend"), "Approval", "ManualApproval")!["status"]!);
        var retry = await h.Aws.CallAsync("PutApprovalResult", Approve);
        Assert.Equal("ApprovalAlreadyCompletedException", retry.ErrorType);

        var approvals = await h.ControlJsonAsync(HttpMethod.Get, "/_emulator/approvals");
        var entry = Assert.Single(approvals.AsArray())!;
        Assert.Equal((Token, 2, 1), ((string)entry["token"]!, (int)entry["received"]!, (int)entry["applied"]!));

        var calls = (await h.ControlJsonAsync(HttpMethod.Get, "/_emulator/calls")).AsArray();
        var puts = calls.Where(c => (string)c!["operation"]! == "PutApprovalResult").ToList();
        Assert.Equal(2, puts.Count);
        Assert.Equal("lostResponse", (string)puts[0]!["fault"]!);
        Assert.Null(puts[0]!["httpStatus"]);
        Assert.Equal(("ApprovalAlreadyCompletedException", 400), ((string)puts[1]!["errorCode"]!, (int)puts[1]!["httpStatus"]!));
        Assert.Equal(("web-frontend", "Approval", "ManualApproval", Token, "Approved", "AKIDAPPROVALTOOLS"),
            ((string)puts[0]!["pipelineName"]!, (string)puts[0]!["stageName"]!, (string)puts[0]!["actionName"]!,
             (string)puts[0]!["token"]!, (string)puts[0]!["status"]!, (string)puts[0]!["accessKeyId"]!));
        Assert.True((long)puts[0]!["sequence"]! < (long)puts[1]!["sequence"]!);
    }

    [Fact]
    public async Task Operations_restrict_the_faults()
    {
        await using var h = await Harness.StartAsync();
        h.State.SetFaults(new FaultSettings { ThrottleRate = 1, Operations = ["PutApprovalResult"] });
        Assert.Equal(200, (await h.Aws.CallAsync("GetPipelineState", new { name = "web-frontend" })).Status);
        Assert.Equal("ThrottlingException", (await h.Aws.CallAsync("PutApprovalResult", Approve)).ErrorType);

        await h.Control.DeleteAsync("_emulator/faults");
        Assert.Null(h.State.Faults);
        Assert.Equal(200, (await h.Aws.CallAsync("PutApprovalResult", Approve)).Status);
    }

    [Fact]
    public async Task RequestsPerSecond_is_a_token_bucket()
    {
        await using var h = await Harness.StartAsync();
        h.State.SetFaults(new FaultSettings { RequestsPerSecond = 5 });
        var results = new List<AwsResponse>();
        for (var i = 0; i < 20; i++) results.Add(await h.Aws.CallAsync("ListPipelines"));
        var ok = results.Count(r => r.Status == 200);
        Assert.InRange(ok, 5, 10);
        Assert.All(results.Where(r => r.Status != 200), r => Assert.Equal("ThrottlingException", r.ErrorType));
        Assert.Equal(20 - ok, h.State.Calls().Count(c => c.Fault == "rateLimit"));

        await Task.Delay(1100);
        Assert.Equal(200, (await h.Aws.CallAsync("ListPipelines")).Status);
    }

    [Fact]
    public async Task A_random_seed_makes_fault_draws_repeatable()
    {
        await using var h = await Harness.StartAsync();
        async Task<string> Run()
        {
            h.State.SetFaults(new FaultSettings { ThrottleRate = 0.5, RandomSeed = 42 });
            var outcomes = "";
            for (var i = 0; i < 24; i++) outcomes += (await h.Aws.CallAsync("ListPipelines")).Status == 200 ? "." : "T";
            return outcomes;
        }
        var first = await Run();
        Assert.Equal(first, await Run());
        Assert.Contains(".", first);
        Assert.Contains("T", first);
    }

    [Fact]
    public async Task The_call_log_records_every_request_in_order_and_can_be_cleared()
    {
        await using var h = await Harness.StartAsync();
        await h.Aws.CallAsync("ListPipelines");
        await h.Aws.SendAsync("GetPipeline", "{}", sign: false);
        await h.Aws.CallAsync("GetPipelineState", new { name = "bad name" });
        var calls = h.State.Calls();
        Assert.Equal(["ListPipelines", "GetPipeline", "GetPipelineState"], calls.Select(c => c.Operation));
        Assert.Equal([200, 400, 400], calls.Select(c => c.HttpStatus ?? 0));
        Assert.Equal([null, "MissingAuthenticationTokenException", "ValidationException"], calls.Select(c => c.ErrorCode));
        Assert.Equal("bad name", calls[2].PipelineName);
        Assert.Null(calls[1].AccessKeyId);
        Assert.True(calls.Zip(calls.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence && p.First.Time <= p.Second.Time));

        var response = await h.Control.DeleteAsync("_emulator/calls");
        Assert.True(response.IsSuccessStatusCode);
        Assert.Empty(h.State.Calls());
    }

    // Generous: on a loaded 2-core machine Kestrel can take seconds to notice a client that went away.
    private static async Task<T> WaitForAsync<T>(Func<T?> probe) where T : class
    {
        for (var i = 0; i < 400; i++)
        {
            if (probe() is { } found) return found;
            await Task.Delay(50);
        }
        throw new TimeoutException("The condition never came true.");
    }
}
