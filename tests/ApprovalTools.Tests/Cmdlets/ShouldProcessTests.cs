using System.Management.Automation;
using System.Management.Automation.Runspaces;
using ApprovalTools.Commands;
using ApprovalTools.Emulator;
using Xunit;

namespace ApprovalTools.Tests.Cmdlets;

/// <summary>The confirmation prompt of every piped item names that item's own run, and answers are honoured per item.</summary>
public sealed class ShouldProcessTests : IAsyncLifetime
{
    private EmulatorServer _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0 });
    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private (PowerShell, RecordingHost) CreateShell(Func<string, int> answer)
    {
        var host = new RecordingHost(answer);
        var iss = InitialSessionState.CreateDefault2();
        iss.ImportPSModule(typeof(GetPendingApprovalCommand).Assembly.Location);
        var runspace = RunspaceFactory.CreateRunspace(host, iss);
        runspace.Open();
        var ps = PowerShell.Create();
        ps.Runspace = runspace;
        return (ps, host);
    }

    private const string Common = "-EndpointUrl $url -Region us-east-1 -AccessKey AKIDAPPROVALTOOLS -SecretKey approvaltools-local-secret";

    [Fact]
    public void EachPromptNamesItsOwnRunAndOnlyTheConfirmedOneIsAnswered()
    {
        const int Yes = 0, No = 2;
        // Refuse web-api, accept web-frontend: whichever order they arrive in.
        var (ps, host) = CreateShell(message => message.Contains("'web-api'") ? No : Yes);
        using var _ = ps;
        ps.Runspace.SessionStateProxy.SetVariable("url", _emulator.Url.ToString().TrimEnd('/'));
        var listed = ps.AddScript($"Get-PendingApproval -PipelineName web-* {Common}").Invoke().Select(o => (PendingApproval)o.BaseObject).ToList();
        Assert.Equal(2, listed.Count);

        ps.Commands.Clear();
        ps.AddScript($"$args[0] | Approve-PipelineAction -Summary ok {Common}").AddArgument(listed);
        var results = ps.Invoke();

        Assert.Equal(2, host.Prompts.Count);
        foreach (var approval in listed)
        {
            var prompt = Assert.Single(host.Prompts, p => p.Contains($"'{approval.PipelineName}'"));
            Assert.Contains(approval.PipelineExecutionId!, prompt);
            Assert.Contains(approval.RevisionSummary!, prompt);
            foreach (var other in listed.Where(o => o != approval))
                Assert.DoesNotContain(other.PipelineExecutionId!, prompt);
        }
        var result = (ApprovalResult)Assert.Single(results).BaseObject;
        Assert.Equal("web-frontend", result.PipelineName);
        var put = Assert.Single(_emulator.State.Calls(), c => c.Operation == "PutApprovalResult");
        Assert.Equal(listed.Single(l => l.PipelineName == "web-frontend").Token, put.Token);
    }

    [Fact]
    public void ForceAnswersWithoutPrompting()
    {
        var (ps, host) = CreateShell(_ => throw new InvalidOperationException("no prompt expected"));
        using var _ = ps;
        ps.Runspace.SessionStateProxy.SetVariable("url", _emulator.Url.ToString().TrimEnd('/'));
        var results = ps.AddScript($"Get-PendingApproval web-api {Common} | Deny-PipelineAction -Force {Common}").Invoke();
        Assert.Empty(host.Prompts);
        Assert.Equal("Rejected", ((ApprovalResult)Assert.Single(results).BaseObject).Status);
    }

    [Fact]
    public void ConfirmPreferenceNoneStillPromptsOnlyWithConfirm()
    {
        var (ps, host) = CreateShell(_ => 2);
        using var _ = ps;
        ps.Runspace.SessionStateProxy.SetVariable("url", _emulator.Url.ToString().TrimEnd('/'));
        ps.AddScript($"$ConfirmPreference = 'None'; Get-PendingApproval web-api {Common} | Approve-PipelineAction -Confirm {Common}").Invoke();
        Assert.Single(host.Prompts);
        Assert.DoesNotContain(_emulator.State.Calls(), c => c.Operation == "PutApprovalResult");
    }
}
