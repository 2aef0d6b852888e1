# Wrong input of every kind: each case asserts the error id and category the user gets, and what reached the
# service (nothing at all when the input is invalid on its face).
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Emulator = Start-TestEmulator
    # A shared credentials file with one profile, so "no such profile" never depends on the machine's own files.
    $script:CredentialsFile = Join-Path $TestDrive 'credentials'
    Set-Content $CredentialsFile "[someone-else]`naws_access_key_id = AKIDSOMEONEELSE`naws_secret_access_key = not-used"
}
AfterAll { Stop-TestEmulator $script:Emulator }

Describe 'Input that is invalid on its face fails before any call' {
    BeforeEach { Reset-Emulator $Emulator }

    It '<Case>' -TestCases @(
        # Get-PendingApproval: names (wildcards are allowed here)
        @{ Case = 'pipeline name empty'; Command = "Get-PendingApproval -PipelineName ''" }
        @{ Case = 'pipeline name with a space'; Command = "Get-PendingApproval -PipelineName 'web api'" }
        @{ Case = 'pipeline name with a slash'; Command = "Get-PendingApproval -PipelineName 'web/api'" }
        @{ Case = 'pipeline name of 101 characters'; Command = "Get-PendingApproval -PipelineName ('p' * 101)" }
        @{ Case = 'pipeline name with unicode'; Command = "Get-PendingApproval -PipelineName 'wéb-api'" }
        @{ Case = 'pipeline name in another script'; Command = "Get-PendingApproval -PipelineName 'パイプライン'" }
        @{ Case = 'stage name empty'; Command = "Get-PendingApproval -StageName ''" }
        @{ Case = 'stage name with a space'; Command = "Get-PendingApproval -StageName 'Release Approval'" }
        @{ Case = 'action name with a slash'; Command = "Get-PendingApproval -ActionName 'Approval/Manual'" }
        @{ Case = 'action name of 101 characters'; Command = "Get-PendingApproval -ActionName ('a' * 101)" }
        @{ Case = 'throttle limit 0'; Command = 'Get-PendingApproval -ThrottleLimit 0' }
        @{ Case = 'throttle limit 65'; Command = 'Get-PendingApproval -ThrottleLimit 65' }
        @{ Case = 'negative timeout'; Command = 'Get-PendingApproval -Wait -Timeout -1' }
        @{ Case = 'poll interval 0'; Command = 'Get-PendingApproval -Wait -PollInterval 0' }
        @{ Case = 'empty region'; Command = "Get-PendingApproval -Region ''" }
        # Approve-/Deny-PipelineAction: names (no wildcards), tokens, summary
        @{ Case = 'answer: pipeline name empty'; Command = "Approve-PipelineAction -PipelineName '' -StageName Approval -ActionName ReleaseApproval -Force" }
        @{ Case = 'answer: pipeline name with a space'; Command = "Approve-PipelineAction 'web api' Approval ReleaseApproval -Force" }
        @{ Case = 'answer: pipeline name with a wildcard'; Command = "Approve-PipelineAction 'web-*' Approval ReleaseApproval -Force" }
        @{ Case = 'answer: action name with a wildcard'; Command = "Deny-PipelineAction web-api Approval 'Release?' -Force" }
        @{ Case = 'answer: stage name of 101 characters'; Command = "Deny-PipelineAction web-api ('s' * 101) ReleaseApproval -Force" }
        @{ Case = 'answer: stage name with unicode'; Command = "Approve-PipelineAction web-api 'Appröval' ReleaseApproval -Force" }
        @{ Case = 'answer: action name with a slash'; Command = "Approve-PipelineAction web-api Approval 'Release/Approval' -Force" }
        @{ Case = 'answer: pipeline name with a trailing newline'; Command = "Approve-PipelineAction `"web-api`n`" Approval ReleaseApproval -Force" }
        @{ Case = 'list: pipeline name with a trailing newline'; Command = "Get-PendingApproval `"web-api`n`"" }
        @{ Case = 'answer: token not a token'; Command = "Approve-PipelineAction web-api Approval ReleaseApproval -Token 'not-a-token' -Force" }
        @{ Case = 'answer: token cut short'; Command = "Approve-PipelineAction web-api Approval ReleaseApproval -Token 'c4d5e6f7-0a1b-4c2d-8e3f' -Force" }
        @{ Case = 'answer: token with a space'; Command = "Deny-PipelineAction web-api Approval ReleaseApproval -Token 'c4d5e6f7 0a1b 4c2d 8e3f 5a6b7c8d9e0f' -Force" }
        @{ Case = 'answer: summary of 513 characters'; Command = "Approve-PipelineAction web-api Approval ReleaseApproval -Summary ('x' * 513) -Force" }
        @{ Case = 'answer: $null as the object'; Command = 'Approve-PipelineAction -InputObject $null -Force' }
    ) {
        $r = Invoke-Collected $Command
        $r.Output | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError*'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        Get-EmulatorCall $Emulator | Should -BeNullOrEmpty
    }

    It '<Case>' -TestCases @(
        @{ Case = '$null on the pipeline to Approve'; Command = '$null | Approve-PipelineAction -Force'; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
        @{ Case = 'a string on the pipeline to Deny'; Command = "'web-api' | Deny-PipelineAction -Force"; Id = 'InputObjectNotBound'; Category = 'InvalidArgument' }
        @{ Case = 'a number on the pipeline to Approve'; Command = '42 | Approve-PipelineAction -Force'; Id = 'InputObjectNotBound'; Category = 'InvalidArgument' }
        @{ Case = 'an object of another type on the pipeline'; Command = 'Get-Date | Approve-PipelineAction -Force'; Id = 'InputObjectNotBound'; Category = 'InvalidArgument' }
        @{ Case = 'a row with a malformed name on the pipeline'; Command = "[pscustomobject]@{ PipelineName = 'web api'; StageName = 'Approval'; ActionName = 'ReleaseApproval' } | Approve-PipelineAction -Force"; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
        @{ Case = 'a row with a malformed token on the pipeline'; Command = "[pscustomobject]@{ PipelineName = 'web-api'; StageName = 'Approval'; ActionName = 'ReleaseApproval'; Token = 'x' } | Approve-PipelineAction -Force"; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
        @{ Case = 'a PendingApproval with a malformed token'; Command = "[ApprovalTools.PendingApproval]@{ PipelineName = 'web-api'; StageName = 'Approval'; ActionName = 'ReleaseApproval'; Token = 'not a token' } | Approve-PipelineAction -Force"; Id = 'InvalidInputObject'; Category = 'InvalidArgument' }
        @{ Case = 'a PendingApproval with no pipeline name'; Command = '[ApprovalTools.PendingApproval]@{ StageName = "Approval"; ActionName = "ReleaseApproval"; Token = $WebFrontendToken } | Deny-PipelineAction -Force'; Id = 'InvalidInputObject'; Category = 'InvalidArgument' }
        @{ Case = '$null on the pipeline to Get-PendingApproval'; Command = '$null | Get-PendingApproval'; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
        @{ Case = 'a malformed name by property name to Get-PendingApproval'; Command = "[pscustomobject]@{ Name = 'a b' } | Get-PendingApproval"; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
        # Settings that cannot be used
        @{ Case = 'a malformed endpoint URL'; Command = "Get-PendingApproval -EndpointUrl 'not a url'"; Id = 'InvalidEndpointUrl'; Category = 'InvalidArgument' }
        @{ Case = 'an endpoint URL that is not http(s)'; Command = "Approve-PipelineAction web-api Approval ReleaseApproval -Force -EndpointUrl 'ftp://127.0.0.1/'"; Id = 'InvalidEndpointUrl'; Category = 'InvalidArgument' }
        @{ Case = 'an unknown region'; Command = "Get-PendingApproval -Region 'xx-nowhere-9'"; Id = 'UnknownRegion'; Category = 'InvalidArgument'; NoEndpoint = $true }
        @{ Case = 'an unknown region when answering'; Command = "Deny-PipelineAction web-api Approval ReleaseApproval -Region 'xx-nowhere-9' -Force"; Id = 'UnknownRegion'; Category = 'InvalidArgument'; NoEndpoint = $true }
        @{ Case = 'a profile that does not exist'; Command = 'Get-PendingApproval -ProfileName no-such-profile -ProfileLocation $CredentialsFile'; Id = 'ProfileNotFound'; Category = 'ObjectNotFound' }
        @{ Case = 'a profile that does not exist when answering'; Command = 'Approve-PipelineAction web-api Approval ReleaseApproval -Force -ProfileName no-such-profile -ProfileLocation $CredentialsFile'; Id = 'ProfileNotFound'; Category = 'ObjectNotFound' }
        @{ Case = 'an access key without a secret key'; Command = 'Get-PendingApproval -AccessKey $LocalAccessKey'; Id = 'IncompleteCredentials'; Category = 'InvalidArgument' }
        @{ Case = 'a credential of the wrong type'; Command = 'Get-PendingApproval -Credential 42'; Id = 'InvalidCredential'; Category = 'InvalidArgument' }
    ) {
        $saved = $global:PSDefaultParameterValues['Disabled']
        # No endpoint at all: the real service's address would be used, so it must fail before any call.
        if ($NoEndpoint) { $global:PSDefaultParameterValues['Disabled'] = $true }
        try { $r = Invoke-Collected $Command }
        finally { $global:PSDefaultParameterValues['Disabled'] = $saved }
        $r.Output | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike "$Id*"
        $r.Errors[0].CategoryInfo.Category | Should -Be $Category
        Get-EmulatorCall $Emulator | Should -BeNullOrEmpty
    }
}

Describe 'Input the service refuses fails alone, after the calls it needs' {
    BeforeEach { Reset-Emulator $Emulator }

    It '<Case>' -TestCases @(
        @{ Case = 'an unknown pipeline'; Command = 'Get-PendingApproval -PipelineName no-such-pipeline'; Id = 'PipelineNotFound'; Category = 'ObjectNotFound'; Ops = @('GetPipelineState') }
        @{ Case = 'an unknown pipeline when answering'; Command = 'Approve-PipelineAction no-such-pipeline Approval ManualApproval -Force'; Id = 'PipelineNotFound'; Category = 'ObjectNotFound'; Ops = @('GetPipelineState') }
        @{ Case = 'an unknown stage'; Command = 'Approve-PipelineAction web-api NoStage ReleaseApproval -Force'; Id = 'StageNotFound'; Category = 'ObjectNotFound'; Ops = @('GetPipelineState', 'GetPipeline') }
        @{ Case = 'an unknown action'; Command = 'Deny-PipelineAction web-api Approval NoAction -Force'; Id = 'ActionNotFound'; Category = 'ObjectNotFound'; Ops = @('GetPipelineState', 'GetPipeline') }
        @{ Case = 'an action that is not an approval'; Command = 'Approve-PipelineAction web-api Build UnitTests -Force'; Id = 'NotAnApprovalAction'; Category = 'InvalidArgument'; Ops = @('GetPipelineState', 'GetPipeline') }
        @{ Case = 'an approval that is not pending'; Command = 'Approve-PipelineAction legacy-app Approval ManualApproval -Force'; Id = 'NoPendingApproval'; Category = 'ObjectNotFound'; Ops = @('GetPipelineState', 'GetPipeline') }
        @{ Case = 'a token of another run'; Command = 'Approve-PipelineAction web-api Approval ReleaseApproval -Token $WebFrontendToken -Force'; Id = 'InvalidApprovalToken'; Category = 'InvalidOperation'; Ops = @('PutApprovalResult', 'GetPipelineState', 'ListActionExecutions') }
        @{ Case = 'a token already answered'; Command = 'Deny-PipelineAction legacy-app Approval ManualApproval -Token $LegacyToken -Force'; Id = 'ApprovalAlreadyCompleted'; Category = 'InvalidOperation'; Ops = @('PutApprovalResult', 'GetPipelineState') }
        @{ Case = 'an unknown access key (refused signature)'; Command = "Get-PendingApproval web-api -AccessKey AKIDUNKNOWNKEY00000 -SecretKey 'some-secret'"; Id = 'InvalidCredentials'; Category = 'AuthenticationError'; Ops = @('GetPipelineState'); ErrorCode = 'UnrecognizedClientException' }
        @{ Case = 'a wrong secret key (refused signature)'; Command = "Approve-PipelineAction web-api Approval ReleaseApproval -Force -AccessKey `$LocalAccessKey -SecretKey 'wrong-secret'"; Id = 'InvalidCredentials'; Category = 'AuthenticationError'; Ops = @('GetPipelineState'); ErrorCode = 'InvalidSignatureException' }
    ) {
        $r = Invoke-Collected $Command
        $r.Output | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $r.Errors[0].CategoryInfo.Category | Should -Be $Category
        $made = @(Get-EmulatorCall $Emulator)
        $made.operation | Should -Be $Ops
        if ($ErrorCode) { $made[0].errorCode | Should -Be $ErrorCode }
        # Whatever was called, nothing was answered.
        [int](Get-EmulatorApproval $Emulator | Measure-Object applied -Sum).Sum | Should -Be 0
    }

    It 'an unreachable endpoint: EndpointUnreachable, when <Case>' -TestCases @(
        @{ Case = 'listing'; Command = "Get-PendingApproval web-api -EndpointUrl 'http://127.0.0.1:1'" }
        @{ Case = 'answering'; Command = "Approve-PipelineAction web-api Approval ReleaseApproval -Token `$WebFrontendToken -Force -EndpointUrl 'http://127.0.0.1:1'" }
    ) {
        $r = Invoke-Collected $Command
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'EndpointUnreachable,*'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $r.Errors[0].Exception.Message | Should -Not -BeNullOrEmpty
    }
}

Describe 'In a piped batch the bad items fail alone' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'answers the good rows and fails each bad one with its own error' {
        $rows = @(
            [pscustomobject]@{ PipelineName = 'web-api'; StageName = 'Approval'; ActionName = 'ReleaseApproval' }
            [pscustomobject]@{ PipelineName = 'web api'; StageName = 'Approval'; ActionName = 'ReleaseApproval' }
            [pscustomobject]@{ PipelineName = 'web-frontend'; StageName = 'NoStage'; ActionName = 'ManualApproval' }
            [pscustomobject]@{ PipelineName = 'legacy-app'; StageName = 'Approval'; ActionName = 'ManualApproval' }
            [pscustomobject]@{ PipelineName = 'mobile-release'; StageName = 'QA'; ActionName = 'QASignOff' }
        )
        $r = Invoke-Collected '$rows | Approve-PipelineAction -Summary batch -Force'
        $r.Output.PipelineName | Should -Be @('web-api', 'mobile-release')
        $r.Errors.FullyQualifiedErrorId -replace ',.*' | Should -Be @('ParameterArgumentValidationError', 'StageNotFound', 'NoPendingApproval')
        $puts = @(Get-EmulatorCall $Emulator PutApprovalResult)
        $puts.pipelineName | Should -Be @('web-api', 'mobile-release')
        (Get-EmulatorApproval $Emulator | Measure-Object applied -Sum).Sum | Should -Be 2
    }

    It 'answers the good objects when other items are $null, strings or malformed' {
        $good = @(Get-PendingApproval -PipelineName web-*)
        $bad = [ApprovalTools.PendingApproval]@{ PipelineName = 'web-api'; StageName = 'Approval'; ActionName = 'ReleaseApproval'; Token = 'zz' }
        $items = @($good[0], $null, 'web-api', $bad, $good[1])
        $r = Invoke-Collected '$items | Deny-PipelineAction -Force'
        ($r.Output.Token | Sort-Object) | Should -Be ($good.Token | Sort-Object)
        $r.Errors.FullyQualifiedErrorId -replace ',.*' | Should -Be @('ParameterArgumentValidationError', 'InputObjectNotBound', 'InvalidInputObject')
        @(Get-EmulatorCall $Emulator PutApprovalResult).Count | Should -Be 2
    }

    It 'reads no pipeline at all when nothing usable came down the pipeline' -TestCases @(
        @{ Input = 'an empty list'; Command = '@() | Get-PendingApproval' }
        @{ Input = 'only bad names'; Command = "'a b', 'c/d' | Get-PendingApproval" }
        @{ Input = 'objects without a name'; Command = '[pscustomobject]@{ Id = 1 } | Get-PendingApproval' }
    ) {
        # Listing every pipeline instead would hand a runbook's `$names | Get-PendingApproval | Approve-PipelineAction -Force`
        # the whole account.
        $r = Invoke-Collected $Command
        $r.Output | Should -BeNullOrEmpty
        Get-EmulatorCall $Emulator | Should -BeNullOrEmpty
    }

    It 'does not wait with -Wait when nothing usable came down the pipeline' {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $r = Invoke-Collected '@() | Get-PendingApproval -Wait -Timeout 60 -PollInterval 1'
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 30
        $r.Output | Should -BeNullOrEmpty
        $r.Errors | Should -BeNullOrEmpty
        Get-EmulatorCall $Emulator | Should -BeNullOrEmpty
    }

    It 'lists the good names and fails each bad one with its own error' {
        $r = Invoke-Collected "'web-api', 'bad name', 'no-such-pipeline', 'web-frontend' | Get-PendingApproval"
        ($r.Output.PipelineName | Sort-Object) | Should -Be @('web-api', 'web-frontend')
        ($r.Errors.FullyQualifiedErrorId -replace ',.*' | Sort-Object) | Should -Be @('ParameterArgumentValidationError', 'PipelineNotFound')
        ($r.Errors | Where-Object FullyQualifiedErrorId -like 'PipelineNotFound*').TargetObject | Should -Be 'no-such-pipeline'
    }
}
