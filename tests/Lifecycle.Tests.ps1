# The approval lifecycle as AWS documents it (stage locks, timeouts, stop, retry, updates, permissions), and the
# module right against it under every setting the local CodePipeline offers for what AWS does not document.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Emulator = Start-TestEmulator
    $script:CallerArn = 'arn:aws:iam::123456789012:user/approvaltools-local'
}
AfterAll { Stop-TestEmulator $script:Emulator }

Describe 'Stage locks: a newer run waits in front of an approval' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'keeps the listed token valid and shows the run waiting behind it' {
        $listed = Get-PendingApproval web-api
        $newer = Start-EmulatorExecution $Emulator web-api 'Fix the checkout total'

        $again = Get-PendingApproval web-api
        $again.Token | Should -Be $listed.Token
        $again.PipelineExecutionId | Should -Be $listed.PipelineExecutionId
        $again.InboundExecutions.PipelineExecutionId | Should -Be $newer.pipelineExecutionId
        $again.InboundExecutions[0].RevisionSummary | Should -Be 'Fix the checkout total'
        ($again | Format-List | Out-String) | Should -Match "WaitingBehind\s*:\s*$($newer.pipelineExecutionId): Fix the checkout total"

        $result = $listed | Approve-PipelineAction -Force
        $result.Status | Should -Be 'Approved'
        $result.PipelineExecutionId | Should -Be $listed.PipelineExecutionId

        # The stage unlocked: the newer run entered and waits at the approval with a token of its own.
        $next = Get-PendingApproval web-api
        $next.PipelineExecutionId | Should -Be $newer.pipelineExecutionId
        $next.Token | Should -Not -Be $listed.Token
        $next.InboundExecutions | Should -BeNullOrEmpty
    }

    It 'by name answers the run inside the stage, never the one in front of it' {
        $listed = Get-PendingApproval web-api
        $null = Start-EmulatorExecution $Emulator web-api
        $result = Approve-PipelineAction web-api Approval ReleaseApproval -Force
        $result.PipelineExecutionId | Should -Be $listed.PipelineExecutionId
        (Get-EmulatorCall $Emulator PutApprovalResult).token | Should -Be $listed.Token
    }

    It 'QUEUED: every newer run waits, in order (queuedInbound <_>)' -ForEach @('both', 'listOnly') {
        $null = Invoke-EmulatorControl $Emulator PUT settings @{ queuedInbound = $_ }
        $null = Invoke-EmulatorControl $Emulator POST 'pipelines/web-api/update' @{ executionMode = 'QUEUED' }
        $listed = Get-PendingApproval web-api
        $first = Start-EmulatorExecution $Emulator web-api 'first queued'
        $second = Start-EmulatorExecution $Emulator web-api 'second queued'
        $again = Get-PendingApproval web-api
        $again.Token | Should -Be $listed.Token
        $again.InboundExecutions.PipelineExecutionId | Should -Be @($first.pipelineExecutionId, $second.pipelineExecutionId)
        $again.InboundExecutions.RevisionSummary | Should -Be @('first queued', 'second queued')
    }

    It 'a still newer run supersedes the waiting one, not the approval' {
        $listed = Get-PendingApproval web-api
        $null = Start-EmulatorExecution $Emulator web-api 'overtaken'
        $last = Start-EmulatorExecution $Emulator web-api 'the newest'
        $again = Get-PendingApproval web-api
        $again.Token | Should -Be $listed.Token
        $again.InboundExecutions.PipelineExecutionId | Should -Be $last.pipelineExecutionId
    }
}

