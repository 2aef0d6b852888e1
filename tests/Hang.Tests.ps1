# An endpoint that accepts connections and never answers: every command fails within -TimeoutSec with
# EndpointTimeout naming the endpoint, instead of hanging for the HTTP client's 100 s per attempt.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    # Loopback only; never accepted by the test, so the kernel completes each handshake and nothing ever answers.
    $script:Silent = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $Silent.Start(64)
    $script:SilentUrl = "http://127.0.0.1:$($Silent.LocalEndpoint.Port)"

    function Measure-Failure([scriptblock] $Command) {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $all = @(& $Command -ErrorAction Continue 2>&1)
        [pscustomobject]@{
            Output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
            Errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            Seconds = $clock.Elapsed.TotalSeconds
        }
    }
}
AfterAll { $Silent.Stop() }

Describe 'An endpoint that never answers' {
    It 'Get-PendingApproval by name: one EndpointTimeout naming the endpoint, within -TimeoutSec' {
        $r = Measure-Failure { Get-PendingApproval -PipelineName web-api -EndpointUrl $SilentUrl -TimeoutSec 2 @args }
        $r.Output | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'EndpointTimeout,*'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $r.Errors[0].Exception.Message | Should -BeLike "*$SilentUrl*GetPipelineState*2 seconds*"
        $r.Errors[0].TargetObject | Should -Be 'web-api'
        $r.Seconds | Should -BeLessThan 8 # 2 s and slack for a busy machine; 300 s before
    }

    It 'Get-PendingApproval of every pipeline: the listing times out once' {
        $r = Measure-Failure { Get-PendingApproval -EndpointUrl $SilentUrl -TimeoutSec 2 @args }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'EndpointTimeout,*'
        $r.Errors[0].Exception.Message | Should -BeLike "*ListPipelines*"
        $r.Seconds | Should -BeLessThan 8
    }

    It 'Approve-PipelineAction by name: EndpointTimeout, nothing claimed' {
        $r = Measure-Failure { Approve-PipelineAction web-api Approval ReleaseApproval -Force -EndpointUrl $SilentUrl -TimeoutSec 2 @args }
        $r.Output | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'EndpointTimeout,*'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $r.Seconds | Should -BeLessThan 8
    }

    It 'the default wait is 30 seconds, on every cmdlet' {
        foreach ($name in 'Get-PendingApproval', 'Approve-PipelineAction', 'Deny-PipelineAction') {
            $parameter = (Get-Command $name).Parameters['TimeoutSec']
            $parameter | Should -Not -BeNullOrEmpty
            $parameter.ParameterType | Should -Be ([int])
        }
        [ApprovalTools.Commands.CodePipelineCmdlet[string]]::DefaultTimeoutSec | Should -Be 30
    }
}
