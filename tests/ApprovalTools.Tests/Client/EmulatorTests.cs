using System.Diagnostics;
using Amazon.Runtime;
using ApprovalTools.Client;
using ApprovalTools.Emulator;
using Xunit;

namespace ApprovalTools.Tests.Client;

/// <summary>A fresh emulator and a client pointed at it, as a caller with a local endpoint would set one up.</summary>
public sealed class Emu : IAsyncDisposable
{
    public const string Region = "eu-west-1";
    private readonly EmulatorServer _server;
    public CodePipelineClient Client { get; }
    public EmulatorState State => _server.State;
    public string Url => _server.Url.ToString();

    private Emu(EmulatorServer server, CodePipelineClient client) => (_server, Client) = (server, client);

    public static async Task<Emu> StartAsync(Action<CodePipelineClientConfig>? configure = null, AWSCredentials? credentials = null)
    {
        var server = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0 });
        var config = new CodePipelineClientConfig { ServiceURL = server.Url.ToString(), AuthenticationRegion = Region };
        configure?.Invoke(config);
        credentials ??= new BasicAWSCredentials(EmulatorOptions.DefaultAccessKeyId, EmulatorOptions.DefaultSecretAccessKey);
        return new Emu(server, new CodePipelineClient(credentials, config));
    }

    public CodePipelineClient NewClient(AWSCredentials credentials, Action<CodePipelineClientConfig>? configure = null)
    {
        var config = new CodePipelineClientConfig { ServiceURL = Url, AuthenticationRegion = Region };
        configure?.Invoke(config);
        return new CodePipelineClient(credentials, config);
    }

    public IReadOnlyList<CallRecord> Calls(string operation) => State.Calls().Where(c => c.Operation == operation).ToList();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _server.DisposeAsync();
    }
}

public class EmulatorTests
{
    private static readonly string[] SamplePipelines = ["infra-parallel", "legacy-app", "mobile-release", "nightly-batch", "web-api", "web-frontend"];

    private static async Task<string> OpenToken(CodePipelineClient client, string pipeline = "web-frontend")
    {
        var state = await client.GetPipelineStateAsync(new GetPipelineStateRequest { Name = pipeline });
        return state.StageStates.Single(s => s.StageName == "Approval").ActionStates.Single(a => a.ActionName == "ManualApproval")
            .LatestExecution!.Token!;
    }

