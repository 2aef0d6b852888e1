using System.Management.Automation;
using System.Management.Automation.Runspaces;
using ApprovalTools.Commands;
using ApprovalTools.Emulator;
using Xunit;

namespace ApprovalTools.Tests.Cmdlets;

/// <summary>-Confirm given with -Force still asks; a host that cannot ask fails each item, answering nothing.</summary>
public sealed class ForceAndConfirmTests : IAsyncLifetime
{
    private const string Common =
        "-EndpointUrl $url -Region us-east-1 -AccessKey AKIDAPPROVALTOOLS -SecretKey approvaltools-local-secret";

    private EmulatorServer _emulator = null!;

    public async Task InitializeAsync() =>
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0 });
    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private (PowerShell, RecordingHost) CreateShell(Func<string, int> answer)
    {
        var host = new RecordingHost(answer);
        var iss = InitialSessionState.CreateDefault2();
        iss.ImportPSModule(typeof(GetPendingApprovalCommand).Assembly.Location);
        var runspace = RunspaceFactory.CreateRunspace(host, iss);
        runspace.Open();
        runspace.SessionStateProxy.SetVariable("url", _emulator.Url.ToString().TrimEnd('/'));
        var ps = PowerShell.Create();
        ps.Runspace = runspace;
        return (ps, host);
    }

    [Fact]
    public void Force_with_Confirm_asks_for_each_item()
    {
        const int Yes = 0;
        var (ps, host) = CreateShell(_ => Yes);
        using var _ = ps;
        var results = ps.AddScript(
            $"Get-PendingApproval -PipelineName web-* {Common} | Deny-PipelineAction -Force -Confirm {Common}")
            .Invoke();
        Assert.Equal(2, host.Prompts.Count);
        Assert.Equal(2, results.Count);
        Assert.Equal(2, _emulator.State.Calls().Count(c => c.Operation == "PutApprovalResult"));
    }

    [Fact]
    public void A_host_that_cannot_prompt_fails_each_item_with_ConfirmationRequired()
    {
        var (ps, host) = CreateShell(_ => throw new NotSupportedException("This host has no user."));
        using var _ = ps;
        var results = ps.AddScript(
            $"Get-PendingApproval -PipelineName web-* {Common} | Approve-PipelineAction {Common}; 'went on'").Invoke();
        Assert.Equal(2, host.Prompts.Count);
        Assert.Equal("went on", Assert.Single(results).BaseObject);
        Assert.Equal(2, ps.Streams.Error.Count);
        foreach (var error in ps.Streams.Error)
        {
            Assert.StartsWith("ConfirmationRequired,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
            Assert.Contains("Add -Force", error.Exception.Message);
        }
        Assert.DoesNotContain(_emulator.State.Calls(), c => c.Operation == "PutApprovalResult");
    }
}
