using System.Collections;
using ApprovalTools.Commands;
using ApprovalTools.Engine;
using ApprovalTools.Tests.Emulator;
using Xunit;
using static ApprovalTools.Tests.Workers.WorkerRequests;

namespace ApprovalTools.Tests.Workers;

/// <summary>The names behind Tab: one completer, switching on the parameter it completes.</summary>
public sealed class CompletionTests
{
    [Fact]
    public async Task Each_parameter_completes_with_its_own_kind_of_name()
    {
        await using var emulator = await Harness.StartAsync();
        var bound = new Hashtable
        {
            ["EndpointUrl"] = emulator.Server.Url.ToString().TrimEnd('/'),
            ["Region"] = new[] { Region },
            ["AccessKey"] = ApprovalTools.Emulator.EmulatorOptions.DefaultAccessKeyId,
            ["SecretKey"] = ApprovalTools.Emulator.EmulatorOptions.DefaultSecretAccessKey,
        };
        var aws = AwsParameters.FromBound(bound);
        Assert.Equal(Region, aws.Region);

        var pipelines = Names("PipelineName", aws, null, null);
        Assert.Contains("web-api", pipelines);
        Assert.Contains("web-frontend", pipelines);

        var stages = Names("StageName", aws, "web-api", null);
        Assert.Equal("Approval", stages[0]);
        Assert.Contains("Production", stages);

        var actions = Names("ActionName", aws, "web-api", "Prod*");
        Assert.Equal(new[] { "DeployProduction" }, actions);

        Assert.Empty(Completion.Names("Summary", aws, "web-api", null));
        Assert.Empty(Completion.Names("StageName", aws, "web-*", null));
    }

    // A Tab waits 2.5 s at most; on a loaded machine the first answer can come later, and then fills the cache.
    private static List<string> Names(string parameter, AwsParameters aws, string? pipeline, string? stage)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try { return Completion.Names(parameter, aws, pipeline, stage).Select(n => n.Name).ToList(); }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException && DateTime.UtcNow < until)
            {
                Thread.Sleep(500);
            }
        }
    }
}
