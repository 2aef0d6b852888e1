using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using ApprovalTools.Client;
using Xunit;

namespace ApprovalTools.Tests.Client;

/// <summary>Tests that set process-wide AWS_* variables; they run alone, after the parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "Client environment variables";
}

/// <summary>Sets environment variables for one test and puts the old values back.</summary>
public sealed class EnvScope : IDisposable
{
    private readonly Dictionary<string, string?> _saved = new();

    public EnvScope(params (string Name, string? Value)[] vars)
    {
        foreach (var (name, value) in vars)
        {
            _saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved) Environment.SetEnvironmentVariable(name, value);
    }
}

public static class Endpoints
{
    // The variables that could steer endpoint resolution from outside the test.
    public static EnvScope Clean(params (string, string?)[] vars) => new(new (string, string?)[]
    {
        ("AWS_ENDPOINT_URL", null), ("AWS_ENDPOINT_URL_CODEPIPELINE", null), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", null),
        ("AWS_USE_FIPS_ENDPOINT", null), ("AWS_USE_DUALSTACK_ENDPOINT", null),
    }.Concat(vars).ToArray());

    public static string Resolve(CodePipelineClientConfig config) =>
        config.DetermineServiceOperationEndpoint(new ServiceOperationEndpointParameters(new ListPipelinesRequest())).URL;
}