    [Fact]
    public async Task ListAllPipelines_walks_every_page()
    {
        await using var emu = await Emu.StartAsync();
        var names = new List<string?>();
        await foreach (var p in emu.Client.ListAllPipelinesAsync(pageSize: 2)) names.Add(p.Name);

        Assert.Equal(emu.State.PipelineCount, names.Count);
        Assert.Subset(names.ToHashSet(), SamplePipelines.ToHashSet<string?>());
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), names);
        Assert.Equal(names.Count, names.Distinct().Count());
        var calls = emu.Calls("ListPipelines");
        Assert.Equal((names.Count + 1) / 2, calls.Count);
        Assert.All(calls, c => Assert.Equal(200, c.HttpStatus));
        Assert.All(calls, c => Assert.Equal(EmulatorOptions.DefaultAccessKeyId, c.AccessKeyId));
    }

    [Fact]
    public async Task One_page_carries_typed_summaries()
    {
        await using var emu = await Emu.StartAsync();
        var page = await emu.Client.ListPipelinesAsync(new ListPipelinesRequest { MaxResults = 100 });
        Assert.Null(page.NextToken);
        Assert.False(string.IsNullOrEmpty(page.ResponseMetadata.RequestId));
        var parallel = page.Pipelines.Single(p => p.Name == "infra-parallel");
        Assert.Equal("PARALLEL", parallel.ExecutionMode);
        Assert.NotNull(parallel.Version);
        Assert.Equal(DateTimeKind.Utc, parallel.Created!.Value.Kind);
        Assert.InRange(parallel.Created.Value, new DateTime(2015, 1, 1), DateTime.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task GetPipelineState_shows_the_pending_approval_token()
    {
        await using var emu = await Emu.StartAsync();
        var state = await emu.Client.GetPipelineStateAsync(new GetPipelineStateRequest { Name = "web-frontend" });
        Assert.Equal("web-frontend", state.PipelineName);
        var approval = state.StageStates.Single(s => s.StageName == "Approval");
        var action = approval.ActionStates.Single(a => a.ActionName == "ManualApproval");
        Assert.Equal("InProgress", action.LatestExecution!.Status);

        var open = emu.State.OpenApprovals().Single(a => a.PipelineName == "web-frontend");
        Assert.Equal(open.Token, action.LatestExecution.Token);
        Assert.Equal(open.PipelineExecutionId, approval.LatestExecution!.PipelineExecutionId);
    }

    [Fact]
    public async Task GetPipeline_and_GetPipelineExecution_describe_the_waiting_run()
    {
        await using var emu = await Emu.StartAsync();
        var declaration = await emu.Client.GetPipelineAsync(new GetPipelineRequest { Name = "web-frontend" });
        var manual = declaration.Pipeline!.Stages.Single(s => s.Name == "Approval").Actions.Single(a => a.Name == "ManualApproval");
        Assert.Equal(("Approval", "AWS", "Manual"), (manual.ActionTypeId!.Category, manual.ActionTypeId.Owner, manual.ActionTypeId.Provider));
        Assert.Contains(":web-frontend", declaration.Metadata!.PipelineArn);
        Assert.Equal(declaration.Pipeline.Version, (await emu.Client.GetPipelineAsync(
            new GetPipelineRequest { Name = "web-frontend", Version = declaration.Pipeline.Version })).Pipeline!.Version);

        var open = emu.State.OpenApprovals().Single(a => a.PipelineName == "web-frontend");
        var execution = (await emu.Client.GetPipelineExecutionAsync(new GetPipelineExecutionRequest
        {
            PipelineName = "web-frontend", PipelineExecutionId = open.PipelineExecutionId,
        })).PipelineExecution!;
        Assert.Equal(open.PipelineExecutionId, execution.PipelineExecutionId);
        Assert.Equal("InProgress", execution.Status);
        Assert.NotEmpty(execution.ArtifactRevisions);
        Assert.All(execution.ArtifactRevisions, r => Assert.False(string.IsNullOrEmpty(r.RevisionId)));
    }

    [Fact]
    public async Task PutApprovalResult_approves_and_returns_ApprovedAt()
    {
        await using var emu = await Emu.StartAsync();
        var token = await OpenToken(emu.Client);
        var before = DateTime.UtcNow.AddSeconds(-5);
        var r = await emu.Client.PutApprovalResultAsync(new PutApprovalResultRequest
        {
            PipelineName = "web-frontend", StageName = "Approval", ActionName = "ManualApproval", Token = token,
            Result = new ApprovalDecision { Status = "Approved", Summary = "Looks good" },
        });
        Assert.Equal(DateTimeKind.Utc, r.ApprovedAt!.Value.Kind);
        Assert.InRange(r.ApprovedAt.Value, before, DateTime.UtcNow.AddSeconds(5));
        var count = emu.State.ApprovalCounts().Single(c => c.Token == token);
        Assert.Equal((1, 1), (count.Received, count.Applied));
        Assert.DoesNotContain(emu.State.OpenApprovals(), a => a.Token == token);
        var call = emu.Calls("PutApprovalResult").Single();
        Assert.Equal(("web-frontend", "Approval", "ManualApproval", "Approved"), (call.PipelineName, call.StageName, call.ActionName, call.Status));
    }

    [Fact]
    public async Task Modeled_errors_arrive_with_their_codes()
    {
        await using var emu = await Emu.StartAsync();
        var c = emu.Client;
        var token = await OpenToken(c);
        PutApprovalResultRequest Put(string stage = "Approval", string action = "ManualApproval", string? tok = null, string status = "Approved") => new()
        {
            PipelineName = "web-frontend", StageName = stage, ActionName = action, Token = tok ?? token,
            Result = new ApprovalDecision { Status = status, Summary = "s" },
        };

        var notFound = await Assert.ThrowsAsync<CodePipelineServiceException>(() => c.GetPipelineStateAsync(new GetPipelineStateRequest { Name = "no-such-pipeline" }));
        Assert.Equal("PipelineNotFoundException", notFound.ErrorCode);
        Assert.Contains("no-such-pipeline", notFound.Message);
        Assert.False(string.IsNullOrEmpty(notFound.RequestId));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, notFound.StatusCode);

        async Task Refused(string code, Func<Task> call) =>
            Assert.Equal(code, (await Assert.ThrowsAsync<CodePipelineServiceException>(call)).ErrorCode);
        await Refused("StageNotFoundException", () => c.PutApprovalResultAsync(Put(stage: "NoSuchStage")));
        await Refused("ActionNotFoundException", () => c.PutApprovalResultAsync(Put(action: "NoSuchAction")));
        await Assert.ThrowsAsync<InvalidApprovalTokenException>(() => c.PutApprovalResultAsync(Put(tok: Guid.NewGuid().ToString())));
        await Refused("ValidationException", () => c.PutApprovalResultAsync(Put(status: "Maybe")));
        await Assert.ThrowsAsync<PipelineExecutionNotFoundException>(() => c.GetPipelineExecutionAsync(
            new GetPipelineExecutionRequest { PipelineName = "web-frontend", PipelineExecutionId = Guid.NewGuid().ToString() }));
        await Refused("InvalidNextTokenException", () => c.ListPipelinesAsync(new ListPipelinesRequest { NextToken = "not-a-real-token" }));
        await Refused("PipelineVersionNotFoundException", () => c.GetPipelineAsync(new GetPipelineRequest { Name = "web-frontend", Version = 9999 }));

        await c.PutApprovalResultAsync(Put());
        var done = await Assert.ThrowsAsync<ApprovalAlreadyCompletedException>(() => c.PutApprovalResultAsync(Put()));
        Assert.Equal("ApprovalAlreadyCompletedException", done.ErrorCode);
        // Modeled errors are final: one call each, no retries.
        Assert.Equal(
            ["StageNotFoundException", "ActionNotFoundException", "InvalidApprovalTokenException", "ValidationException", null, "ApprovalAlreadyCompletedException"],
            emu.Calls("PutApprovalResult").Select(x => x.ErrorCode));
        Assert.Single(emu.Calls("GetPipelineExecution"));
    }

    [Fact]
    public async Task Wrong_secret_is_an_InvalidSignatureException_without_the_secret()
    {
        await using var emu = await Emu.StartAsync();
        const string wrong = "definitely-not-the-secret-0123456789";
        using var client = emu.NewClient(new BasicAWSCredentials(EmulatorOptions.DefaultAccessKeyId, wrong));
        var ex = await Assert.ThrowsAsync<CodePipelineServiceException>(() => client.ListPipelinesAsync(new ListPipelinesRequest()));
        Assert.Equal("InvalidSignatureException", ex.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.DoesNotContain(wrong, ex.ToString());
        Assert.DoesNotContain(EmulatorOptions.DefaultSecretAccessKey, ex.ToString());
        Assert.Single(emu.Calls("ListPipelines")); // not retried
    }

    [Fact]
    public async Task Unknown_access_key_is_an_UnrecognizedClientException()
    {
        await using var emu = await Emu.StartAsync();
        using var client = emu.NewClient(new BasicAWSCredentials("AKIDNOBODY", "whatever"));
        var ex = await Assert.ThrowsAsync<CodePipelineServiceException>(() => client.ListPipelinesAsync(new ListPipelinesRequest()));
        Assert.Equal("UnrecognizedClientException", ex.ErrorCode);
    }

    [Fact]
    public async Task Session_credentials_send_their_token()
    {
        await using var emu = await Emu.StartAsync();
        emu.State.AddCredential("AKIDSESSIONTEST", "session-secret", "session-token-123");
        using var good = emu.NewClient(new SessionAWSCredentials("AKIDSESSIONTEST", "session-secret", "session-token-123"));
        Assert.NotEmpty((await good.ListPipelinesAsync(new ListPipelinesRequest())).Pipelines);
        using var bad = emu.NewClient(new SessionAWSCredentials("AKIDSESSIONTEST", "session-secret", "other-token"));
        var ex = await Assert.ThrowsAsync<CodePipelineServiceException>(() => bad.ListPipelinesAsync(new ListPipelinesRequest()));
        Assert.Equal("UnrecognizedClientException", ex.ErrorCode);
    }

    [Fact]
    public async Task Throttling_is_retried_by_the_sdk_until_it_clears()
    {
        await using var emu = await Emu.StartAsync(c => c.MaxErrorRetry = 9);
        emu.State.SetFaults(new FaultSettings { ThrottleRate = 1.0, Operations = ["ListPipelines"] });
        var call = emu.Client.ListPipelinesAsync(new ListPipelinesRequest());

        // Lift the fault once the first attempt has been throttled; the SDK's next attempt then succeeds.
        var sw = Stopwatch.StartNew();
        while (!emu.Calls("ListPipelines").Any(c => c.ErrorCode == "ThrottlingException") && sw.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(1);
        emu.State.ClearFaults();

        var page = await call;
        Assert.NotEmpty(page.Pipelines);
        var calls = emu.Calls("ListPipelines");
        Assert.InRange(calls.Count, 2, 10);
        Assert.All(calls.Take(calls.Count - 1), c => Assert.Equal(("ThrottlingException", 400), (c.ErrorCode, c.HttpStatus)));
        Assert.Equal(200, calls[^1].HttpStatus);
    }

    [Fact]
    public async Task Persistent_throttling_gives_up_past_the_ceiling()
    {
        await using var emu = await Emu.StartAsync(c => c.MaxErrorRetry = 2);
        emu.Client.ThrottleCeiling = TimeSpan.FromSeconds(1.5);
        emu.State.SetFaults(new FaultSettings { ThrottleRate = 1.0 });
        var ex = await Assert.ThrowsAsync<ThrottledTooLongException>(() => emu.Client.GetPipelineStateAsync(new GetPipelineStateRequest { Name = "web-api" }));
        Assert.Equal("ThrottlingException", ex.ErrorCode);
        Assert.Contains("(Rate exceeded)", ex.Message);
        Assert.True(emu.Calls("GetPipelineState").Count >= 2);
    }

    [Fact]
    public async Task Server_errors_are_retried_then_surface_with_their_code()
    {
        await using var emu = await Emu.StartAsync(c => c.MaxErrorRetry = 2);
        emu.State.SetFaults(new FaultSettings { ServerErrorRate = 1.0 });
        var ex = await Assert.ThrowsAsync<CodePipelineServiceException>(() => emu.Client.GetPipelineAsync(new GetPipelineRequest { Name = "web-api" }));
        Assert.Equal("InternalFailure", ex.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Equal(3, emu.Calls("GetPipeline").Count);
    }

    [Fact]
    public async Task Cancellation_aborts_a_slow_call_promptly()
    {
        await using var emu = await Emu.StartAsync();
        emu.State.SetFaults(new FaultSettings { LatencyMs = 30_000, Operations = ["GetPipelineState"] });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var sw = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            emu.Client.GetPipelineStateAsync(new GetPipelineStateRequest { Name = "web-api" }, cts.Token));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"took {sw.Elapsed}");
        emu.State.ClearFaults();
        Assert.Equal("web-api", (await emu.Client.GetPipelineStateAsync(new GetPipelineStateRequest { Name = "web-api" })).PipelineName);
    }
}
