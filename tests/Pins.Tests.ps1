# Answers pinned to what was reviewed: -RevisionId and -PipelineExecutionId; -ExpiringWithin.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Emulator = Start-TestEmulator
    # Fixed by the seed: the commits of the runs waiting at web-api and web-frontend.
    $script:WebApiSha = '99fee9f03af85c7cae82450dbf14bdf80375b059'
    $script:WebFrontendSha = 'e337e6852291bda9a9743df01893ea1dfe86ecb2'
}
AfterAll { Stop-TestEmulator $script:Emulator }

Describe 'Get-PendingApproval -RevisionId and -ExpiringWithin' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'finds the run carrying the full id or a 7-character prefix, in any case, and nothing else' {
        (Get-PendingApproval -RevisionId $WebApiSha).PipelineName | Should -Be 'web-api'
        (Get-PendingApproval -RevisionId $WebFrontendSha.Substring(0, 7).ToUpper()).PipelineName | Should -Be 'web-frontend'
        Get-PendingApproval -RevisionId 'deadbeefdeadbeef' | Should -BeNullOrEmpty
    }

    It 'a prefix shorter than 7 characters fails at binding, before any call' {
        Clear-EmulatorCall
        { Get-PendingApproval -RevisionId 99fee9 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        Get-EmulatorCall $Emulator | Should -BeNullOrEmpty
    }

    It 'approves the tested commit wherever it waits, and nothing else' {
        $results = Get-PendingApproval -RevisionId $WebApiSha | Approve-PipelineAction -Force
        $results.PipelineName | Should -Be 'web-api'
        @(Get-EmulatorCall $Emulator PutApprovalResult).Count | Should -Be 1
    }

    It '-ExpiringWithin keeps the approvals that expire within that time' {
        # web-api's approval times out 120 minutes after it started; the others wait the service's 7 days.
        (Get-PendingApproval -ExpiringWithin ([timespan]::FromHours(3))).PipelineName | Should -Be 'web-api'
        (Get-PendingApproval -ExpiringWithin '8.00:00:00').PipelineName | Should -Contain 'web-frontend'
        Get-PendingApproval -ExpiringWithin 00:00:01 | Should -BeNullOrEmpty
    }
}

Describe 'Approve/Deny by name, pinned' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'answers when the waiting run carries the revision / is the execution' {
        $listed = Get-PendingApproval web-api
        (Approve-PipelineAction web-api Approval ReleaseApproval -RevisionId $WebApiSha.Substring(0, 10) -Force).Status |
            Should -Be 'Approved'
        $null = Reset-Emulator $Emulator
        (Deny-PipelineAction web-api Approval ReleaseApproval -PipelineExecutionId $listed.PipelineExecutionId -Force).Status |
            Should -Be 'Rejected'
    }

    It '<Id> when <Case>: says what is waiting instead, answers nothing' -ForEach @(
        @{ Id = 'RevisionMismatch'; Case = 'another revision waits'; Pin = @{ RevisionId = 'e337e6852291' } }
        @{ Id = 'ExecutionMismatch'; Case = 'another execution waits'
            Pin = @{ PipelineExecutionId = '11111111-2222-3333-4444-555555555555' } }
    ) {
        $listed = Get-PendingApproval web-api
        Approve-PipelineAction web-api Approval ReleaseApproval @Pin -Force -ErrorVariable errs -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].Exception.Message | Should -Match "execution $($listed.PipelineExecutionId) is waiting there with SourceArtifact@$WebApiSha"
        $errs[0].Exception.Message | Should -Match 'Nothing was answered'
        Get-EmulatorCall $Emulator PutApprovalResult | Should -BeNullOrEmpty
    }

    It 'a newer run that entered after review is not answered with the reviewed revision' {
        $reviewed = Get-PendingApproval web-api
        $null = Start-EmulatorExecution $Emulator web-api 'newer'
        $null = $reviewed | Deny-PipelineAction -Force
        # The newer run now waits at the approval: pinning the reviewed commit answers nothing.
        Approve-PipelineAction web-api Approval ReleaseApproval -RevisionId $WebApiSha -Force -ErrorVariable errs `
            -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'RevisionMismatch,*'
        @(Get-EmulatorCall $Emulator PutApprovalResult).Count | Should -Be 1
    }
}
