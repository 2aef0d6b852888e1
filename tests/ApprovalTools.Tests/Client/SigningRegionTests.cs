using Amazon;
using ApprovalTools.Aws;
using ApprovalTools.Client;
using ApprovalTools.Emulator;
using Xunit;

namespace ApprovalTools.Tests.Client;

/// <summary>The region requests are signed for, decided by SigningRegion alone: what the service sees.</summary>
[Collection(EnvironmentCollection.Name)]
public class SigningRegionTests
{
    private static AwsSettings Keys(string region) => new()
    {
        Region = region,
        AccessKey = EmulatorOptions.DefaultAccessKeyId,
        SecretKey = EmulatorOptions.DefaultSecretAccessKey,
    };

    [Fact]
    public async Task A_session_with_an_endpoint_signs_for_its_region_even_one_AWS_does_not_know()
    {
        await using var emu = await Emu.StartAsync();
        using var _ = Endpoints.Clean(("AWS_PROFILE", null));
        var settings = Keys("local-test-1");
        settings.EndpointUrl = emu.Url;
        using var session = settings.Resolve();
        await session.Client.ListPipelinesAsync(new ListPipelinesRequest());
        Assert.Equal("local-test-1", Assert.Single(emu.Calls("ListPipelines")).Region);
        Assert.Equal((emu.Url, "the -EndpointUrl parameter"), (session.EndpointUrl, session.EndpointSource));
    }

    [Fact]
    public async Task A_session_with_a_configured_endpoint_signs_for_its_region()
    {
        await using var emu = await Emu.StartAsync();
        using var _ = Endpoints.Clean(("AWS_PROFILE", null), ("AWS_ENDPOINT_URL_CODEPIPELINE", emu.Url));
        using var session = Keys("sa-east-1").Resolve();
        await session.Client.ListPipelinesAsync(new ListPipelinesRequest());
        Assert.Equal("sa-east-1", Assert.Single(emu.Calls("ListPipelines")).Region);
        Assert.Equal("the environment variable AWS_ENDPOINT_URL_CODEPIPELINE", session.EndpointSource);
    }

    [Fact]
    public void A_session_signs_for_its_region_even_at_an_AWS_host_that_names_another()
    {
        // Like the AWS CLI's --region beside --endpoint-url; a bare client would sign for the host's region.
        using var _ = Endpoints.Clean(("AWS_PROFILE", null),
            ("AWS_ENDPOINT_URL_CODEPIPELINE", "https://codepipeline.eu-west-1.amazonaws.com"));
        using var session = Keys("us-west-2").Resolve();
        Assert.Equal("us-west-2", SigningRegion.Of(session.Client.Config));
        var bare = new CodePipelineClientConfig { RegionEndpoint = RegionEndpoint.USWest2 };
        Assert.Equal("eu-west-1", SigningRegion.Of(bare));
    }
}
