# Get-ApprovalHistory: the record of decisions, read from the local CodePipeline's action history.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Emulator = Start-TestEmulator
    $script:CallerArn = 'arn:aws:iam::123456789012:user/approvaltools-local'
    function Get-EmulatorNow { [datetime]::Parse((Invoke-EmulatorControl $Emulator GET clock).now).ToUniversalTime() }
}
AfterAll { Stop-TestEmulator $script:Emulator }

Describe 'Get-ApprovalHistory: what the service recorded' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'shows an answer the AWS CLI gave with the status, summary and ARN list-action-executions shows' {
        $state = Invoke-AwsCli get-pipeline-state --name web-frontend
        $token = ($state.stageStates | Where-Object stageName -eq Approval).actionStates[0].latestExecution.token
        $null = Invoke-AwsCli put-approval-result --pipeline-name web-frontend --stage-name Approval `
            --action-name ManualApproval --token $token --result 'summary=Checked by CLI,status=Rejected'
        $cli = (Invoke-AwsCli list-action-executions --pipeline-name web-frontend).actionExecutionDetails |
            Where-Object { $_.output.executionResult.externalExecutionId -eq $token }

        $record = Get-ApprovalHistory web-frontend | Where-Object PipelineExecutionId -eq $cli.pipelineExecutionId
        $record.Status | Should -Be 'Rejected'
        $cli.status | Should -Be 'Failed'
        $record.Summary | Should -Be $cli.output.executionResult.externalExecutionSummary
        $record.Summary | Should -Be 'Checked by CLI'
        $record.AnsweredBy | Should -Be $cli.updatedBy
        $record.AnsweredBy | Should -Be $CallerArn
        $record.AnsweredByName | Should -Be 'approvaltools-local'
        $record.ActionExecutionId | Should -Be $cli.actionExecutionId
        $record.AnsweredAt | Should -BeGreaterThan $record.RequestedAt
        $record.WaitedFor | Should -Be ($record.AnsweredAt - $record.RequestedAt)
        $record.Revisions | Should -Be 'SourceArtifact@e337e6852291bda9a9743df01893ea1dfe86ecb2'
        $record.RevisionSummary | Should -Be 'Add dark mode toggle to the settings page'
        $record.Region | Should -Be 'us-east-1'
    }

    It 'an approval without -Summary shows the text the service stored' {
        $null = Get-PendingApproval web-frontend | Approve-PipelineAction -Force
        $record = Get-ApprovalHistory web-frontend -AnsweredBy $CallerArn
        $record.Status | Should -Be 'Approved'
        $record.Summary | Should -Be "Approved by $CallerArn"
    }

    It 'tells an expiry from a rejection, and shows an abandoned run' {
        $expiring = Get-PendingApproval web-api
        $null = Invoke-EmulatorControl $Emulator POST clock @{ advanceMinutes = 121 }
        $stopped = Get-PendingApproval web-frontend
        $null = Invoke-AwsCli stop-pipeline-execution --pipeline-name web-frontend `
            --pipeline-execution-id $stopped.PipelineExecutionId --abandon --reason 'Bad release'

        $expired = Get-ApprovalHistory web-api -Status Expired
        $expired.PipelineExecutionId | Should -Be $expiring.PipelineExecutionId
        $expired.AnsweredBy | Should -BeNullOrEmpty
        $expired.WaitedFor.TotalMinutes | Should -BeGreaterOrEqual 119
        Get-ApprovalHistory web-api -Status Rejected | Should -BeNullOrEmpty

        $abandoned = Get-ApprovalHistory web-frontend -Status Abandoned
        $abandoned.PipelineExecutionId | Should -Be $stopped.PipelineExecutionId
        (Get-ApprovalHistory -Status Approved).Status | Sort-Object -Unique | Should -Be 'Approved'
    }

    It 'the default window is the last 7 days; -Since and -Until set another' {
        # The seed's decisions are 1 to 3 days old (web-api's 4340 minutes ago, web-frontend's 2840).
        (Get-ApprovalHistory).PipelineName | Should -Contain 'web-api'
        $now = Get-Date
        $since = @(Get-ApprovalHistory -Since $now.AddMinutes(-3000))
        $since.PipelineName | Should -Contain 'web-frontend'
        $since.PipelineName | Should -Not -Contain 'web-api'
        $until = @(Get-ApprovalHistory -Since $now.AddDays(-5) -Until $now.AddMinutes(-4000))
        $until.PipelineName | Should -Be 'web-api'
        $null = Invoke-EmulatorControl $Emulator POST clock @{ advanceMinutes = 8 * 24 * 60 }
        (Get-ApprovalHistory -Since (Get-EmulatorNow).AddDays(-7)).PipelineName | Should -Not -Contain 'web-api'
    }

    It 'filters by pipeline (wildcards, piped names), stage and action' {
        (Get-ApprovalHistory -PipelineName web-*).PipelineName | Sort-Object | Should -Be @('web-api', 'web-frontend')
        ('mobile-release', 'legacy-app' | Get-ApprovalHistory).PipelineName | Sort-Object |
            Should -Be @('legacy-app', 'mobile-release')
        ([pscustomobject]@{ PipelineName = 'web-api' } | Get-ApprovalHistory).PipelineName | Should -Be 'web-api'
        (Get-ApprovalHistory -StageName QA).ActionName | Should -Be 'QASignOff'
        (Get-ApprovalHistory -ActionName *Release*).PipelineName | Should -Be 'web-api'
        @() | Get-ApprovalHistory | Should -BeNullOrEmpty
        Clear-EmulatorCall
        [pscustomobject]@{ Other = 1 } | Get-ApprovalHistory -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-EmulatorCall $Emulator | Should -BeNullOrEmpty
    }

    It '-AnsweredBy matches the ARN or the short name, with wildcards' {
        (Get-ApprovalHistory -AnsweredBy qa-lead).PipelineName | Should -Be 'mobile-release'
        (Get-ApprovalHistory -AnsweredBy 'arn:aws:iam::123456789012:user/qa-*').PipelineName | Should -Be 'mobile-release'
        @(Get-ApprovalHistory -AnsweredBy jane*).Count | Should -Be 4
        Get-ApprovalHistory -AnsweredBy nobody | Should -BeNullOrEmpty
        [ApprovalTools.ApprovalRecord]::ShortName('arn:aws:sts::123456789012:assumed-role/Approver/jane') | Should -Be 'jane'
        [ApprovalTools.ApprovalRecord]::ShortName('arn:aws:iam::123456789012:user/team/bob') | Should -Be 'bob'
    }

    It '-PipelineExecutionId gives that execution only, whatever its age; an unknown one is PipelineExecutionNotFound' {
        $old = Get-ApprovalHistory web-api -Since (Get-Date).AddDays(-5)
        $null = Invoke-EmulatorControl $Emulator POST clock @{ advanceMinutes = 30 * 24 * 60 }
        $record = Get-ApprovalHistory -PipelineExecutionId $old.PipelineExecutionId
        $record.PipelineName | Should -Be 'web-api'
        $record.Summary | Should -Be 'Ship it.'

        $missing = '00000000-0000-0000-0000-000000000000'
        Get-ApprovalHistory -PipelineExecutionId $missing -ErrorVariable errs -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PipelineExecutionNotFound,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'reads several regions side by side, each record with its region; -ThrottleLimit 1 reads the same' {
        $records = Get-ApprovalHistory -Region us-east-1, eu-west-1 -PipelineName web-api
        ($records.Region | Sort-Object) | Should -Be @('eu-west-1', 'us-east-1')
        @(Get-ApprovalHistory -ThrottleLimit 1).Count | Should -Be @(Get-ApprovalHistory).Count
    }

    It 'a table (pipeline, action, status, by, when, summary), a list, and flat CSV columns' {
        $table = Get-ApprovalHistory mobile-release | Format-Table | Out-String -Width 200
        $table | Should -Match 'PipelineName\s+ActionName\s+Status\s+By\s+When\s+Summary'
        $table | Should -Match 'mobile-release\s+QASignOff\s+Approved\s+qa-lead\s+\d{4}-\d\d-\d\d \d\d:\d\dZ\s+QA passed'
        (Get-ApprovalHistory mobile-release | Format-List | Out-String) | Should -Match 'WaitedFor\s+:\s+00:56:00'
        $csv = Get-ApprovalHistory mobile-release | ConvertTo-Csv | ConvertFrom-Csv
        $csv.Revisions | Should -Be 'SourceArtifact@5f5201dcbdbcfd856b26c17ffed8520a21eb0b29'
        $csv.AnsweredByName | Should -Be 'qa-lead'
        $csv.PSObject.Properties.Value | Should -Not -Match 'System\.|ApprovalTools\.'
    }
}

