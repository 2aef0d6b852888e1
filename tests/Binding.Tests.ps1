# What Approve-/Deny-PipelineAction accept before any call: tokens (one rule for -Token and piped objects) and
# -Summary (512 characters as the service counts them).
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Emulator = Start-TestEmulator
    # Fixed by the seed (SampleData/README.md): the run waiting at web-api/Approval/ReleaseApproval.
    $script:WebApiToken = 'c4d5e6f7-0a1b-4c2d-8e3f-5a6b7c8d9e0f'

    # Runs a command line and collects every error it raised, terminating or not, and its output.
    function Invoke-Collected([string] $Command) {
        $ErrorActionPreference = 'Continue'
        $errors = [System.Collections.Generic.List[System.Management.Automation.ErrorRecord]]::new()
        $output = [System.Collections.Generic.List[object]]::new()
        try {
            & ([scriptblock]::Create($Command)) 2>&1 | ForEach-Object {
                if ($_ -is [System.Management.Automation.ErrorRecord]) { $errors.Add($_) } else { $output.Add($_) }
            }
        }
        catch { $errors.Add($_) }
        [pscustomobject]@{ Errors = $errors.ToArray(); Output = $output.ToArray() }
    }

    function New-Approval([string] $Token) {
        [ApprovalTools.PendingApproval]@{
            PipelineName = 'web-api'; StageName = 'Approval'; ActionName = 'ReleaseApproval'; Token = $Token
        }
    }
}
AfterAll { Stop-TestEmulator $script:Emulator }

Describe 'Tokens: one rule for -Token and piped approvals' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'answers a token in <Case> given <Path>, sending it in lower case as the service issued it' -TestCases @(
        @{ Case = 'upper case'; Path = 'by -Token'; Command = 'Approve-PipelineAction web-api Approval ReleaseApproval -Token $Token -Force' }
        @{ Case = 'upper case'; Path = 'on a piped PendingApproval'; Command = '(New-Approval $Token) | Approve-PipelineAction -Force' }
        @{ Case = 'upper case'; Path = 'by property name'; Command = "[pscustomobject]@{ PipelineName = 'web-api'; StageName = 'Approval'; ActionName = 'ReleaseApproval'; Token = `$Token } | Approve-PipelineAction -Force" }
        @{ Case = 'mixed case'; Path = 'by -Token'; Command = 'Deny-PipelineAction web-api Approval ReleaseApproval -Token $Mixed -Force' }
        @{ Case = 'mixed case'; Path = 'on a piped PendingApproval'; Command = '(New-Approval $Mixed) | Deny-PipelineAction -Force' }
    ) {
        $Token = $WebApiToken.ToUpperInvariant()
        $Mixed = 'C4D5e6f7-0A1B-4c2d-8E3F-5a6b7C8D9E0F'
        $r = Invoke-Collected $Command
        $r.Errors | Should -BeNullOrEmpty
        $r.Output.Count | Should -Be 1
        $r.Output[0].Token | Should -BeExactly $WebApiToken
        $puts = @(Get-EmulatorCall $Emulator PutApprovalResult)
        $puts.Count | Should -Be 1
        $puts[0].token | Should -BeExactly $WebApiToken
        (Get-EmulatorApproval $Emulator | Where-Object token -eq $WebApiToken).applied | Should -Be 1
    }

    It 'refuses <Case> before any call: by -Token at binding, piped as InvalidInputObject' -TestCases @(
        @{ Case = 'a token with a non-hex letter'; Token = 'G4D5E6F7-0A1B-4C2D-8E3F-5A6B7C8D9E0F' }
        @{ Case = 'a token without dashes'; Token = 'C4D5E6F70A1B4C2D8E3F5A6B7C8D9E0F' }
        @{ Case = 'a token in braces'; Token = '{c4d5e6f7-0a1b-4c2d-8e3f-5a6b7c8d9e0f}' }
        @{ Case = 'a token cut short'; Token = 'c4d5e6f7-0a1b-4c2d-8e3f' }
        @{ Case = 'a token with a trailing newline'; Token = "c4d5e6f7-0a1b-4c2d-8e3f-5a6b7c8d9e0f`n" }
        @{ Case = 'a token with a leading space'; Token = ' C4D5E6F7-0A1B-4C2D-8E3F-5A6B7C8D9E0F' }
    ) {
        $byName = Invoke-Collected 'Approve-PipelineAction web-api Approval ReleaseApproval -Token $Token -Force'
        $byName.Output | Should -BeNullOrEmpty
        $byName.Errors.Count | Should -Be 1
        $byName.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
        $byName.Errors[0].CategoryInfo.Category | Should -Be 'InvalidData'

        $piped = Invoke-Collected '(New-Approval $Token) | Approve-PipelineAction -Force'
        $piped.Output | Should -BeNullOrEmpty
        $piped.Errors.Count | Should -Be 1
        $piped.Errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidInputObject,*'
        $piped.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'

        Get-EmulatorCall $Emulator | Should -BeNullOrEmpty
    }
}
