BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Emulator = Start-TestEmulator
}
AfterAll { Stop-TestEmulator $script:Emulator }

Describe 'Get-PendingApproval' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'lists every pending manual approval in the account, and nothing else' {
        $pending = Get-PendingApproval
        $keys = $pending | ForEach-Object { '{0}/{1}/{2}' -f $_.PipelineName, $_.StageName, $_.ActionName } | Sort-Object
        $keys | Should -Be @(
            'infra-parallel/Approval/ApplyApproval'
            'mobile-release/Production/ProdGate'
            'mobile-release/QA/QASignOff'
            'web-api/Approval/ReleaseApproval'
            'web-frontend/Approval/ManualApproval'
        )
        $pending | ForEach-Object { $_ | Should -BeOfType ([ApprovalTools.PendingApproval]) }
        $pending.Region | Select-Object -Unique | Should -Be 'us-east-1'
    }

    It 'returns the token of the run that is waiting now' {
        # The seeded run holds the Approval stage until it stops; then a new run goes straight in.
        $null = Invoke-EmulatorControl $Emulator POST 'pipelines/web-frontend/executions/b3e1c5d7-2f4a-4b6c-9d8e-0a1b2c3d4e5f/stop' @{ abandon = $true }
        $started = Start-EmulatorExecution $Emulator 'web-frontend' 'Fix login redirect'
        $approval = Get-PendingApproval -PipelineName web-frontend
        $approval.PipelineExecutionId | Should -Be $started.pipelineExecutionId
        $approval.Token | Should -Be $started.tokens.'Approval/ManualApproval'
        $approval.RevisionSummary | Should -Be 'Fix login redirect'
    }

    It 'reports two approvals of one pipeline held by two runs' {
        $pending = Get-PendingApproval mobile-release
        $pending.Count | Should -Be 2
        ($pending.PipelineExecutionId | Select-Object -Unique).Count | Should -Be 2
        ($pending.Token | Select-Object -Unique).Count | Should -Be 2
    }

    It 'matches pipeline names with wildcards' {
        $names = (Get-PendingApproval -PipelineName 'web-*').PipelineName | Sort-Object
        $names | Should -Be @('web-api', 'web-frontend')
    }

    It 'takes pipeline names from the pipeline as strings and by property name' {
        ('web-api', 'nightly-batch' | Get-PendingApproval).PipelineName | Should -Be 'web-api'
        ([pscustomobject]@{ PipelineName = 'web-frontend' } | Get-PendingApproval).PipelineName | Should -Be 'web-frontend'
    }

    It 'filters by stage and action name with wildcards' {
        (Get-PendingApproval -StageName 'Prod*').ActionName | Should -Be 'ProdGate'
        (Get-PendingApproval -ActionName 'QA*').StageName | Should -Be 'QA'
    }

    It 'carries the declaration context and the expiry' {
        $api = Get-PendingApproval web-api
        $api.CustomData | Should -Not -BeNullOrEmpty
        $api.ExternalEntityLink | Should -Match '^https?://'
        $api.NotificationArn | Should -Match '^arn:aws:sns:'
        $api.RevisionSummary | Should -Be 'Fix pagination of GET /orders (#482)'
        ($api.ExpiresAt - $api.RequestedAt) | Should -Be ([timespan]::FromMinutes(120))
        $web = Get-PendingApproval web-frontend
        ($web.ExpiresAt - $web.RequestedAt) | Should -Be ([timespan]::FromDays(7))
        $web.Revisions.Count | Should -BeGreaterThan 0
        $web.Revisions[0].RevisionId | Should -Not -BeNullOrEmpty
        $web.ReviewUrl | Should -BeLike "https://us-east-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/web-frontend/*"
    }

    It 'gives a PARALLEL pipeline''s approval a token that PutApprovalResult takes' {
        $approval = Get-PendingApproval infra-parallel
        $approval.ExecutionMode | Should -Be 'PARALLEL'
        $approval.Token | Should -Be '3b7e9d1f-5a2c-4e8b-a6d4-0f9e8d7c6b5a'
        @(Get-EmulatorCall $Emulator ListActionExecutions).Count | Should -BeGreaterThan 0
        $result = $approval | Approve-PipelineAction -Force
        $result.Status | Should -Be 'Approved'
        (Get-EmulatorCall $Emulator PutApprovalResult).token | Should -Be $approval.Token
        Get-PendingApproval infra-parallel | Should -BeNullOrEmpty
    }

    It 'lists every run waiting at a PARALLEL approval, and answers each by its own token' {
        $first = Get-PendingApproval infra-parallel
        $second = Start-EmulatorExecution $Emulator 'infra-parallel' 'Add a NAT gateway'
        $pending = Get-PendingApproval infra-parallel
        $pending.Count | Should -Be 2
        ($pending.PipelineExecutionId | Sort-Object) | Should -Be (@($second.pipelineExecutionId, $first.PipelineExecutionId) | Sort-Object)
        ($pending | Where-Object PipelineExecutionId -eq $second.pipelineExecutionId).Token | Should -Be $second.tokens.'Approval/ApplyApproval'
        ($pending | Where-Object PipelineExecutionId -eq $second.pipelineExecutionId).RevisionSummary | Should -Be 'Add a NAT gateway'

        # By name, two waiting runs are ambiguous: nothing is answered.
        Approve-PipelineAction infra-parallel Approval ApplyApproval -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AmbiguousApproval,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        Get-EmulatorCall $Emulator PutApprovalResult | Should -BeNullOrEmpty

        $results = $pending | Deny-PipelineAction -Reason 'Plan drift' -Force
        $results.Status | Should -Be @('Rejected', 'Rejected')
        ((Get-EmulatorCall $Emulator PutApprovalResult).token | Sort-Object) | Should -Be ($pending.Token | Sort-Object)
        Get-PendingApproval infra-parallel | Should -BeNullOrEmpty
    }

    It 'reports an unknown pipeline and goes on with the rest' {
        $pending = Get-PendingApproval -PipelineName 'no-such-pipeline', 'web-api' -ErrorVariable errs -ErrorAction SilentlyContinue
        $pending.PipelineName | Should -Be 'web-api'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PipelineNotFound*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be 'no-such-pipeline'
    }

    It 'a wildcard that matches nothing is not an error' {
        Get-PendingApproval -PipelineName 'zzz-*' -ErrorVariable errs | Should -BeNullOrEmpty
        $errs.Count | Should -Be 0
    }

    It 'rejects a malformed name before calling the service' -TestCases @(
        @{ Name = 'has space' }, @{ Name = 'slash/name' }, @{ Name = ('x' * 101) }, @{ Name = '' }
    ) {
        { Get-PendingApproval -PipelineName $Name } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ApprovalTools.Commands.GetPendingApprovalCommand'
        Get-EmulatorCall $Emulator | Should -BeNullOrEmpty
    }

    It 'reads a pipeline declaration once however many approvals it has' {
        $null = Get-PendingApproval mobile-release
        @(Get-EmulatorCall $Emulator GetPipeline).Count | Should -Be 1
        @(Get-EmulatorCall $Emulator GetPipelineState).Count | Should -Be 1
    }

    It 'calls no GetPipeline for a listed pipeline with nothing in progress, one for a named one' {
        # Listed, ListPipelines gives the execution mode; named, only the declaration tells whether it is PARALLEL.
        $null = Get-PendingApproval nightly-*
        Get-EmulatorCall $Emulator GetPipeline | Should -BeNullOrEmpty
        $null = Get-PendingApproval nightly-batch
        @(Get-EmulatorCall $Emulator GetPipeline).Count | Should -Be 1
    }

    It 'refuses a wrong secret key with InvalidCredentials' {
        $null = Get-PendingApproval web-api -AccessKey $LocalAccessKey -SecretKey 'wrong-secret' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidCredentials*'
        $errs[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $errs[0].Exception.Message | Should -Not -Match 'wrong-secret'
    }

    It 'waits for an approval with -Wait and times out with WaitTimeout' {
        $null = Get-PendingApproval nightly-batch -Wait -Timeout 1 -PollInterval 1 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'WaitTimeout*'
        $errs[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
    }

    It 'waits with -Wait until an approval is pending, then emits it' {
        $null = Get-PendingApproval web-frontend | Approve-PipelineAction -Force
        $url = $Emulator.Url
        $job = Start-ThreadJob {
            Start-Sleep -Seconds 2
            Invoke-RestMethod -Method Post -Uri "$using:url/_emulator/pipelines/web-frontend/executions" -Body '{}' -ContentType 'application/json'
        }
        $found = Get-PendingApproval web-frontend -Wait -PollInterval 1 -Timeout 60
        $started = $job | Receive-Job -Wait -AutoRemoveJob
        $found.Token | Should -Be $started.tokens.'Approval/ManualApproval'
        $found.PipelineExecutionId | Should -Be $started.pipelineExecutionId
    }

    It 'stops promptly on Ctrl+C while calls are in flight' {
        $null = Invoke-EmulatorControl $Emulator PUT faults @{ latencyMs = 30000 }
        try {
            $ps = [powershell]::Create()
            $null = $ps.AddScript("Import-Module '$ModulePath'; Get-PendingApproval -EndpointUrl '$($Emulator.Url)'")
            $async = $ps.BeginInvoke()
            Start-Sleep -Milliseconds 1500
            $async.IsCompleted | Should -BeFalse
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 3
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $ps.Dispose()
        }
        finally {
            $null = Invoke-EmulatorControl $Emulator DELETE faults
        }
    }

    It 'shows progress, pipelines scanned of total, on a long scan' {
        $null = Invoke-EmulatorControl $Emulator POST generate @{ count = 40; pending = 4; prefix = 'progress-' }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$ModulePath'; Get-PendingApproval -EndpointUrl '$($Emulator.Url)'")
            $found = $ps.Invoke()
            $found.Count | Should -Be 9
            $progress = @($ps.Streams.Progress)
            $progress.Count | Should -BeGreaterThan 1
            $progress[-1].RecordType | Should -Be 'Completed'
            $progress.StatusDescription | Should -Contain '46 of 46 pipelines scanned'
        }
        finally { $ps.Dispose() }
    }

    It 'reports Throttled once the service has let no call through for the 5-minute ceiling' {
        $null = Invoke-EmulatorControl $Emulator PUT faults @{ throttleRate = 1.0 }
        try {
            $null = Get-PendingApproval web-api -ErrorVariable errs -ErrorAction SilentlyContinue
        }
        finally { $null = Invoke-EmulatorControl $Emulator DELETE faults }
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Throttled,*'
        $errs[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $errs[0].TargetObject | Should -Be 'web-api'
        # The SDK retried (standard mode) before giving up.
        @(Get-EmulatorCall $Emulator GetPipelineState).Count | Should -BeGreaterThan 1
    }

    It 'tells with -Verbose which pipeline, call and token, and never the secret key' {
        $all = Get-PendingApproval web-api -Verbose -Debug *>&1 5>&1
        $approval = $all | Where-Object { $_ -is [ApprovalTools.PendingApproval] }
        $verbose = ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`\n"
        $verbose | Should -Match 'GetPipelineState web-api'
        $verbose | Should -Match ([regex]::Escape($approval.Token))
        $verbose | Should -Match 'region us-east-1 \(from the environment variable AWS_REGION\) and credentials from the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY'
        ($all | Out-String) + ($all | Format-List * | Out-String) | Should -Not -Match $LocalSecretKey
    }
}

Describe 'Tab completion' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'completes <Parameter> from the account' -TestCases @(
        @{ Parameter = 'pipeline names'; Line = 'Get-PendingApproval -EndpointUrl {0} -PipelineName web-'; Expected = @('web-api', 'web-frontend') }
        @{ Parameter = 'stage names, approval stages first'; Line = 'Approve-PipelineAction -EndpointUrl {0} -PipelineName mobile-release -StageName '; Expected = @('QA', 'Production', 'Source', 'Build') }
        @{ Parameter = 'action names of the bound stage, approvals first'; Line = 'Deny-PipelineAction -EndpointUrl {0} -PipelineName mobile-release -StageName Production -ActionName '; Expected = @('ProdGate', 'PublishToStores') }
    ) {
        $script = $Line -f $Emulator.Url
        $result = TabExpansion2 -inputScript $script -cursorColumn $script.Length
        $result.CompletionMatches.CompletionText | Should -Be $Expected
    }
}
