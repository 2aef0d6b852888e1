BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Emulator = Start-TestEmulator
}
AfterAll { Stop-TestEmulator $script:Emulator }

Describe 'Approve-PipelineAction and Deny-PipelineAction' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'approves exactly the listed runs, one PutApprovalResult per token' {
        $listed = Get-PendingApproval -PipelineName 'web-*'
        $results = $listed | Approve-PipelineAction -Summary 'Smoke tests green' -Force
        $results.Count | Should -Be 2
        foreach ($r in $results) {
            $r | Should -BeOfType ([ApprovalTools.ApprovalResult])
            $r.Status | Should -Be 'Approved'
            $r.Summary | Should -Be 'Smoke tests green'
            $r.RespondedAt | Should -Not -BeNullOrEmpty
            $match = $listed | Where-Object PipelineName -eq $r.PipelineName
            $r.Token | Should -Be $match.Token
            $r.PipelineExecutionId | Should -Be $match.PipelineExecutionId
        }
        $puts = @(Get-EmulatorCall $Emulator PutApprovalResult)
        $puts.Count | Should -Be 2
        ($puts.token | Sort-Object) | Should -Be ($listed.Token | Sort-Object)
        $puts.status | Select-Object -Unique | Should -Be 'Approved'
        Get-PendingApproval -PipelineName 'web-*' | Should -BeNullOrEmpty
    }

    It 'denies by name, resolving the token at the time of the call' {
        $expected = (Get-PendingApproval web-api).Token
        $result = Deny-PipelineAction -PipelineName web-api -StageName Approval -ActionName ReleaseApproval -Reason 'Not today' -Force
        $result.Status | Should -Be 'Rejected'
        $result.Summary | Should -Be 'Not today'
        $result.Token | Should -Be $expected
        $put = @(Get-EmulatorCall $Emulator PutApprovalResult)
        $put.Count | Should -Be 1
        $put[0].status | Should -Be 'Rejected'
        $put[0].token | Should -Be $expected
    }

    It '-WhatIf answers nothing' {
        Get-PendingApproval | Approve-PipelineAction -WhatIf
        Approve-PipelineAction web-api Approval ReleaseApproval -WhatIf
        Get-EmulatorCall $Emulator PutApprovalResult | Should -BeNullOrEmpty
        (Get-PendingApproval).Count | Should -Be 5
    }

    It '-WhatIf by name calls nothing at all' {
        Deny-PipelineAction web-api Approval ReleaseApproval -WhatIf
        Get-EmulatorCall $Emulator | Should -BeNullOrEmpty
    }

    It '-Force still honours -WhatIf' {
        Get-PendingApproval web-api | Approve-PipelineAction -Force -WhatIf
        Get-EmulatorCall $Emulator PutApprovalResult | Should -BeNullOrEmpty
    }

    It '-Confirm:$false answers without a prompt' {
        (Get-PendingApproval web-api | Approve-PipelineAction -Confirm:$false).Status | Should -Be 'Approved'
    }

    It 'a stale token answers nothing and says a newer run is waiting' {
        $listed = Get-PendingApproval web-frontend
        $newer = Start-EmulatorExecution $Emulator 'web-frontend'
        # A newer run only waits in front of the locked stage; stopping the listed run lets it in (new token).
        $null = Invoke-EmulatorControl $Emulator POST "pipelines/web-frontend/executions/$($listed.PipelineExecutionId)/stop" @{ abandon = $true }
        $newToken = (Invoke-EmulatorControl $Emulator GET pending | ForEach-Object { $_ } | Where-Object pipelineName -eq 'web-frontend').token
        $result = $listed | Approve-PipelineAction -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidApprovalToken*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].TargetObject.Token | Should -Be $listed.Token
        $errs[0].Exception.Message | Should -Match ([regex]::Escape($newer.pipelineExecutionId))
        (Get-EmulatorApproval $Emulator | Measure-Object applied -Sum).Sum | Should -Be 0
        (Get-PendingApproval web-frontend).Token | Should -Be $newToken
    }

    It 'answering the same run twice gives ApprovalAlreadyCompleted' {
        $listed = Get-PendingApproval web-api
        $null = $listed | Approve-PipelineAction -Force
        $listed | Approve-PipelineAction -Force -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ApprovalAlreadyCompleted*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
    }

    It 'by name with nothing pending says so and names the actual state' {
        Approve-PipelineAction legacy-app Approval ManualApproval -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'NoPendingApproval*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].Exception.Message | Should -Match 'Succeeded'
        Get-EmulatorCall $Emulator PutApprovalResult | Should -BeNullOrEmpty
    }

    It 'reports <Id> for <Case>' -TestCases @(
        @{ Case = 'an unknown pipeline'; Names = @('no-such-pipeline', 'Approval', 'ManualApproval'); Id = 'PipelineNotFound'; Category = 'ObjectNotFound' }
        @{ Case = 'an unknown stage'; Names = @('web-api', 'NoStage', 'ReleaseApproval'); Id = 'StageNotFound'; Category = 'ObjectNotFound' }
        @{ Case = 'an unknown action'; Names = @('web-api', 'Approval', 'NoAction'); Id = 'ActionNotFound'; Category = 'ObjectNotFound' }
        @{ Case = 'an action that is not an approval'; Names = @('web-api', 'Build', 'Build'); Id = 'NotAnApprovalAction'; Category = 'InvalidArgument' }
    ) {
        Approve-PipelineAction @Names -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $errs[0].CategoryInfo.Category | Should -Be $Category
        $errs[0].TargetObject | Should -Be ($Names -join '/')
        Get-EmulatorCall $Emulator PutApprovalResult | Should -BeNullOrEmpty
    }

    It 'maps the service''s own <Id> when a token is given' -TestCases @(
        @{ Names = @('no-such-pipeline', 'Approval', 'ManualApproval'); Id = 'PipelineNotFound' }
        @{ Names = @('web-api', 'NoStage', 'ReleaseApproval'); Id = 'StageNotFound' }
        @{ Names = @('web-api', 'Approval', 'NoAction'); Id = 'ActionNotFound' }
        @{ Names = @('web-api', 'Approval', 'ReleaseApproval'); Id = 'InvalidApprovalToken' }
    ) {
        Approve-PipelineAction @Names -Token '00000000-0000-0000-0000-000000000000' -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        @(Get-EmulatorCall $Emulator PutApprovalResult).Count | Should -Be 1
        (Get-EmulatorApproval $Emulator | Measure-Object applied -Sum).Sum | Should -Be 0
    }

    It 'rejects a 513-character summary before calling the service' {
        { Get-PendingApproval web-api | Approve-PipelineAction -Summary ('x' * 513) -Force } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,ApprovalTools.Commands.ApprovePipelineActionCommand'
        Get-EmulatorCall $Emulator PutApprovalResult | Should -BeNullOrEmpty
    }

    It 'rejects malformed names and tokens before calling the service' -TestCases @(
        @{ Params = @{ PipelineName = 'bad name'; StageName = 'Approval'; ActionName = 'ReleaseApproval' } }
        @{ Params = @{ PipelineName = 'web-api'; StageName = ('s' * 101); ActionName = 'ReleaseApproval' } }
        @{ Params = @{ PipelineName = 'web-api'; StageName = 'Approval'; ActionName = 'Manual/Approval' } }
        @{ Params = @{ PipelineName = 'web-api'; StageName = 'Approval'; ActionName = 'ReleaseApproval'; Token = 'not-a-token' } }
    ) {
        { Deny-PipelineAction @Params -Force } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ApprovalTools.Commands.DenyPipelineActionCommand'
        Get-EmulatorCall $Emulator | Should -BeNullOrEmpty
    }

    It 'binds rows by property name; a bad row fails alone and the rest are answered' {
        $rows = @(
            [pscustomobject]@{ PipelineName = 'web-api'; StageName = 'Approval'; ActionName = 'ReleaseApproval' }
            [pscustomobject]@{ PipelineName = 'web-frontend'; StageName = 'NoStage'; ActionName = 'ManualApproval' }
            [pscustomobject]@{ PipelineName = 'web-frontend'; StageName = 'Approval'; ActionName = 'ManualApproval' }
        )
        $results = $rows | Approve-PipelineAction -Summary 'batch' -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $results.PipelineName | Should -Be @('web-api', 'web-frontend')
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'StageNotFound*'
        $errs[0].TargetObject | Should -Be 'web-frontend/NoStage/ManualApproval'
    }

    It 'binds CSV rows' {
        $csv = @"
PipelineName,StageName,ActionName
web-api,Approval,ReleaseApproval
"@ | ConvertFrom-Csv
        ($csv | Deny-PipelineAction -Force).Status | Should -Be 'Rejected'
    }

    It '-ErrorAction Stop makes the error terminating' {
        { Approve-PipelineAction legacy-app Approval ManualApproval -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'NoPendingApproval,ApprovalTools.Commands.ApprovePipelineActionCommand'
    }
}
