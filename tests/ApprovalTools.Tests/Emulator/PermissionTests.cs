using Xunit;
using static ApprovalTools.Tests.Emulator.LifecycleSteps;

namespace ApprovalTools.Tests.Emulator;

/// <summary>Allow-lists per key (or role): anything else is AccessDeniedException, as IAM words it.</summary>
public sealed class PermissionTests
{
    [Fact]
    public async Task The_approver_policy_allows_reads_and_answers_but_not_ListActionExecutions()
    {
        await using var h = await Harness.StartAsync();
        await h.ControlJsonAsync(HttpMethod.Put, "/_emulator/permissions",
            new { accessKeyId = "AKIDAPPROVALTOOLS", policy = "AWSCodePipelineApproverAccess" });
        await h.OkAsync("ListPipelines");
        await h.OkAsync("GetPipelineState", new { name = "web-api" });
        var denied = await h.ErrorAsync("ListActionExecutions", new { pipelineName = "web-api" }, "AccessDeniedException");
        Assert.Equal("User: arn:aws:iam::123456789012:user/approvaltools-local is not authorized to perform: " +
            "codepipeline:ListActionExecutions on resource: arn:aws:codepipeline:us-east-1:123456789012:web-api " +
            "because no identity-based policy allows the codepipeline:ListActionExecutions action", denied.Message);
        await h.OkAsync("PutApprovalResult", WebApiAnswer(WebApiToken));

        await h.ControlJsonAsync(HttpMethod.Put, "/_emulator/permissions", new { accessKeyId = "AKIDAPPROVALTOOLS", allow = (string[]?)null });
        await h.OkAsync("ListActionExecutions", new { pipelineName = "web-api" });
    }

    [Fact]
    public async Task An_allow_list_refuses_an_answer_before_it_is_applied_and_reset_clears_it()
    {
        await using var h = await Harness.StartAsync();
        await h.ControlJsonAsync(HttpMethod.Put, "/_emulator/permissions", new { accessKeyId = "AKIDAPPROVALTOOLS", allow = new[] { "GetPipelineState" } });
        var denied = await h.ErrorAsync("PutApprovalResult", WebApiAnswer(WebApiToken), "AccessDeniedException");
        Assert.Contains("on resource: arn:aws:codepipeline:us-east-1:123456789012:web-api/Approval/ReleaseApproval ", denied.Message);
        Assert.Equal("InProgress", (string)Harness.Latest(await h.StateOfAsync("web-api"), "Approval", "ReleaseApproval")!["status"]!);
        await h.ControlJsonAsync(HttpMethod.Post, "/_emulator/reset");
        await h.OkAsync("PutApprovalResult", WebApiAnswer(WebApiToken));
    }
}
