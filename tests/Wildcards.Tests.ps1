# Malformed wildcards fail once, before any call, with InvalidWildcardPattern; never one UnexpectedError per pipeline.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Emulator = Start-TestEmulator
}
AfterAll { Stop-TestEmulator $script:Emulator }

Describe 'Malformed wildcards' {
    BeforeEach { Reset-Emulator $Emulator; $null = Invoke-EmulatorControl $Emulator DELETE calls }

    It '<Parameter> <Value>: one InvalidWildcardPattern, and no call' -ForEach @(
        @{ Parameter = 'PipelineName'; Value = 'web-api[' }
        @{ Parameter = 'StageName'; Value = 'Appr[' }
        @{ Parameter = 'ActionName'; Value = '[Release' }
    ) {
        $splat = @{ $Parameter = $Value }
        $found = Get-PendingApproval @splat -ErrorVariable errs -ErrorAction SilentlyContinue
        $found | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidWildcardPattern,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].Exception.Message | Should -BeLike ([WildcardPattern]::Escape("-$Parameter '$Value' is not a valid wildcard pattern") + '*')
        Get-EmulatorCall $Emulator | Should -BeNullOrEmpty
    }

    It 'a malformed name among piped names: one error for it, the others are read' {
        $found = @('web-api[', 'web-api' | Get-PendingApproval -ErrorVariable errs -ErrorAction SilentlyContinue)
        $found.PipelineName | Should -Be 'web-api'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidWildcardPattern,*'
        $errs[0].TargetObject | Should -Be 'web-api['
        @(Get-EmulatorCall $Emulator ListPipelines).Count | Should -Be 0
    }

    It 'Get-ApprovalHistory -<Parameter> <Value>: one InvalidWildcardPattern, and no call' -ForEach @(
        @{ Parameter = 'PipelineName'; Value = 'web-api[' }
        @{ Parameter = 'StageName'; Value = 'Appr[' }
        @{ Parameter = 'ActionName'; Value = '[Release' }
        @{ Parameter = 'AnsweredBy'; Value = 'arn:aws:iam::*:user/[qa' }
    ) {
        $splat = @{ $Parameter = $Value }
        $found = Get-ApprovalHistory @splat -ErrorVariable errs -ErrorAction SilentlyContinue
        $found | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidWildcardPattern,*'
        Get-EmulatorCall $Emulator | Should -BeNullOrEmpty
    }
}