Describe 'Timeouts' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'an approval past its timeoutInMinutes is gone, and answering it says it expired' {
        $listed = Get-PendingApproval web-api
        $listed.ExpiresAt | Should -Be ($listed.RequestedAt.AddMinutes(120))
        $null = Invoke-EmulatorControl $Emulator POST clock @{ advanceMinutes = 121 }

        Get-PendingApproval web-api | Should -BeNullOrEmpty
        $listed | Approve-PipelineAction -Force -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ApprovalExpired,*'
        $errs[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $errs[0].Exception.Message | Should -Match 'expired'
        $errs[0].Exception.Message | Should -Not -Match 'Rejected|rejected'

        Approve-PipelineAction web-api Approval ReleaseApproval -Force -ErrorVariable byName -ErrorAction SilentlyContinue
        $byName[0].FullyQualifiedErrorId | Should -BeLike 'NoPendingApproval,*'
        $byName[0].Exception.Message | Should -Match 'expired without an answer'
        (Get-EmulatorApproval $Emulator | Where-Object token -eq $listed.Token).applied | Should -Be 0
    }
}

Describe 'Answers, whatever the service does where AWS documents nothing: <Name>' -ForEach @(
    @{ Name = 'defaults'; Settings = @{} }
    @{ Name = 'empty summary stored as nothing, token still shown, second answer InvalidApprovalToken'
        Settings = @{ emptySummary = 'empty'; answeredTokenShown = $true; secondAnswer = 'invalidToken' } }
) {
    BeforeEach {
        Reset-Emulator $Emulator
        $null = Invoke-EmulatorControl $Emulator PUT settings $Settings
    }

    It 'a lost reply to an approval without -Summary is reported as given, with who gave it' {
        $listed = Get-PendingApproval web-frontend
        Set-EmulatorFault @{ lostResponses = 1 }
        $result = $listed | Approve-PipelineAction -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 0
        $result.Status | Should -Be 'Approved'
        $result.AnsweredBy | Should -Be $CallerArn
        $result.RespondedAt | Should -Not -BeNullOrEmpty
        (Get-EmulatorApproval $Emulator | Where-Object token -eq $listed.Token).applied | Should -Be 1
    }

    It 'a second answer says how, by whom and when the run was answered' {
        $listed = Get-PendingApproval web-frontend
        $null = $listed | Deny-PipelineAction -Summary 'Broken build' -Force
        $listed | Approve-PipelineAction -Force -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ApprovalAlreadyCompleted,*'
        $errs[0].Exception.Message | Should -Match "already rejected by $([regex]::Escape($CallerArn)) at .*'Broken build'"
        $errs[0].Exception.Message | Should -Match 'Nothing was answered now'
    }

    It 'the AWS CLI sees the answer the module gave' {
        $listed = Get-PendingApproval web-frontend
        $null = $listed | Approve-PipelineAction -Force
        $runs = (Invoke-AwsCli list-action-executions --pipeline-name web-frontend).actionExecutionDetails
        $run = $runs | Where-Object { $_.output.executionResult.externalExecutionId -eq $listed.Token }
        $run.status | Should -Be 'Succeeded'
        $run.updatedBy | Should -Be $CallerArn
    }
}

Describe 'Stopped, retried and updated runs' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'a run whose execution the AWS CLI stopped is refused, naming the stop' {
        $listed = Get-PendingApproval web-api
        $null = Invoke-AwsCli stop-pipeline-execution --pipeline-name web-api `
            --pipeline-execution-id $listed.PipelineExecutionId --abandon --reason 'Bad release'
        $listed | Approve-PipelineAction -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidApprovalToken,*'
        $errs[0].Exception.Message | Should -Match 'its execution was stopped'
        (Get-EmulatorApproval $Emulator | Where-Object token -eq $listed.Token).applied | Should -Be 0
    }

    It 'after a rejection and a retry of the stage, the old token names the new run of the same execution' {
        $listed = Get-PendingApproval web-api
        $null = $listed | Deny-PipelineAction -Summary 'Try again' -Force
        $null = Invoke-AwsCli retry-stage-execution --pipeline-name web-api --stage-name Approval `
            --pipeline-execution-id $listed.PipelineExecutionId --retry-mode FAILED_ACTIONS
        $retried = Get-PendingApproval web-api
        $retried.PipelineExecutionId | Should -Be $listed.PipelineExecutionId
        $retried.Token | Should -Not -Be $listed.Token

        $listed | Approve-PipelineAction -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ApprovalAlreadyCompleted,*'
        $errs[0].Exception.Message | Should -Match 'the stage was retried and the same execution waits there again'
        ($retried | Approve-PipelineAction -Force).Status | Should -Be 'Approved'
    }
}

