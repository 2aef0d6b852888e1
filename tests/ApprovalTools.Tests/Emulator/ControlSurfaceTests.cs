using System.Diagnostics;
using System.Net;
using System.Text;
using ApprovalTools.Emulator;
using Xunit;

namespace ApprovalTools.Tests.Emulator;

/// <summary>The /_emulator control surface and load behaviour.</summary>
public sealed class ControlSurfaceTests
{
    [Fact]
    public async Task Health_pending_and_faults_round_trip()
    {
        await using var h = await Harness.StartAsync();
        var health = await h.ControlJsonAsync(HttpMethod.Get, "/_emulator/health");
        Assert.Equal(6, (int)health["pipelines"]!);

        var pending = (await h.ControlJsonAsync(HttpMethod.Get, "/_emulator/pending")).AsArray();
        Assert.Equal(
            ["infra-parallel/Approval/ApplyApproval", "mobile-release/Production/ProdGate", "mobile-release/QA/QASignOff",
             "web-api/Approval/ReleaseApproval", "web-frontend/Approval/ManualApproval"],
            pending.Select(p => $"{p!["pipelineName"]}/{p["stageName"]}/{p["actionName"]}").Order(StringComparer.Ordinal));

        var faults = await h.ControlJsonAsync(HttpMethod.Put, "/_emulator/faults",
            new { latencyMs = 5, throttleRate = 0.25, operations = new[] { "ListPipelines" }, randomSeed = 7 });
        Assert.Equal((5, 0.25, 7), ((int)faults["latencyMs"]!, (double)faults["throttleRate"]!, (int)faults["randomSeed"]!));
        Assert.Equal(0.25, h.State.Faults!.ThrottleRate);
        var read = await h.ControlJsonAsync(HttpMethod.Get, "/_emulator/faults");
        Assert.Equal("ListPipelines", (string)read["operations"]![0]!);
        Assert.Equal(HttpStatusCode.NoContent, (await h.Control.DeleteAsync("_emulator/faults")).StatusCode);
        Assert.Null(h.State.Faults);
    }

    [Fact]
    public async Task Reset_restores_the_seed_and_clears_faults_calls_and_counts()
    {
        await using var h = await Harness.StartAsync();
        await h.OkAsync("PutApprovalResult", Harness.Approval("web-frontend", "Approval", "ManualApproval", "6f1c2b9e-8a47-4d3e-b5a0-1c2d3e4f5a6b"));
        h.State.Generate(5, 1, "extra-");
        h.State.SetFaults(new FaultSettings { LatencyMs = 1 });

        await h.ControlJsonAsync(HttpMethod.Post, "/_emulator/reset");
        Assert.Null(h.State.Faults);
        Assert.Empty(h.State.Calls());
        Assert.Empty(h.State.ApprovalCounts());
        Assert.Equal(6, h.State.PipelineCount);
        var latest = Harness.Latest(await h.StateOfAsync("web-frontend"), "Approval", "ManualApproval")!;
        Assert.Equal(("InProgress", "6f1c2b9e-8a47-4d3e-b5a0-1c2d3e4f5a6b"), ((string)latest["status"]!, (string)latest["token"]!));
    }

    [Fact]
    public async Task Unknown_pipelines_and_bad_bodies_are_client_errors()
    {
        await using var h = await Harness.StartAsync();
        var missing = await h.Control.PostAsync("_emulator/pipelines/nope/executions", null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var bad = await h.Control.PutAsync("_emulator/faults", new StringContent("{not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var noSecret = await h.Control.PutAsync("_emulator/credentials", new StringContent("{\"accessKeyId\":\"X\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, noSecret.StatusCode);
    }

    [Fact]
    public async Task Generate_adds_1000_pipelines_with_evenly_spread_approvals_that_take_concurrent_load()
    {
        await using var h = await Harness.StartAsync();
        var generated = await h.ControlJsonAsync(HttpMethod.Post, "/_emulator/generate", new { count = 1000, pending = 50, prefix = "bench-" });
        Assert.Equal(1000, (int)generated["created"]!);
        var tokens = generated["tokens"]!.AsObject();
        Assert.Equal(50, tokens.Count);
        Assert.Equal("bench-0001", tokens.First().Key);
        Assert.Equal("bench-0021", tokens.Skip(1).First().Key);
        Assert.Equal(1006, h.State.PipelineCount);

        var page = await h.OkAsync("ListPipelines", new { maxResults = 1000 });
        Assert.Equal(1000, page["pipelines"]!.AsArray().Count);
        Assert.NotNull(page["nextToken"]);

        // Many concurrent reads plus the approvals of all 50 pending pipelines.
        var watch = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(16);
        var reads = Enumerable.Range(1, 400).Select(async i =>
        {
            await gate.WaitAsync();
            try { return (await h.Aws.CallAsync("GetPipelineState", new { name = $"bench-{i % 1000 + 1:0000}" })).Status; }
            finally { gate.Release(); }
        });
        var approvals = tokens.Select(async t =>
        {
            await gate.WaitAsync();
            try
            {
                return (await h.Aws.CallAsync("PutApprovalResult",
                    Harness.Approval(t.Key, "Approval", "ManualApproval", (string)t.Value!["Approval/ManualApproval"]!))).Status;
            }
            finally { gate.Release(); }
        });
        var statuses = await Task.WhenAll(reads.Concat(approvals));
        Assert.All(statuses, s => Assert.Equal(200, s));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        Assert.DoesNotContain(h.State.OpenApprovals(), a => a.PipelineName.StartsWith("bench-"));
        Assert.Equal(451, h.State.Calls().Count); // with the ListPipelines above
        Assert.All(h.State.ApprovalCounts(), c => Assert.Equal((1, 1), (c.Received, c.Applied)));
    }
}