Describe 'Get-ApprovalHistory: paging to the end of the window and no further' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'stops after the page whose runs started before the window could reach' {
        # 60 runs of web-frontend at once (over 100 action runs: two pages), then 20 days later.
        1..60 | ForEach-Object { $null = Start-EmulatorExecution $Emulator web-frontend "change $_" }
        $null = Invoke-EmulatorControl $Emulator POST clock @{ advanceMinutes = 20 * 24 * 60 }
        $pages = (Invoke-AwsCli list-action-executions --pipeline-name web-frontend --max-items 1000).actionExecutionDetails
        $pages.Count | Should -BeGreaterThan 100

        Clear-EmulatorCall
        $recent = Get-ApprovalHistory web-frontend -Since (Get-EmulatorNow).AddDays(-1)
        $recent | Should -BeNullOrEmpty
        @(Get-EmulatorCall $Emulator ListActionExecutions).Count | Should -Be 1

        Clear-EmulatorCall
        $all = Get-ApprovalHistory web-frontend -Since (Get-EmulatorNow).AddDays(-30)
        @(Get-EmulatorCall $Emulator ListActionExecutions).Count | Should -BeGreaterThan 1
        $all.Summary | Should -Contain 'Staging looks good.'
    }
}

Describe 'Get-ApprovalHistory without codepipeline:ListActionExecutions' {
    BeforeEach {
        Reset-Emulator $Emulator
        $null = Invoke-EmulatorControl $Emulator PUT permissions @{
            accessKeyId = $LocalAccessKey; policy = 'AWSCodePipelineApproverAccess' }
    }

    It 'one AccessDenied naming the permission per region, not one per pipeline' {
        Get-ApprovalHistory -Region us-east-1, eu-west-1 -ErrorVariable errs -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $errs.Count | Should -Be 2
        $errs.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'AccessDenied,*' }
        $errs.CategoryInfo.Category | Sort-Object -Unique | Should -Be 'PermissionDenied'
        $errs[0].Exception.Message | Should -Match 'codepipeline:ListActionExecutions'
        ($errs.TargetObject | Sort-Object) | Should -Be @('region eu-west-1', 'region us-east-1')
    }
}