Describe 'Stops without abandon and pipeline updates, under each way the service may play them' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'stop without abandon, stopWithoutAbandon <Setting>: <Outcome>' -ForEach @(
        @{ Setting = 'waitForApproval'; Outcome = 'the approval can still be answered' }
        @{ Setting = 'abandonApproval'; Outcome = 'the token is refused, naming the stop' }
    ) {
        $null = Invoke-EmulatorControl $Emulator PUT settings @{ stopWithoutAbandon = $Setting }
        $listed = Get-PendingApproval web-api
        $null = Invoke-AwsCli stop-pipeline-execution --pipeline-name web-api `
            --pipeline-execution-id $listed.PipelineExecutionId --reason 'Hold'
        $result = $listed | Approve-PipelineAction -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        if ($Setting -eq 'waitForApproval') {
            $errs.Count | Should -Be 0
            $result.Status | Should -Be 'Approved'
        }
        else {
            $result | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidApprovalToken,*'
            $errs[0].Exception.Message | Should -Match 'its execution was stopped'
        }
    }

    It 'an update while a run waits, updateInFlight <Setting>: <Outcome>' -ForEach @(
        @{ Setting = 'continue'; Outcome = 'the run keeps its version and can be answered' }
        @{ Setting = 'cancel'; Outcome = 'the token is refused, naming the update' }
    ) {
        $null = Invoke-EmulatorControl $Emulator PUT settings @{ updateInFlight = $Setting }
        $listed = Get-PendingApproval web-api
        $null = Invoke-EmulatorControl $Emulator POST 'pipelines/web-api/update' @{ timeoutInMinutes = 600 }
        $result = $listed | Approve-PipelineAction -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        if ($Setting -eq 'continue') {
            $errs.Count | Should -Be 0
            $result.Status | Should -Be 'Approved'
        }
        else {
            $result | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidApprovalToken,*'
            $v = $listed.PipelineVersion
            $errs[0].Exception.Message | Should -Match "the pipeline has since been updated \(version $v to $($v + 1)\)"
        }
    }

    It 'a run that started before an update keeps the timeout of its own version' {
        $listed = Get-PendingApproval web-api
        $null = Invoke-EmulatorControl $Emulator POST 'pipelines/web-api/update' @{ timeoutInMinutes = 600 }
        $again = Get-PendingApproval web-api
        $again.Token | Should -Be $listed.Token
        $again.ExpiresAt | Should -Be $listed.ExpiresAt
        $again.PipelineVersion | Should -Be $listed.PipelineVersion
    }
}

Describe 'An approver with only AWSCodePipelineApproverAccess' {
    BeforeEach {
        Reset-Emulator $Emulator
        $null = Invoke-EmulatorControl $Emulator PUT permissions @{
            accessKeyId = $LocalAccessKey; policy = 'AWSCodePipelineApproverAccess' }
    }

    It 'lists every non-PARALLEL approval, and one AccessDenied naming ListActionExecutions for the PARALLEL one' {
        $found = Get-PendingApproval -ErrorVariable errs -ErrorAction SilentlyContinue
        ($found.PipelineName | Sort-Object -Unique) | Should -Be @('mobile-release', 'web-api', 'web-frontend')
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AccessDenied,*'
        $errs[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $errs[0].TargetObject | Should -Be 'infra-parallel'
        $errs[0].Exception.Message | Should -Match 'codepipeline:ListActionExecutions'
    }

    It 'answers, and reads a lost reply back from the state alone' {
        $listed = Get-PendingApproval web-frontend
        Set-EmulatorFault @{ lostResponses = 1 }
        $result = $listed | Approve-PipelineAction -Summary 'ok' -Force
        $result.Status | Should -Be 'Approved'
        (Get-EmulatorCall $Emulator ListActionExecutions | Where-Object httpStatus -eq 200) | Should -BeNullOrEmpty
    }
}

Describe 'PARALLEL pipelines' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'finds an older run still waiting behind a newer one that got past the approval' {
        $older = Start-EmulatorExecution $Emulator infra-parallel 'older change'
        $newer = Start-EmulatorExecution $Emulator infra-parallel 'newer change'
        $waiting = Get-PendingApproval infra-parallel
        $newerRun = $waiting | Where-Object PipelineExecutionId -eq $newer.pipelineExecutionId
        $null = $newerRun | Approve-PipelineAction -Force

        $left = Get-PendingApproval infra-parallel
        $left.PipelineExecutionId | Should -Contain $older.pipelineExecutionId
        $left.PipelineExecutionId | Should -Not -Contain $newer.pipelineExecutionId
    }

    It 'reads the action history of the executions in progress only, each once' {
        # Three runs waiting, one that finished between them: the history is read per run in progress.
        $null = Start-EmulatorExecution $Emulator infra-parallel 'one'
        $done = Start-EmulatorExecution $Emulator infra-parallel 'two'
        $null = Start-EmulatorExecution $Emulator infra-parallel 'three'
        $null = Get-PendingApproval infra-parallel | Where-Object PipelineExecutionId -eq $done.pipelineExecutionId |
            Approve-PipelineAction -Force
        Clear-EmulatorCall
        $found = @(Get-PendingApproval infra-parallel)
        $lists = @(Get-EmulatorCall $Emulator ListActionExecutions)
        $executionLists = @(Get-EmulatorCall $Emulator ListPipelineExecutions)
        $inProgress = @((Invoke-AwsCli list-pipeline-executions --pipeline-name infra-parallel).pipelineExecutionSummaries |
            Where-Object status -eq 'InProgress')
        $inProgress.Count | Should -BeGreaterThan 2
        $lists.Count | Should -Be $inProgress.Count
        $executionLists.Count | Should -Be 1
        $found.PipelineExecutionId | Should -Not -Contain $done.pipelineExecutionId
        $found.Count | Should -Be ($inProgress.Count)
    }
}

Describe 'A pipeline whose declaration or execution may not be read' {
    BeforeAll {
        $script:AllOperations = @('ListPipelines', 'GetPipeline', 'GetPipelineState', 'GetPipelineExecution',
            'ListPipelineExecutions', 'ListActionExecutions', 'PutApprovalResult')
    }
    BeforeEach { Reset-Emulator $Emulator }

    It 'without GetPipeline, lists the approval from the state, warns once what is missing, and answers it' {
        $null = Invoke-EmulatorControl $Emulator PUT permissions @{
            accessKeyId = $LocalAccessKey; allow = @($AllOperations | Where-Object { $_ -ne 'GetPipeline' }) }
        $listed = Get-PendingApproval web-api -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 0
        $listed.Token | Should -Be (Invoke-EmulatorControl $Emulator GET pending | ForEach-Object { $_ } | Where-Object pipelineName -eq 'web-api').token
        $listed.ExpiresAt | Should -BeNullOrEmpty
        $listed.RevisionSummary | Should -Not -BeNullOrEmpty
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -Match "web-api.*codepipeline:GetPipeline was refused.*ExpiresAt"
        ($listed | Approve-PipelineAction -Force).Status | Should -Be 'Approved'
    }

    It 'without GetPipelineExecution, lists the approval without its revisions, with a warning' {
        $null = Invoke-EmulatorControl $Emulator PUT permissions @{
            accessKeyId = $LocalAccessKey; allow = @($AllOperations | Where-Object { $_ -ne 'GetPipelineExecution' }) }
        $listed = Get-PendingApproval web-api -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 0
        $listed.Token | Should -Not -BeNullOrEmpty
        $listed.ExpiresAt | Should -Not -BeNullOrEmpty
        $listed.Revisions | Should -BeNullOrEmpty
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -Match 'codepipeline:GetPipelineExecution was refused.*revisions'
    }
}
