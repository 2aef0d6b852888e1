using System.Management.Automation;
using ApprovalTools.Commands;
using ApprovalTools.Engine;
using ApprovalTools.Tests.Emulator;
using Xunit;
using static ApprovalTools.Tests.Workers.WorkerRequests;

namespace ApprovalTools.Tests.Workers;

/// <summary>The worker of Approve- and Deny-PipelineAction, run without PowerShell.</summary>
public sealed class AnswerPipelineActionWorkerTests
{
    private static async Task<PendingApproval> ListedAsync(Harness emulator, string pipeline)
    {
        var request = new GetPendingApprovalRequest { Aws = AwsFor(emulator), PipelineName = new[] { pipeline } };
        var sink = await RunAsync(s => new GetPendingApprovalWorker(s), new[] { request }, request);
        return Assert.Single(sink.Of<PendingApproval>());
    }

    private static AnswerPipelineActionRequest Piped(Harness emulator, PendingApproval approval) => new()
    {
        Aws = AwsFor(emulator),
        ParameterSetName = AnswerApprovalCommandBase.ByInputObject,
        InputObject = approval,
        Summary = "Smoke tests green",
    };

    private static Task<RecordingSink> AnswerAsync(AnswerPipelineActionRequest request,
        Func<string, bool>? answer = null) =>
        RunAsync(sink => new AnswerPipelineActionWorker(sink), new[] { request }, request, answer);

    [Fact]
    public async Task With_Force_answers_the_listed_run_with_its_token_and_summary_without_asking()
    {
        await using var emulator = await Harness.StartAsync();
        var approval = await ListedAsync(emulator, "web-api");
        var request = Piped(emulator, approval);
        request.Force = true;
        request.Status = "Rejected";
        var sink = await AnswerAsync(request, _ => throw new InvalidOperationException("no prompt expected"));

        Assert.Empty(sink.Errors);
        Assert.Empty(sink.Asked);
        var put = Assert.Single(Calls(emulator, "PutApprovalResult"));
        Assert.Equal(approval.Token, put.Token);
        Assert.Equal("Rejected", put.Status);
        var result = Assert.Single(sink.Of<ApprovalResult>());
        Assert.Equal("Rejected", result.Status);
        Assert.Equal("Smoke tests green", result.Summary);
        Assert.Equal(approval.PipelineExecutionId, result.PipelineExecutionId);
        Assert.Equal(Region, result.Region);
        Assert.DoesNotContain(emulator.State.OpenApprovals(), o => o.PipelineName == "web-api");
    }

    [Fact]
    public async Task WhatIf_reports_the_run_and_calls_nothing()
    {
        await using var emulator = await Harness.StartAsync();
        var approval = await ListedAsync(emulator, "web-frontend");
        emulator.State.ClearCalls();
        var request = Piped(emulator, approval);
        request.WhatIf = true;
        request.Force = true;
        var sink = await AnswerAsync(request);

        var (target, action) = Assert.Single(sink.Asked);
        Assert.Contains("'web-frontend'", target);
        Assert.Contains(approval.PipelineExecutionId!, target);
        Assert.Equal("Approve", action);
        Assert.Empty(sink.Objects);
        Assert.Empty(sink.Errors);
        Assert.Empty(emulator.State.Calls());
    }

    [Fact]
    public async Task A_declined_confirmation_sends_no_PutApprovalResult()
    {
        await using var emulator = await Harness.StartAsync();
        var approval = await ListedAsync(emulator, "web-api");
        var sink = await AnswerAsync(Piped(emulator, approval), _ => false);

        Assert.Contains(approval.PipelineExecutionId!, Assert.Single(sink.Asked).Target);
        Assert.Empty(sink.Objects);
        Assert.Empty(sink.Errors);
        Assert.Empty(Calls(emulator, "PutApprovalResult"));
    }

    [Fact]
    public async Task Confirm_given_asks_even_with_Force()
    {
        await using var emulator = await Harness.StartAsync();
        var request = Piped(emulator, await ListedAsync(emulator, "web-api"));
        request.Force = true;
        request.Confirm = true;
        var sink = await AnswerAsync(request, _ => false);

        Assert.Single(sink.Asked);
        Assert.Empty(Calls(emulator, "PutApprovalResult"));
    }

