# -Wait stops on errors that waiting cannot fix, keeps waiting through transient ones, and cuts a poll off at the
# deadline.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Emulator = Start-TestEmulator
    function Set-Fault([hashtable] $Fault) { $null = Invoke-EmulatorControl $Emulator PUT faults $Fault }
}
AfterAll { Stop-TestEmulator $script:Emulator }

Describe 'Get-PendingApproval -Wait' {
    BeforeEach { Reset-Emulator $Emulator }
    AfterEach { Set-Fault @{} }

    It 'a pipeline that does not exist: one PipelineNotFound, and no waiting' {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $found = Get-PendingApproval no-such-pipeline -Wait -Timeout 20 -PollInterval 1 -ErrorVariable errs -ErrorAction SilentlyContinue
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 8
        $found | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PipelineNotFound,*'
        @(Get-EmulatorCall $Emulator GetPipelineState).Count | Should -Be 1
    }

    It 'refused credentials: one InvalidCredentials, and no waiting' {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $null = Get-PendingApproval nightly-batch -AccessKey $LocalAccessKey -SecretKey 'wrong-secret' -Wait -Timeout 20 -PollInterval 1 -ErrorVariable errs -ErrorAction SilentlyContinue
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 8
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidCredentials,*'
    }

    It 'no region: one NoRegion, and no waiting' {
        $saved = $env:AWS_REGION
        try {
            Remove-Item Env:AWS_REGION
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $null = Get-PendingApproval nightly-batch -Wait -Timeout 20 -PollInterval 1 -ErrorVariable errs -ErrorAction SilentlyContinue
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 8
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'NoRegion,*'
        }
        finally { $env:AWS_REGION = $saved }
    }

    It 'server errors keep it waiting: the approval is found once they stop, with a warning and no error' {
        Set-Fault @{ serverErrorRate = 1; operations = @('GetPipelineState') }
        $url = $Emulator.Url
        $job = Start-ThreadJob {
            Start-Sleep -Seconds 3
            Invoke-RestMethod -Method Put -Uri "$using:url/_emulator/faults" -Body '{}' -ContentType 'application/json'
        }
        $found = Get-PendingApproval web-api -Wait -Timeout 60 -PollInterval 1 -ErrorVariable errs -WarningVariable warns -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $null = $job | Receive-Job -Wait -AutoRemoveJob
        $errs.Count | Should -Be 0
        $found.PipelineName | Should -Be 'web-api'
        $warns.Count | Should -Be 1 # once, however many polls failed
        "$($warns[0])" | Should -BeLike 'web-api: *Still waiting.'
        @(Get-EmulatorCall $Emulator GetPipelineState | Where-Object httpStatus -eq 500).Count | Should -BeGreaterThan 3
    }

    It 'a poll in flight is cut off at the deadline: one WaitTimeout after -Timeout, not after the poll' {
        Set-Fault @{ latencyMs = 8000 }
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $null = Get-PendingApproval nightly-batch -Wait -Timeout 3 -PollInterval 1 -ErrorVariable errs -ErrorAction SilentlyContinue
        $seconds = $clock.Elapsed.TotalSeconds
        $seconds | Should -BeGreaterThan 2.9
        $seconds | Should -BeLessThan 6.5 # 8 s before: the poll ran to its end
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'WaitTimeout,*'
        $errs[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $errs[0].Exception.Message | Should -BeLike '*within 3 seconds*'
    }
}
