# Faults injected by the local CodePipeline: throttling, server errors, dropped connections, lost replies, latency,
# a requests-per-second limit; and Ctrl+C while calls hang. Each asserts what the user sees and what the emulator
# recorded (which calls, how many, which token).
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Emulator = Start-TestEmulator

    function Set-Fault([hashtable] $Fault) { $null = Invoke-EmulatorControl $Emulator PUT faults $Fault }

    # Calls the emulator has received but not finished (no reply sent, no fault recorded): still running.
    function Get-OpenCall { @(Get-EmulatorCall $Emulator | Where-Object { $null -eq $_.httpStatus -and -not $_.fault }) }

    function Wait-Until([scriptblock] $Condition, [double] $Seconds = 10) {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        while (-not (& $Condition)) {
            if ($clock.Elapsed.TotalSeconds -gt $Seconds) { throw "Timed out after $Seconds s waiting for: $Condition" }
            Start-Sleep -Milliseconds 50
        }
    }

    # Runs $Script in its own PowerShell instance, waits until $Ready holds, presses Ctrl+C (Stop) and says how long
    # Stop took to return.
    function Stop-Midway([string] $Script, [object[]] $Arguments, [scriptblock] $Ready) {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$ModulePath'; $Script")
            foreach ($a in $Arguments) { $null = $ps.AddArgument($a) }
            $async = $ps.BeginInvoke()
            Wait-Until $Ready
            $async.IsCompleted | Should -BeFalse
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            [pscustomobject]@{
                Seconds = $clock.Elapsed.TotalSeconds
                State = $ps.InvocationStateInfo.State
                Errors = @($ps.Streams.Error)
            }
        }
        finally { $ps.Dispose() }
    }
}
AfterAll { Stop-TestEmulator $script:Emulator }

