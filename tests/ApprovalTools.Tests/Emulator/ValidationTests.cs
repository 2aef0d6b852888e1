using Xunit;

namespace ApprovalTools.Tests.Emulator;

/// <summary>Input validation driven by the service model, and protocol-level errors.</summary>
public sealed class ValidationTests
{
    [Fact]
    public async Task A_pattern_violation_names_the_member_in_AWS_style()
    {
        await using var h = await Harness.StartAsync();
        var response = await h.ErrorAsync("GetPipelineState", new { name = "bad name" }, "ValidationException");
        Assert.Equal(@"1 validation error detected: Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9.@\-_]+",
            response.Message);
    }

    [Fact]
    public async Task Nested_required_and_enum_violations_are_all_reported()
    {
        await using var h = await Harness.StartAsync();
        var response = await h.ErrorAsync("PutApprovalResult",
            new { pipelineName = "web-frontend", stageName = "Approval", actionName = "ManualApproval", result = new { summary = "x", status = "Maybe" } },
            "ValidationException");
        Assert.StartsWith("2 validation errors detected: ", response.Message);
        Assert.Contains("Value null at 'token' failed to satisfy constraint: Member must not be null", response.Message);
        Assert.Contains("Value 'Maybe' at 'result.status' failed to satisfy constraint: Member must satisfy enum value set: [Approved, Rejected]", response.Message);
    }

    [Fact]
    public async Task Token_pattern_and_summary_length_are_checked()
    {
        await using var h = await Harness.StartAsync();
        var response = await h.ErrorAsync("PutApprovalResult",
            Harness.Approval("web-frontend", "Approval", "ManualApproval", "not-a-uuid", summary: new string('x', 513)), "ValidationException");
        Assert.Contains("Value 'not-a-uuid' at 'token' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", response.Message);
        Assert.Contains("at 'result.summary' failed to satisfy constraint: Member must have length less than or equal to 512", response.Message);
    }

    [Theory]
    [InlineData(0, "Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1")]
    [InlineData(1001, "Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000")]
    public async Task Numeric_ranges_are_checked(int maxResults, string expected)
    {
        await using var h = await Harness.StartAsync();
        var response = await h.ErrorAsync("ListPipelines", new { maxResults }, "ValidationException");
        Assert.Equal("1 validation error detected: " + expected, response.Message);
    }

    [Fact]
    public async Task String_lengths_are_checked()
    {
        await using var h = await Harness.StartAsync();
        var tooLong = new string('a', 101);
        var response = await h.ErrorAsync("GetPipeline", new { name = tooLong }, "ValidationException");
        Assert.Equal($"1 validation error detected: Value '{tooLong}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 100", response.Message);

        var empty = await h.ErrorAsync("ListPipelines", new { nextToken = "" }, "ValidationException");
        Assert.Contains("at 'nextToken' failed to satisfy constraint: Member must have length greater than or equal to 1", empty.Message);
    }

    [Fact]
    public async Task Malformed_json_and_wrong_types_are_SerializationException()
    {
        await using var h = await Harness.StartAsync();
        Assert.Equal("SerializationException", (await h.Aws.SendAsync("GetPipeline", "{\"name\": ")).ErrorType);
        Assert.Equal("SerializationException", (await h.Aws.SendAsync("GetPipeline", "[1, 2]")).ErrorType);
        Assert.Equal("SerializationException", (await h.Aws.SendAsync("ListPipelines", "{\"maxResults\": \"ten\"}")).ErrorType);
        Assert.Equal("SerializationException", (await h.Aws.SendAsync("GetPipeline", "{\"name\": 42}")).ErrorType);
    }

    [Fact]
    public async Task Unknown_targets_are_UnknownOperationException()
    {
        await using var h = await Harness.StartAsync();
        var bogus = await h.Aws.SendAsync("DoSomethingElse", "{}");
        Assert.Equal((400, "UnknownOperationException"), (bogus.Status, bogus.ErrorType));

        var otherService = await h.Aws.SendAsync(null, "{}", beforeSigning: r => r.Headers.Add("X-Amz-Target", "DynamoDB_20120810.ListTables"));
        Assert.Equal("UnknownOperationException", otherService.ErrorType);

        var noTarget = await h.Aws.SendAsync(null, "{}");
        Assert.Equal("UnknownOperationException", noTarget.ErrorType);
    }

    [Fact]
    public async Task An_empty_body_is_an_empty_input()
    {
        await using var h = await Harness.StartAsync();
        Assert.Equal(200, (await h.Aws.SendAsync("ListPipelines", "")).Status);
        var response = await h.Aws.SendAsync("GetPipeline", "");
        Assert.Equal("1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null", response.Message);
    }
}