[Collection(EnvironmentCollection.Name)]
public class EndpointTests
{
    [Theory]
    [InlineData("us-west-2", false, "https://codepipeline.us-west-2.amazonaws.com/")]
    [InlineData("eu-central-1", false, "https://codepipeline.eu-central-1.amazonaws.com/")]
    [InlineData("us-east-1", true, "https://codepipeline-fips.us-east-1.amazonaws.com/")]
    [InlineData("us-gov-west-1", true, "https://codepipeline-fips.us-gov-west-1.amazonaws.com/")]
    [InlineData("cn-north-1", false, "https://codepipeline.cn-north-1.amazonaws.com.cn/")]
    public void Region_and_fips_pick_the_standard_host(string region, bool fips, string expected)
    {
        using var _ = Endpoints.Clean();
        var config = new CodePipelineClientConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region), UseFIPSEndpoint = fips };
        Assert.Equal(expected, Endpoints.Resolve(config));
    }

    [Fact]
    public void Dualstack_uses_the_partition_dualstack_suffix()
    {
        using var _ = Endpoints.Clean();
        var config = new CodePipelineClientConfig { RegionEndpoint = RegionEndpoint.USEast2, UseDualstackEndpoint = true };
        Assert.Equal("https://codepipeline.us-east-2.api.aws/", Endpoints.Resolve(config));
    }

    [Fact]
    public void ServiceUrl_wins_over_region()
    {
        using var _ = Endpoints.Clean(("AWS_ENDPOINT_URL_CODEPIPELINE", "http://127.0.0.1:1/"));
        var config = new CodePipelineClientConfig { RegionEndpoint = RegionEndpoint.USWest2, ServiceURL = "http://localhost:4566" };
        Assert.Equal("http://localhost:4566/", Endpoints.Resolve(config));
    }

    [Fact]
    public void ServiceUrl_with_fips_is_refused()
    {
        using var _ = Endpoints.Clean();
        var config = new CodePipelineClientConfig { ServiceURL = "http://localhost:4566", UseFIPSEndpoint = true };
        Assert.Throws<AmazonClientException>(() => Endpoints.Resolve(config));
    }

    [Fact]
    public void Service_specific_environment_endpoint_is_used()
    {
        using var _ = Endpoints.Clean(("AWS_ENDPOINT_URL_CODEPIPELINE", "http://127.0.0.1:9911"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:9922"));
        var config = new CodePipelineClientConfig { RegionEndpoint = RegionEndpoint.USWest2 };
        Assert.Equal("http://127.0.0.1:9911/", Endpoints.Resolve(config));
    }

    [Fact]
    public void Global_environment_endpoint_is_used()
    {
        using var _ = Endpoints.Clean(("AWS_ENDPOINT_URL", "http://127.0.0.1:9922"));
        var config = new CodePipelineClientConfig { RegionEndpoint = RegionEndpoint.USWest2 };
        Assert.Equal("http://127.0.0.1:9922/", Endpoints.Resolve(config));
    }

    [Fact]
    public void Configured_endpoints_can_be_ignored()
    {
        using var _ = Endpoints.Clean(("AWS_ENDPOINT_URL_CODEPIPELINE", "http://127.0.0.1:9911"));
        var config = new CodePipelineClientConfig { RegionEndpoint = RegionEndpoint.USWest2, IgnoreConfiguredEndpointUrls = true };
        Assert.Equal("https://codepipeline.us-west-2.amazonaws.com/", Endpoints.Resolve(config));
    }

    [Theory]
    [InlineData("svc", "http://127.0.0.1:9933/")]
    [InlineData("global", "http://127.0.0.1:9944/")]
    public void Profile_endpoint_url_is_used(string profile, string expected)
    {
        // Core reads AWS_CONFIG_FILE once per process, so point the config at the file through its Profile instead.
        var dir = Directory.CreateTempSubdirectory("approvaltools-client-");
        try
        {
            // A credentials file with a config file beside it, as in ~/.aws.
            var file = Path.Combine(dir.FullName, "credentials");
            File.WriteAllText(file, "");
            File.WriteAllText(Path.Combine(dir.FullName, "config"), """
                [profile svc]
                region = eu-west-1
                services = local-cp

                [services local-cp]
                codepipeline =
                  endpoint_url = http://127.0.0.1:9933

                [profile global]
                region = eu-west-1
                endpoint_url = http://127.0.0.1:9944
                """);
            using var _ = Endpoints.Clean();
            var config = new CodePipelineClientConfig { Profile = new Profile(profile, file) };
            Assert.Equal(expected, Endpoints.Resolve(config));
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public async Task Local_endpoint_requests_are_signed_for_the_authentication_region()
    {
        using var _ = Endpoints.Clean();
        var handler = StubHandler.Json((HttpStatusCode.OK, "{}"));
        using var client = Stub.Client(handler, c =>
        {
            c.RegionEndpoint = null;
            c.ServiceURL = "http://127.0.0.1:8123/";
            c.AuthenticationRegion = "eu-west-3";
        });
        await client.ListPipelinesAsync(new ListPipelinesRequest());
        var sent = Assert.Single(handler.Requests);
        Assert.Equal("http://127.0.0.1:8123/", sent.Uri.ToString());
        Assert.Contains("/eu-west-3/codepipeline/aws4_request", sent.Header("Authorization"));
    }

    [Fact]
    public async Task Environment_endpoint_reaches_the_wire()
    {
        using var _ = Endpoints.Clean(("AWS_ENDPOINT_URL_CODEPIPELINE", "http://127.0.0.1:8124"));
        var handler = StubHandler.Json((HttpStatusCode.OK, "{}"));
        using var client = Stub.Client(handler);
        await client.ListPipelinesAsync(new ListPipelinesRequest());
        var sent = Assert.Single(handler.Requests);
        Assert.Equal("http://127.0.0.1:8124/", sent.Uri.ToString());
        Assert.Contains("/us-west-2/codepipeline/aws4_request", sent.Header("Authorization"));
    }

    [Fact]
    public async Task Explicit_authentication_region_wins_over_the_region()
    {
        using var _ = Endpoints.Clean(("AWS_ENDPOINT_URL_CODEPIPELINE", "http://127.0.0.1:8125"));
        var handler = StubHandler.Json((HttpStatusCode.OK, "{}"));
        using var client = Stub.Client(handler, c => c.AuthenticationRegion = "ap-south-1");
        await client.ListPipelinesAsync(new ListPipelinesRequest());
        Assert.Contains("/ap-south-1/codepipeline/aws4_request", Assert.Single(handler.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task An_aws_host_signs_for_the_region_in_its_name()
    {
        using var _ = Endpoints.Clean(("AWS_ENDPOINT_URL_CODEPIPELINE", "https://codepipeline.eu-west-1.amazonaws.com"));
        var handler = StubHandler.Json((HttpStatusCode.OK, "{}"));
        using var client = Stub.Client(handler);
        await client.ListPipelinesAsync(new ListPipelinesRequest());
        var sent = Assert.Single(handler.Requests);
        Assert.Equal("https://codepipeline.eu-west-1.amazonaws.com/", sent.Uri.ToString());
        Assert.Contains("/eu-west-1/codepipeline/aws4_request", sent.Header("Authorization"));
    }

    [Fact]
    public void Config_names_the_service()
    {
        var config = new CodePipelineClientConfig();
        Assert.Equal("CodePipeline", config.ServiceId);
        Assert.Equal("codepipeline", config.AuthenticationServiceName);
        Assert.Equal("codepipeline", config.RegionEndpointServiceName);
        Assert.Equal("2015-07-09", config.ServiceVersion);
        Assert.Equal(RequestRetryMode.Standard, config.RetryMode);
    }
}
