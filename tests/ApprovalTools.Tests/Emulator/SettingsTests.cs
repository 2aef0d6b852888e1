using Xunit;
using static ApprovalTools.Tests.Emulator.LifecycleSteps;

namespace ApprovalTools.Tests.Emulator;

/// <summary>The undocumented behaviours, each value played (defaults in LifecycleTests and ApprovalTests).</summary>
public sealed class SettingsTests
{
    [Fact]
    public async Task Defaults_are_reported_and_reset_restores_them_and_unknown_values_are_refused()
    {
        await using var h = await Harness.StartAsync();
        var settings = await h.ControlJsonAsync(HttpMethod.Get, "/_emulator/settings");
        Assert.Equal(("answeredBy", false, "alreadyCompleted", "waitForApproval"),
            ((string)settings["emptySummary"]!, (bool)settings["answeredTokenShown"]!, (string)settings["secondAnswer"]!, (string)settings["stopWithoutAbandon"]!));
        await h.SettingsAsync(new { emptySummary = "empty", answeredTokenShown = true });
        using var bad = await h.Control.PutAsync("_emulator/settings", new StringContent("{\"secondAnswer\":\"maybe\"}"));
        Assert.Equal(400, (int)bad.StatusCode);
        await h.ControlJsonAsync(HttpMethod.Post, "/_emulator/reset");
        Assert.Equal("answeredBy", (string)(await h.ControlJsonAsync(HttpMethod.Get, "/_emulator/settings"))["emptySummary"]!);
    }

    [Theory]
    [InlineData("answeredBy", "Rejected by arn:aws:iam::123456789012:user/approvaltools-local")]
    [InlineData("empty", null)]
    public async Task An_empty_summary_is_stored_per_emptySummary(string setting, string? stored)
    {
        await using var h = await Harness.StartAsync();
        await h.SettingsAsync(new { emptySummary = setting });
        await h.OkAsync("PutApprovalResult", WebApiAnswer(WebApiToken, "Rejected", ""));
        var latest = Harness.Latest(await h.StateOfAsync("web-api"), "Approval", "ReleaseApproval")!;
        Assert.Equal(stored, (string?)latest["summary"]);
        Assert.Equal("JobFailed", (string)latest["errorDetails"]!["code"]!);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_token_of_an_answered_approval_is_shown_per_answeredTokenShown(bool shown)
    {
        await using var h = await Harness.StartAsync();
        await h.SettingsAsync(new { answeredTokenShown = shown });
        await h.OkAsync("PutApprovalResult", Harness.Approval("web-frontend", "Approval", "ManualApproval", FrontendToken));
        var latest = Harness.Latest(await h.StateOfAsync("web-frontend"), "Approval", "ManualApproval")!;
        Assert.Equal(shown ? FrontendToken : null, (string?)latest["token"]);
    }

    [Theory]
    [InlineData("alreadyCompleted", "ApprovalAlreadyCompletedException")]
    [InlineData("invalidToken", "InvalidApprovalTokenException")]
    public async Task A_second_answer_is_refused_per_secondAnswer(string setting, string error)
    {
        await using var h = await Harness.StartAsync();
        await h.SettingsAsync(new { secondAnswer = setting });
        await h.OkAsync("PutApprovalResult", WebApiAnswer(WebApiToken));
        await h.ErrorAsync("PutApprovalResult", WebApiAnswer(WebApiToken), error);
        await h.ErrorAsync("PutApprovalResult", Harness.Approval("legacy-app", "Approval", "ManualApproval", "4c3b2a19-0f8e-4d7c-b6a5-9483f2e1d0c9"), error);
    }
}
