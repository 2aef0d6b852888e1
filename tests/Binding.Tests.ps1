# What Approve-/Deny-PipelineAction accept before any call: tokens (one rule for -Token and piped objects) and
# -Summary (512 characters as the service counts them).
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Emulator = Start-TestEmulator

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
        @{ Case = 'upper case'; Path = 'by -Token'
            Command = 'Approve-PipelineAction web-api Approval ReleaseApproval -Token $Token -Force' }
        @{ Case = 'upper case'; Path = 'on a piped PendingApproval'
            Command = '(New-Approval $Token) | Approve-PipelineAction -Force' }
        @{ Case = 'upper case'; Path = 'by property name'
            Command = '[pscustomobject]@{ PipelineName = "web-api"; StageName = "Approval"; ActionName = "ReleaseApproval"
                Token = $Token } | Approve-PipelineAction -Force' }
        @{ Case = 'mixed case'; Path = 'by -Token'
            Command = 'Deny-PipelineAction web-api Approval ReleaseApproval -Token $Mixed -Force' }
        @{ Case = 'mixed case'; Path = 'on a piped PendingApproval'
            Command = '(New-Approval $Mixed) | Deny-PipelineAction -Force' }
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

Describe '-Summary: at most 512 characters as the service counts them; $null is no summary' {
    BeforeAll {
        $script:Emoji = [char]::ConvertFromUtf32(0x1F600)
        $script:ToAnswer = 'Approve-PipelineAction web-api Approval ReleaseApproval -Token $WebApiToken -Force'
    }
    BeforeEach { Reset-Emulator $Emulator }

    It 'answers with a summary of <Case>' -TestCases @(
        @{ Case = '300 emoji (600 UTF-16 units)'; Summary = { $Emoji * 300 } }
        @{ Case = '512 emoji'; Summary = { $Emoji * 512 } }
        @{ Case = '511 letters and an emoji'; Summary = { ('x' * 511) + $Emoji } }
        @{ Case = '512 letters'; Summary = { 'x' * 512 } }
    ) {
        $text = & $Summary
        $r = Invoke-Collected "$ToAnswer -Summary `$text"
        $r.Errors | Should -BeNullOrEmpty
        $r.Output.Count | Should -Be 1
        $r.Output[0].Summary | Should -BeExactly $text
        (Get-EmulatorApproval $Emulator | Where-Object token -eq $WebApiToken).applied | Should -Be 1
    }

    It 'refuses a summary of <Case> at binding, giving its length in characters, before any call' -TestCases @(
        @{ Case = '513 emoji'; Summary = { $Emoji * 513 } }
        @{ Case = '512 letters and an emoji'; Summary = { ('x' * 512) + $Emoji } }
        @{ Case = '513 letters'; Summary = { 'x' * 513 } }
    ) {
        $text = & $Summary
        $r = Invoke-Collected "$ToAnswer -Summary `$text"
        $r.Output | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $r.Errors[0].Exception.Message | Should -BeLike "*is 513 characters long*at most 512*"
        Get-EmulatorCall $Emulator | Should -BeNullOrEmpty
    }

    It 'takes <Case> as no summary' -TestCases @(
        @{ Case = '-Summary $null'; Command = '-Summary $null' }
        @{ Case = 'an unset variable'; Command = '-Summary $NoSuchVariableWasEverSet' }
        @{ Case = 'an empty string'; Command = "-Summary ''" }
    ) {
        $r = Invoke-Collected "$ToAnswer $Command"
        $r.Errors | Should -BeNullOrEmpty
        $r.Output.Count | Should -Be 1
        $r.Output[0].Summary | Should -BeExactly ''
        (Get-EmulatorApproval $Emulator | Where-Object token -eq $WebApiToken).applied | Should -Be 1
    }

    It 'answers every piped approval with a summary of 300 emoji' {
        $listed = @(Get-PendingApproval -PipelineName web-*)
        $r = Invoke-Collected '$listed | Deny-PipelineAction -Reason ($Emoji * 300) -Force'
        $r.Errors | Should -BeNullOrEmpty
        $r.Output.Count | Should -Be 2
        @(Get-EmulatorCall $Emulator PutApprovalResult).Count | Should -Be 2
    }
}