Describe 'Get-ApprovalHistory -Wait' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'blocks until the execution''s approval is decided, then gives the decision and who made it' {
        $pending = Get-PendingApproval web-frontend
        $job = Start-ThreadJob -ArgumentList $Emulator.Url, $pending.Token {
            param($url, $token)
            Start-Sleep -Seconds 3
            & aws --endpoint-url $url --region us-east-1 codepipeline put-approval-result --pipeline-name web-frontend `
                --stage-name Approval --action-name ManualApproval --token $token `
                --result 'summary=Go,status=Approved' 2>&1
        }
        try {
            $record = Get-ApprovalHistory web-frontend -PipelineExecutionId $pending.PipelineExecutionId -Wait `
                -PollInterval 1 -Timeout 120
        }
        finally { $null = $job | Wait-Job -Timeout 60 | Receive-Job; $job | Remove-Job -Force }
        $record.Status | Should -Be 'Approved'
        $record.Summary | Should -Be 'Go'
        $record.AnsweredBy | Should -Be $CallerArn
        @(Get-EmulatorCall $Emulator ListActionExecutions).Count | Should -BeGreaterThan 1
    }

    It 'reports WaitTimeout when nobody decides in time' {
        $pending = Get-PendingApproval web-frontend
        Get-ApprovalHistory web-frontend -PipelineExecutionId $pending.PipelineExecutionId -Wait -PollInterval 1 `
            -Timeout 2 -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'WaitTimeout,*'
        $errs[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        (Get-EmulatorApproval $Emulator) | Should -BeNullOrEmpty
    }
}
