using ApprovalTools.Emulator;
using Xunit;

namespace ApprovalTools.Tests.Emulator;

/// <summary>The CLI is a Python process that takes a second of CPU to start, so its tests run alone, after the rest.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    public const string Name = "Emulator AWS CLI";
}

/// <summary>The real AWS CLI (botocore's signer and parser) against the emulator.</summary>
[Collection(CliCollection.Name)]
public sealed class CliTests
{
    [Fact]
    public async Task Cli_reads_pipelines_state_declaration_and_execution_and_a_wrong_secret_is_refused()
    {
        await using var h = await Harness.StartAsync();
        h.State.Generate(150, 0, "bench-");
        var url = h.Server.Url;
        var secret = EmulatorOptions.DefaultSecretAccessKey;

        // Started together: the CLI takes about a second to start.
        var results = await Task.WhenAll(
            AwsCli.RunAsync(url, secret, "list-pipelines"),
            AwsCli.RunAsync(url, secret, "get-pipeline", "--name", "web-api"),
            AwsCli.RunAsync(url, secret, "get-pipeline-state", "--name", "web-frontend"),
            AwsCli.RunAsync(url, secret, "get-pipeline-execution", "--pipeline-name", "web-frontend",
                "--pipeline-execution-id", "b3e1c5d7-2f4a-4b6c-9d8e-0a1b2c3d4e5f"),
            AwsCli.RunAsync(url, "not-the-secret", "get-pipeline-state", "--name", "web-api"));
        foreach (var r in results[..4])
            Assert.True(r.ExitCode == 0, $"aws exited {r.ExitCode}: {r.StdErr}");
        var (list, declaration, state, execution, wrongSecret) = (results[0], results[1], results[2], results[3], results[4]);

        Assert.NotEqual(0, wrongSecret.ExitCode);
        Assert.Contains("(InvalidSignatureException)", wrongSecret.StdErr);
        Assert.Contains("The request signature we calculated does not match the signature you provided.", wrongSecret.StdErr);
        var refused = Assert.Single(h.State.Calls(), c => c.ErrorCode is not null);
        Assert.Equal(("GetPipelineState", "web-api", 400, "InvalidSignatureException"), (refused.Operation, refused.PipelineName, refused.HttpStatus, refused.ErrorCode));

        // The CLI pages through nextToken itself (100 per page): 150 generated + 6 seeded.
        var names = list.Json["pipelines"]!.AsArray().Select(p => (string)p!["name"]!).ToList();
        Assert.Equal(156, names.Count);
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), names);
        Assert.Contains("web-frontend", names);
        var summary = list.Json["pipelines"]!.AsArray().Single(p => (string)p!["name"]! == "web-frontend")!;
        Assert.Equal(7, (int)summary["version"]!);
        Assert.Equal("V2", (string)summary["pipelineType"]!);
        Assert.Equal("SUPERSEDED", (string)summary["executionMode"]!);

        var approval = declaration.Json["pipeline"]!["stages"]!.AsArray()
            .Single(s => (string)s!["name"]! == "Approval")!["actions"]![0]!;
        Assert.Equal("Manual", (string)approval["actionTypeId"]!["provider"]!);
        Assert.Equal(120, (int)approval["timeoutInMinutes"]!);
        Assert.Equal("https://staging.api.acme.example/health", (string)approval["configuration"]!["ExternalEntityLink"]!);
        Assert.Equal("arn:aws:codepipeline:us-east-1:123456789012:web-api", (string)declaration.Json["metadata"]!["pipelineArn"]!);

        var latest = Harness.Latest(state.Json, "Approval", "ManualApproval")!;
        Assert.Equal("InProgress", (string)latest["status"]!);
        Assert.Equal("6f1c2b9e-8a47-4d3e-b5a0-1c2d3e4f5a6b", (string)latest["token"]!);

        var run = execution.Json["pipelineExecution"]!;
        Assert.Equal("InProgress", (string)run["status"]!);
        Assert.Contains("Add dark mode toggle", (string)run["artifactRevisions"]![0]!["revisionSummary"]!);
        Assert.Equal("WebhookV2", (string)run["trigger"]!["triggerType"]!);
    }

    [Fact]
    public async Task Cli_puts_an_approval_result_and_a_retry_gets_ApprovalAlreadyCompleted()
    {
        await using var h = await Harness.StartAsync();
        const string token = "6f1c2b9e-8a47-4d3e-b5a0-1c2d3e4f5a6b";
        var result = await AwsCli.RunAsync(h.Server.Url, EmulatorOptions.DefaultSecretAccessKey,
            "put-approval-result", "--pipeline-name", "web-frontend", "--stage-name", "Approval",
            "--action-name", "ManualApproval", "--result", "summary=Ship it from the CLI,status=Approved", "--token", token);
        Assert.True(result.ExitCode == 0, result.StdErr);
        var approvedAt = Harness.Epoch(result.Json["approvedAt"]!);
        Assert.InRange(approvedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));

        var latest = Harness.Latest(await h.StateOfAsync("web-frontend"), "Approval", "ManualApproval")!;
        Assert.Equal("Succeeded", (string)latest["status"]!);
        Assert.Equal("Ship it from the CLI", (string)latest["summary"]!);
        Assert.Equal("arn:aws:iam::123456789012:user/approvaltools-local", (string)latest["lastUpdatedBy"]!);

        // The same answer again (a client retrying) is refused without changing anything.
        var retry = await h.Aws.CallAsync("PutApprovalResult", Harness.Approval("web-frontend", "Approval", "ManualApproval", token));
        Assert.Equal("ApprovalAlreadyCompletedException", retry.ErrorType);
        Assert.Equal(new[] { new ApprovalCount(token, 2, 1) }, h.State.ApprovalCounts());
    }
}