Describe 'Answering under faults' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'a fault mix while 100 approvals are piped: one outcome each, no token answered twice, no other run answered' {
        $null = Invoke-EmulatorControl $Emulator POST generate @{ count = 100; pending = 100; prefix = 'mix-' }
        $listed = @(Get-PendingApproval -PipelineName 'mix-*')
        $listed.Count | Should -Be 100
        $null = Invoke-EmulatorControl $Emulator DELETE calls
        # 10% throttled, 10% 5xx, 5% dropped, 3% slowed by 2 s, and 3 replies lost after the answer was applied.
        # (Throttles are paced and sent again now: a rate of 30% that comes whatever the rate slows the session a lot.)
        Set-Fault @{ throttleRate = 0.1; serverErrorRate = 0.1; dropRate = 0.05; slowRate = 0.03; slowLatencyMs = 2000
            lostResponses = 3; randomSeed = 5 }

        $thrown = $null
        try {
            $results = @($listed | Approve-PipelineAction -Summary 'fault mix' -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        }
        catch { $thrown = $_ }
        Set-Fault @{}
        $thrown | Should -BeNullOrEmpty

        # Exactly one outcome per input: a result or an error whose target is that input.
        ($results.Count + $errs.Count) | Should -Be 100
        $outcomeTokens = @($results.Token) + @($errs.TargetObject.Token)
        ($outcomeTokens | Sort-Object -Unique).Count | Should -Be 100
        (Compare-Object $outcomeTokens $listed.Token) | Should -BeNullOrEmpty
        foreach ($r in $results) {
            $r.Status | Should -Be 'Approved'
            $r.PipelineExecutionId | Should -Be ($listed | Where-Object Token -eq $r.Token).PipelineExecutionId
        }
        foreach ($e in $errs) {
            # Throttling is paced and sent again, never an outcome; other failures get standard mode's attempts.
            $e.FullyQualifiedErrorId | Should -Match '^(ServiceError|EndpointUnreachable),'
            $e.TargetObject | Should -BeOfType ([ApprovalTools.PendingApproval])
        }

        # No token answered twice, no answer unreported, and at most standard mode's 3 attempts per answer besides
        # the throttled ones, which the pacer sends again (Core's immediate resends on a reset connection are off:
        # they sent one answer up to 13 times).
        $approvals = @(Get-EmulatorApproval $Emulator)
        ($approvals | Measure-Object applied -Maximum).Maximum | Should -Be 1
        @($approvals | Where-Object applied -eq 1).token | Sort-Object | Should -Be ($results.Token | Sort-Object)
        $puts = @(Get-EmulatorCall $Emulator PutApprovalResult)
        ($puts | Where-Object fault -ne 'throttle' | Group-Object token | Measure-Object Count -Maximum).Maximum |
            Should -BeLessOrEqual 3
        # The mix did happen, lost replies included.
        @($puts | Where-Object fault -eq 'lostResponse').Count | Should -Be 3
        @($puts | Where-Object fault -eq 'throttle').Count | Should -BeGreaterThan 10

        # Every PutApprovalResult named a listed run, and each call its own pipeline, stage and action.
        foreach ($p in $puts) {
            $run = $listed | Where-Object Token -eq $p.token
            $run | Should -Not -BeNullOrEmpty
            "$($p.pipelineName)/$($p.stageName)/$($p.actionName)" | Should -Be "$($run.PipelineName)/$($run.StageName)/$($run.ActionName)"
        }
        # What failed is still waiting, with the same run.
        $still = @(Get-PendingApproval -PipelineName 'mix-*')
        ($still.Token | Sort-Object) | Should -Be (@($errs.TargetObject.Token) | Sort-Object)
    }

    It 'a lost reply: reports the answer the service applied, sent once more by the SDK and refused' {
        $listed = Get-PendingApproval web-api
        $null = Invoke-EmulatorControl $Emulator DELETE calls
        Set-Fault @{ lostResponses = 1 }
        $result = $listed | Approve-PipelineAction -Summary 'Smoke tests green' -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 0
        $result.Status | Should -Be 'Approved'
        $result.Token | Should -Be $listed.Token
        $result.Summary | Should -Be 'Smoke tests green'
        $result.RespondedAt | Should -Not -BeNullOrEmpty

        $puts = @(Get-EmulatorCall $Emulator PutApprovalResult)
        $puts.fault | Should -Be @('lostResponse', $null)
        $puts[1].errorCode | Should -Be 'ApprovalAlreadyCompletedException'
        (Get-EmulatorApproval $Emulator | Where-Object token -eq $listed.Token).applied | Should -Be 1
        # The outcome was read back from the action's state.
        (Get-EmulatorCall $Emulator | Select-Object -Last 1).operation | Should -Be 'GetPipelineState'
    }

    It 'a lost reply whose outcome cannot be read: says it may have been applied, and answers nothing more' {
        $listed = Get-PendingApproval web-frontend
        $null = Invoke-EmulatorControl $Emulator DELETE calls
        # The reply is lost, and every read that would tell what happened fails.
        Set-Fault @{ lostResponses = 1; serverErrorRate = 1; operations = @('GetPipelineState', 'ListActionExecutions', 'GetPipelineExecution') }
        $result = $listed | Approve-PipelineAction -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        # Not ApprovalAlreadyCompleted ("someone already answered"): the outcome is unknown, with an id of its own.
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AnswerUnconfirmed,*'
        $errs[0].CategoryInfo.Category | Should -Be 'OperationStopped'
        $errs[0].TargetObject.Token | Should -Be $listed.Token
        $errs[0].Exception.Message | Should -BeLike '*may or may not have been applied*Check with Get-PendingApproval -PipelineName web-frontend before answering again.'
        (Get-EmulatorCall $Emulator PutApprovalResult).fault | Should -Be @('lostResponse', $null)
        (Get-EmulatorApproval $Emulator | Where-Object token -eq $listed.Token).applied | Should -Be 1
    }

    It 'a lost reply to Deny by name: Rejected with its summary, answered once' {
        $token = (Get-PendingApproval mobile-release -StageName QA).Token
        Set-Fault @{ lostResponses = 1 }
        $result = Deny-PipelineAction mobile-release QA QASignOff -Reason 'Crash on launch' -Force
        $result.Status | Should -Be 'Rejected'
        $result.Summary | Should -Be 'Crash on launch'
        $result.Token | Should -Be $token
        $approval = Get-EmulatorApproval $Emulator | Where-Object token -eq $token
        $approval.received | Should -Be 2
        $approval.applied | Should -Be 1
    }

    It 'a lost reply in a PARALLEL pipeline reads the run by its external execution id' {
        $listed = Get-PendingApproval infra-parallel
        Set-Fault @{ lostResponses = 1 }
        $result = $listed | Approve-PipelineAction -Force
        $result.Status | Should -Be 'Approved'
        $result.Token | Should -Be $listed.Token
        (Get-EmulatorApproval $Emulator | Where-Object token -eq $listed.Token).applied | Should -Be 1
    }

    It 'a run answered by someone else is still ApprovalAlreadyCompleted, naming the answer it holds' {
        $listed = Get-PendingApproval web-api
        $null = Deny-PipelineAction web-api Approval ReleaseApproval -Reason 'Rollback first' -Force
        $listed | Approve-PipelineAction -Force -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ApprovalAlreadyCompleted,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].Exception.Message | Should -Match "already rejected by arn:aws:iam::\d+:.*'Rollback first'"
        (Get-EmulatorApproval $Emulator | Where-Object token -eq $listed.Token).applied | Should -Be 1
    }

    It 'the same answer given earlier by another command is not taken for a lost reply' {
        $listed = Get-PendingApproval web-api
        $null = $listed | Approve-PipelineAction -Summary 'same' -Force
        $listed | Approve-PipelineAction -Summary 'same' -Force -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ApprovalAlreadyCompleted,*'
    }

    It 'every attempt dropped: EndpointUnreachable, and the state shows nothing was applied' {
        $listed = Get-PendingApproval web-frontend
        Set-Fault @{ dropRate = 1; operations = @('PutApprovalResult') }
        $listed | Approve-PipelineAction -Force -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'EndpointUnreachable,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        @(Get-EmulatorCall $Emulator PutApprovalResult).Count | Should -Be 3
        (Get-EmulatorApproval $Emulator).applied | Should -Be 0
        (Get-PendingApproval web-frontend).Token | Should -Be $listed.Token
    }
}

