using ApprovalTools.Emulator;
using Xunit;

namespace ApprovalTools.Tests.Emulator;

/// <summary>The requests-per-second limit is kept per signing region, as AWS keeps it per account and region.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Each_signing_region_has_a_bucket_of_its_own()
    {
        await using var h = await Harness.StartAsync();
        // Half a request a second: a bucket of one, refilled after two seconds; eu-west-1 has a limit of its own.
        h.State.SetFaults(new FaultSettings
        {
            RequestsPerSecond = 0.5,
            RegionRequestsPerSecond = new() { ["eu-west-1"] = 5 },
        });

        async Task<int> Call(string region)
        {
            h.Aws.Region = region;
            return (await h.Aws.CallAsync("ListPipelines")).Status;
        }

        Assert.Equal(200, await Call("us-east-1"));
        Assert.Equal(400, await Call("us-east-1"));
        // us-east-1's bucket is empty; another region's is not.
        Assert.Equal(200, await Call("ap-southeast-2"));
        Assert.Equal(400, await Call("ap-southeast-2"));
        for (var i = 0; i < 5; i++) Assert.Equal(200, await Call("eu-west-1"));

        var refused = h.State.Calls().Where(c => c.Fault == "rateLimit").Select(c => c.Region);
        Assert.Equal(["us-east-1", "ap-southeast-2"], refused);
    }

    [Fact]
    public async Task Setting_the_faults_again_fills_every_bucket()
    {
        await using var h = await Harness.StartAsync();
        var limit = new FaultSettings { RequestsPerSecond = 0.5 };
        h.State.SetFaults(limit);
        Assert.Equal(200, (await h.Aws.CallAsync("ListPipelines")).Status);
        Assert.Equal(400, (await h.Aws.CallAsync("ListPipelines")).Status);
        h.State.SetFaults(limit);
        Assert.Equal(200, (await h.Aws.CallAsync("ListPipelines")).Status);
    }
}