    [Fact]
    public async Task A_host_that_cannot_ask_fails_the_item_with_ConfirmationRequired()
    {
        await using var emulator = await Harness.StartAsync();
        var request = Piped(emulator, await ListedAsync(emulator, "web-api"));
        var sink = await AnswerAsync(request, _ => throw new ApprovalToolsException("ConfirmationRequired",
            ErrorCategory.InvalidOperation, "cannot ask"));

        var error = Assert.Single(sink.Errors);
        Assert.StartsWith("ConfirmationRequired", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Empty(Calls(emulator, "PutApprovalResult"));
    }

    [Fact]
    public async Task By_name_resolves_the_token_of_the_run_waiting_and_answers_it()
    {
        await using var emulator = await Harness.StartAsync();
        var waiting = Assert.Single(emulator.State.OpenApprovals(), o => o.PipelineName == "web-frontend");
        var request = new AnswerPipelineActionRequest
        {
            Aws = AwsFor(emulator),
            ParameterSetName = AnswerApprovalCommandBase.ByName,
            PipelineName = waiting.PipelineName,
            StageName = waiting.StageName,
            ActionName = waiting.ActionName,
            Force = true,
        };
        var sink = await AnswerAsync(request);

        Assert.Empty(sink.Errors);
        Assert.Equal(waiting.Token, Assert.Single(Calls(emulator, "PutApprovalResult")).Token);
        var result = Assert.Single(sink.Of<ApprovalResult>());
        Assert.Equal(waiting.PipelineExecutionId, result.PipelineExecutionId);
        Assert.Equal("", result.Summary);
    }

    [Fact]
    public async Task A_piped_object_with_a_malformed_token_is_InvalidInputObject_and_calls_nothing()
    {
        await using var emulator = await Harness.StartAsync();
        var approval = new PendingApproval
        {
            PipelineName = "web-api", StageName = "Approval", ActionName = "ReleaseApproval", Token = "not-a-token",
        };
        var sink = await AnswerAsync(Piped(emulator, approval));

        var error = Assert.Single(sink.Errors);
        Assert.StartsWith("InvalidInputObject", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(emulator.State.Calls());
    }

    [Fact]
    public async Task An_approval_listed_with_other_keys_is_IdentityMismatch_and_not_answered()
    {
        await using var emulator = await Harness.StartAsync();
        var approval = await ListedAsync(emulator, "web-api");
        approval.AccessKeyId = "AKIDSOMEONEELSE";
        var request = Piped(emulator, approval);
        request.Force = true;
        var sink = await AnswerAsync(request);

        var error = Assert.Single(sink.Errors);
        Assert.StartsWith("IdentityMismatch", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        Assert.Empty(Calls(emulator, "PutApprovalResult"));
    }

    [Fact]
    public async Task Region_on_the_command_line_wins_over_the_piped_approval()
    {
        await using var emulator = await Harness.StartAsync();
        var approval = await ListedAsync(emulator, "web-api");
        approval.Region = "eu-west-1";
        var request = Piped(emulator, approval);
        request.Force = true;
        var fromObject = await AnswerAsync(request);
        Assert.Equal("eu-west-1", Assert.Single(Calls(emulator, "PutApprovalResult")).Region);
        Assert.Equal("eu-west-1", Assert.Single(fromObject.Of<ApprovalResult>()).Region);

        emulator.State.ClearCalls();
        var again = Piped(emulator, await ListedAsync(emulator, "web-frontend"));
        again.InputObject!.Region = "eu-west-1";
        again.Force = true;
        again.CommandLineParameters.Add("Region");
        var fromCommandLine = await AnswerAsync(again);
        Assert.Equal(Region, Assert.Single(Calls(emulator, "PutApprovalResult")).Region);
        Assert.Equal(Region, Assert.Single(fromCommandLine.Of<ApprovalResult>()).Region);
    }
}