Describe 'Scanning under a requests-per-second limit' {
    BeforeAll { Reset-Emulator $Emulator }

    # 500 pipelines as the issue asks, at 50 requests/s rather than 20 to keep the test near 15 s: unthrottled, the
    # scan sends about 450/s here, so 50/s still throttles it hard (standard retries alone fail most calls).
    It 'finds every pending approval, lets no ThrottlingException through, and slows itself down' {
        $generated = Invoke-EmulatorControl $Emulator POST generate @{ count = 500; pending = 25; prefix = 'rate-' }
        $expected = @($generated.tokens.PSObject.Properties | ForEach-Object { $_.Value.'Approval/ManualApproval' } | Where-Object { $_ })
        $expected.Count | Should -Be 25
        $null = Invoke-EmulatorControl $Emulator DELETE calls
        Set-Fault @{ requestsPerSecond = 50 }
        try { $found = @(Get-PendingApproval -PipelineName 'rate-*' -ErrorVariable errs -ErrorAction SilentlyContinue) }
        finally { Set-Fault @{} }

        $errs.Count | Should -Be 0
        ($found.Token | Sort-Object) | Should -Be ($expected | Sort-Object)
        $calls = @(Get-EmulatorCall $Emulator)
        $refused = @($calls | Where-Object fault -eq 'rateLimit').Count
        $refused | Should -BeGreaterThan 0 # the limit was reached
        # Paced by the SDK's adaptive rate limiter: few calls refused (without it, most of them are).
        $refused / $calls.Count | Should -BeLessThan 0.1
        @($calls | Where-Object operation -eq 'GetPipelineState' | Where-Object httpStatus -eq 200).Count | Should -Be 500
    }
}

Describe 'Ctrl+C against a 30-second-latency endpoint' {
    BeforeEach { Reset-Emulator $Emulator }
    AfterEach { Set-Fault @{} }

    It 'during a scan: ends within about a second, and no call is left running' {
        Set-Fault @{ latencyMs = 30000 }
        $names = 'web-frontend', 'web-api', 'mobile-release', 'infra-parallel', 'nightly-batch', 'legacy-app'
        $stop = Stop-Midway "Get-PendingApproval -PipelineName `$args -EndpointUrl '$($Emulator.Url)'" $names {
            @(Get-EmulatorCall $Emulator GetPipelineState).Count -eq 6
        }
        $stop.Seconds | Should -BeLessThan 1.5
        $stop.State | Should -Be 'Stopped'
        # Every connection was closed, so the emulator saw each call aborted; nothing is retried later.
        Wait-Until { (Get-OpenCall).Count -eq 0 } 2
        @(Get-EmulatorCall $Emulator).fault | Select-Object -Unique | Should -Be 'clientAborted'
        Start-Sleep -Seconds 1.5
        @(Get-EmulatorCall $Emulator).Count | Should -Be 6
    }

    It 'during a listing of every pipeline: the same' {
        Set-Fault @{ latencyMs = 30000 }
        $stop = Stop-Midway "Get-PendingApproval -EndpointUrl '$($Emulator.Url)'" @() {
            @(Get-EmulatorCall $Emulator ListPipelines).Count -eq 1
        }
        $stop.Seconds | Should -BeLessThan 1.5
        $stop.State | Should -Be 'Stopped'
        Wait-Until { (Get-OpenCall).Count -eq 0 } 2
        Start-Sleep -Seconds 1
        @(Get-EmulatorCall $Emulator).Count | Should -Be 1
    }

    It 'during an answer: ends within about a second, the call is abandoned and nothing is answered' {
        $listed = Get-PendingApproval web-api
        Set-Fault @{ latencyMs = 30000; operations = @('PutApprovalResult') }
        $stop = Stop-Midway "`$args[0] | Approve-PipelineAction -Force -EndpointUrl '$($Emulator.Url)'" @(, $listed) {
            @(Get-EmulatorCall $Emulator PutApprovalResult).Count -eq 1
        }
        $stop.Seconds | Should -BeLessThan 1.5
        $stop.State | Should -Be 'Stopped'
        Wait-Until { (Get-OpenCall).Count -eq 0 } 2
        Start-Sleep -Seconds 1
        $puts = @(Get-EmulatorCall $Emulator PutApprovalResult)
        $puts.Count | Should -Be 1
        $puts[0].fault | Should -Be 'clientAborted'
        (Get-EmulatorApproval $Emulator).applied | Should -Be 0
        Set-Fault @{}
        (Get-PendingApproval web-api).Token | Should -Be $listed.Token
    }
}
