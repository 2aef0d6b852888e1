# Throttling never hides an approval: under a low requests-per-second limit of the local CodePipeline, a scan slows
# to the limit and finishes with every pending approval and no error.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Emulator = Start-TestEmulator
    function Set-Fault([hashtable] $Fault) { $null = Invoke-EmulatorControl $Emulator PUT faults $Fault }

    # Generates $Count pipelines ($Pending waiting), scans them under $Rps and says what was found and recorded.
    function Invoke-LimitedScan([int] $Count, [int] $Pending, [double] $Rps, [string] $Prefix) {
        $generated = Invoke-EmulatorControl $Emulator POST generate @{ count = $Count; pending = $Pending; prefix = $Prefix }
        $expected = @($generated.tokens.PSObject.Properties | ForEach-Object { $_.Value.'Approval/ManualApproval' } |
            Where-Object { $_ })
        $null = Invoke-EmulatorControl $Emulator DELETE calls
        Set-Fault @{ requestsPerSecond = $Rps }
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        try { $found = @(Get-PendingApproval -PipelineName "$Prefix*" -ErrorVariable errs -ErrorAction SilentlyContinue) }
        finally { Set-Fault @{} }
        $seconds = $clock.Elapsed.TotalSeconds
        $calls = @(Get-EmulatorCall $Emulator)
        $answered = @($calls | Where-Object fault -ne 'rateLimit').Count
        [pscustomobject]@{
            Expected = $expected; Found = $found; Errors = @($errs); Seconds = $seconds; Calls = $calls
            Answered = $answered; Refused = $calls.Count - $answered
        }
    }
}
AfterAll { Stop-TestEmulator $script:Emulator }

Describe 'Scanning under a low requests-per-second limit' {
    BeforeEach { Reset-Emulator $Emulator }

    It '<Count> pipelines at <Rps> requests/s: every pending approval, no error, paced near the limit' -ForEach @(
        @{ Count = 40; Pending = 6; Rps = 5 }
        @{ Count = 30; Pending = 4; Rps = 2 }
    ) {
        $scan = Invoke-LimitedScan $Count $Pending $Rps "slow$Rps-"
        $scan.Errors | Should -BeNullOrEmpty
        $scan.Expected.Count | Should -Be $Pending
        ($scan.Found.Token | Sort-Object) | Should -Be ($scan.Expected | Sort-Object)
        # Every pipeline's state was read once with success.
        @($scan.Calls | Where-Object { $_.operation -eq 'GetPipelineState' -and $_.httpStatus -eq 200 }).Count | Should -Be $Count
        $scan.Refused | Should -BeGreaterThan 0 # the limit was reached
        # The limit admits $Rps calls a second after a burst of one second's worth: the scan cannot be much faster,
        # and paced at the limit it is not much slower (a loose bound: the machine is shared).
        $bound = ($scan.Answered - $Rps) / $Rps
        Write-Host ("    {0} answered calls, {1} refused, {2:n1} s against a bound of {3:n1} s ({4:n2}x)" -f
            $scan.Answered, $scan.Refused, $scan.Seconds, $bound, ($scan.Seconds / $bound))
        $scan.Seconds | Should -BeLessThan ($bound * 1.8 + 4)
    }

    It 'a run of answers under 2 requests/s: each answered once, no error' {
        $generated = Invoke-EmulatorControl $Emulator POST generate @{ count = 8; pending = 8; prefix = 'ans-' }
        $listed = @(Get-PendingApproval -PipelineName 'ans-*')
        $listed.Count | Should -Be 8
        Set-Fault @{ requestsPerSecond = 2 }
        try { $results = @($listed | Approve-PipelineAction -Force -ErrorVariable errs -ErrorAction SilentlyContinue) }
        finally { Set-Fault @{} }
        $errs.Count | Should -Be 0
        ($results.Token | Sort-Object) | Should -Be ($listed.Token | Sort-Object)
        (Get-EmulatorApproval $Emulator | Measure-Object applied -Maximum).Maximum | Should -Be 1
    }
}
