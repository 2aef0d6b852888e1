using System.Text.Json;
using ApprovalTools.Emulator.Aws;
using ApprovalTools.Emulator.Model;
using Xunit;

namespace ApprovalTools.Tests.Emulator;

/// <summary>Small pieces of the wire format and the model-driven validator.</summary>
public sealed class WireFormatTests
{
    [Theory]
    [InlineData(1764079200123L, "1764079200.123")]
    [InlineData(1764079200000L, "1764079200.000")]
    [InlineData(1764079200050L, "1764079200.050")]
    public void Timestamps_are_epoch_seconds_with_three_decimals(long milliseconds, string expected) =>
        Assert.Equal(expected, EpochTime.Node(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)).ToJsonString());

    [Fact]
    public void The_validator_reports_list_members_by_position_and_unknown_members_in_strict_mode()
    {
        var model = ServiceModel.CodePipeline;
        using var doc = JsonDocument.Parse("""
            { "name": "p", "roleArn": "arn:aws:iam::123456789012:role/r", "extra": 1,
              "stages": [ { "name": "S", "actions": [ { "name": "A", "actionTypeId": { "category": "Nope", "owner": "AWS", "provider": "Manual", "version": "1" } } ] } ] }
            """);
        var errors = new ShapeValidator(model, strict: true).Validate("PipelineDeclaration", doc.RootElement);
        Assert.Contains("Value 'Nope' at 'stages.1.member.actions.1.member.actionTypeId.category' failed to satisfy constraint: Member must satisfy enum value set: [Source, Build, Deploy, Test, Invoke, Approval, Compute]", errors);
        Assert.Contains("Unknown member 'extra'", errors);
        Assert.DoesNotContain(new ShapeValidator(model).Validate("PipelineDeclaration", doc.RootElement), e => e.StartsWith("Unknown"));
    }
}
