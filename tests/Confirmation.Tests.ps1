# -Force and -Confirm, and hosts that cannot prompt: each case runs in a fresh pwsh whose standard input gives the
# answers (or is closed), as a user at a terminal, a CI job or a scheduled task would run it.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Emulator = Start-TestEmulator

    # The child reports its output and errors as one JSON line after this marker (prompts go to the same stdout).
    $script:Marker = '### RESULT '
    $script:ChildScript = Join-Path $TestDrive 'child.ps1'
    Set-Content $ChildScript @'
param([string] $ModulePath, [string] $Command)
Import-Module $ModulePath
$ErrorActionPreference = 'Continue'
$all = @(try { & ([scriptblock]::Create($Command)) 2>&1 } catch { $_ })
$failed = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
$report = @{
    Output = @($all | Where-Object { $_ -is [ApprovalTools.ApprovalResult] } |
        ForEach-Object { @{ PipelineName = $_.PipelineName; Status = $_.Status } })
    Errors = @($failed | ForEach-Object {
        @{ Id = $_.FullyQualifiedErrorId; Category = [string]$_.CategoryInfo.Category; Message = $_.Exception.Message }
    })
}
'### RESULT ' + ($report | ConvertTo-Json -Depth 4 -Compress)
'@

    # Runs $Command in a new pwsh against the emulator; $Answers are its input lines, none means stdin closed at once.
    function Invoke-Child([string] $Command, [string[]] $Answers = @(), [switch] $NonInteractive) {
        $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        $arguments = @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile')
        if ($NonInteractive) { $arguments += '-NonInteractive' }
        $arguments += '-File', $ChildScript, $ModulePath, $Command
        foreach ($a in $arguments) { $psi.ArgumentList.Add($a) }
        $psi.Environment['AWS_ENDPOINT_URL_CODEPIPELINE'] = $Emulator.Url
        $psi.RedirectStandardInput = $true
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($psi)
        $errorText = $process.StandardError.ReadToEndAsync()
        foreach ($line in $Answers) { $process.StandardInput.WriteLine($line) }
        $process.StandardInput.Close()
        $stdout = $process.StandardOutput.ReadToEnd()
        if (-not $process.WaitForExit(120000)) { $process.Kill(); throw "The child pwsh did not finish: $stdout" }
        # A prompt that failed leaves no line break, so the marker may follow its text on the same line.
        $at = $stdout.LastIndexOf($Marker)
        if ($at -lt 0) { throw "The child pwsh reported nothing. stdout: $stdout stderr: $($errorText.Result)" }
        $report = ($stdout.Substring($at + $Marker.Length) -split "`r?`n")[0] | ConvertFrom-Json
        [pscustomobject]@{
            Output = @($report.Output)
            Errors = @($report.Errors)
            Prompts = ([regex]::Matches($stdout, 'Are you sure')).Count
        }
    }
}
AfterAll { Stop-TestEmulator $script:Emulator }

Describe '-Force and -Confirm' {
    BeforeEach { Reset-Emulator $Emulator }

    It '-Force -Confirm prompts, and "<Answer>" <Outcome>' -TestCases @(
        @{ Answer = 'n'; Outcome = 'answers nothing'; Answered = 0 }
        @{ Answer = 'y'; Outcome = 'approves'; Answered = 1 }
    ) {
        $r = Invoke-Child 'Get-PendingApproval web-api | Approve-PipelineAction -Force -Confirm' -Answers $Answer
        $r.Prompts | Should -Be 1
        $r.Errors | Should -BeNullOrEmpty
        $r.Output.Count | Should -Be $Answered
        @(Get-EmulatorCall $Emulator PutApprovalResult).Count | Should -Be $Answered
    }

    It '-Force -Confirm asks for each piped approval: "n" then "y" rejects only the second' {
        $command = 'Get-PendingApproval -PipelineName web-* | Sort-Object PipelineName | Deny-PipelineAction -Force -Confirm'
        $r = Invoke-Child $command -Answers 'n', 'y'
        $r.Prompts | Should -Be 2
        $r.Output.PipelineName | Should -Be 'web-frontend'
        $r.Output.Status | Should -Be 'Rejected'
        @(Get-EmulatorCall $Emulator PutApprovalResult).pipelineName | Should -Be 'web-frontend'
    }

    It '<Case> answers without a prompt, even where nobody could answer one' -TestCases @(
        @{ Case = '-Force'; Parameters = '-Force' }
        @{ Case = '-Confirm:$false'; Parameters = '-Confirm:$false' }
        @{ Case = '-Force -Confirm:$false'; Parameters = '-Force -Confirm:$false' }
    ) {
        $r = Invoke-Child "Get-PendingApproval web-api | Approve-PipelineAction $Parameters" -NonInteractive
        $r.Prompts | Should -Be 0
        $r.Errors | Should -BeNullOrEmpty
        $r.Output.Status | Should -Be 'Approved'
        @(Get-EmulatorCall $Emulator PutApprovalResult).Count | Should -Be 1
    }
}

Describe 'A host that cannot prompt' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'fails each item with ConfirmationRequired and answers nothing (<Case>)' -TestCases @(
        @{ Case = 'pwsh -NonInteractive, piped'; NonInteractive = $true
            Command = 'Get-PendingApproval -PipelineName web-* | Approve-PipelineAction' }
        @{ Case = 'pwsh -NonInteractive, by name'; NonInteractive = $true
            Command = 'Deny-PipelineAction web-api Approval ReleaseApproval
                Deny-PipelineAction web-frontend Approval ManualApproval' }
        @{ Case = 'pwsh -NonInteractive, -Force -Confirm'; NonInteractive = $true
            Command = 'Get-PendingApproval -PipelineName web-* | Approve-PipelineAction -Force -Confirm' }
        @{ Case = 'standard input closed'; NonInteractive = $false
            Command = 'Get-PendingApproval -PipelineName web-* | Approve-PipelineAction' }
    ) {
        $r = Invoke-Child $Command -NonInteractive:$NonInteractive
        $r.Output | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 2
        foreach ($e in $r.Errors) {
            $e.Id | Should -BeLike 'ConfirmationRequired,*'
            $e.Category | Should -Be 'InvalidOperation'
            $e.Message | Should -BeLike '*cannot ask for it*Add -Force*or -Confirm:$false*'
        }
        ($r.Errors.Message -join ' ') | Should -BeLike "*'web-api'*"
        ($r.Errors.Message -join ' ') | Should -BeLike "*'web-frontend'*"
        Get-EmulatorCall $Emulator PutApprovalResult | Should -BeNullOrEmpty
        (Get-PendingApproval -PipelineName web-*).Count | Should -Be 2
    }
}
