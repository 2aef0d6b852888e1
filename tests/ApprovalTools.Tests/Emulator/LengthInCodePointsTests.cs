using Xunit;

namespace ApprovalTools.Tests.Emulator;

/// <summary>Model lengths count Unicode characters (code points), as the service does, not UTF-16 units.</summary>
public sealed class LengthInCodePointsTests
{
    private const string WebFrontendToken = "6f1c2b9e-8a47-4d3e-b5a0-1c2d3e4f5a6b";
    private static readonly string Emoji = char.ConvertFromUtf32(0x1F600);

    [Fact]
    public async Task A_summary_of_512_emoji_is_accepted_and_kept_whole()
    {
        await using var h = await Harness.StartAsync();
        var summary = string.Concat(Enumerable.Repeat(Emoji, 512));
        await h.OkAsync("PutApprovalResult",
            Harness.Approval("web-frontend", "Approval", "ManualApproval", WebFrontendToken, summary: summary));

        var latest = Harness.Latest(await h.StateOfAsync("web-frontend"), "Approval", "ManualApproval")!;
        Assert.Equal(summary, (string)latest["summary"]!);
    }

    [Fact]
    public async Task A_summary_of_513_emoji_is_refused_as_too_long()
    {
        await using var h = await Harness.StartAsync();
        var summary = string.Concat(Enumerable.Repeat(Emoji, 513));
        var response = await h.ErrorAsync("PutApprovalResult",
            Harness.Approval("web-frontend", "Approval", "ManualApproval", WebFrontendToken, summary: summary),
            "ValidationException");
        Assert.Contains("at 'result.summary' failed to satisfy constraint: "
            + "Member must have length less than or equal to 512", response.Message);
        Assert.Contains(h.State.OpenApprovals(), a => a.PipelineName == "web-frontend");
    }
}
