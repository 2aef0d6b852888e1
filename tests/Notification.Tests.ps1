# CodePipeline's approval notification (the SNS message) as input: answered in its region with its token, refused once
# expired, looked up by Get-PendingApproval; the PendingApproval's ApprovalUrl and StartedBy; pins in PARALLEL pipelines.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Emulator = Start-TestEmulator

    # The message as CodePipeline publishes it (User Guide, "JSON data format for manual approval notifications").
    function New-Notification([string] $Pipeline = 'web-api', [string] $Stage = 'Approval',
        [string] $Action = 'ReleaseApproval', [string] $Token = $WebApiToken, [string] $Region = 'eu-west-2',
        [string] $Expires = [datetime]::UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm'Z'")) {
        $console = "https://console.aws.amazon.com/codepipeline/home?region=$Region#/view/$Pipeline"
        [ordered]@{
            region      = $Region
            consoleLink = $console
            approval    = [ordered]@{
                pipelineName       = $Pipeline
                stageName          = $Stage
                actionName         = $Action
                token              = $Token
                expires            = $Expires
                externalEntityLink = 'http://example.com'
                approvalReviewLink = "$console/$Stage/$Action/approve/$Token"
                customData         = 'Review the staging site'
            }
        }
    }

    # The notification in the form a runbook may hold it.
    function ConvertTo-Form($Notification, [string] $Form) {
        $json = $Notification | ConvertTo-Json -Depth 5
        switch ($Form) {
            'the JSON string' { $json }
            'the parsed object' { $json | ConvertFrom-Json }
            'its approval part' { ($json | ConvertFrom-Json).approval }
            'a hashtable' { $json | ConvertFrom-Json -AsHashtable }
        }
    }
}
AfterAll { Stop-TestEmulator $script:Emulator }

Describe 'Approval notifications answered by Approve-PipelineAction and Deny-PipelineAction' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'answers <Form> in the notification''s region (not the session''s) with its token, sent in lower case' -TestCases @(
        @{ Form = 'the JSON string' }, @{ Form = 'the parsed object' }, @{ Form = 'its approval part' }, @{ Form = 'a hashtable' }
    ) {
        $env:AWS_REGION | Should -Be 'us-east-1'
        $message = ConvertTo-Form (New-Notification -Token $WebApiToken.ToUpperInvariant()) $Form
        $result = $message | Approve-PipelineAction -Summary 'From chat' -Force
        $result.Status | Should -Be 'Approved'
        $result.Token | Should -BeExactly $WebApiToken
        $result.PipelineExecutionId | Should -Be $WebApiExecution
        $result.Region | Should -Be 'eu-west-2'
        $puts = @(Get-EmulatorCall $Emulator PutApprovalResult)
        $puts.Count | Should -Be 1
        $puts[0].token | Should -BeExactly $WebApiToken
        $puts[0].region | Should -Be 'eu-west-2'
        (Get-EmulatorCall $Emulator | Where-Object region -ne 'eu-west-2') | Should -BeNullOrEmpty
        (Get-EmulatorApproval $Emulator | Where-Object token -eq $WebApiToken).applied | Should -Be 1
    }

    It 'rejects a notification with Deny-PipelineAction, -Region on the command line taking precedence' {
        $result = New-Notification | ConvertTo-Json -Depth 5 | Deny-PipelineAction -Reason 'Load test failed' -Region us-west-2 -Force
        $result.Status | Should -Be 'Rejected'
        $put = @(Get-EmulatorCall $Emulator PutApprovalResult)
        $put.Count | Should -Be 1
        $put[0].status | Should -Be 'Rejected'
        $put[0].region | Should -Be 'us-west-2'
    }

    It 'refuses <Form> past its expires as ApprovalExpired, before any call (<Cmdlet> <Switch>)' -TestCases @(
        @{ Form = 'the JSON string'; Cmdlet = 'Approve-PipelineAction'; Switch = 'Force' }
        @{ Form = 'the parsed object'; Cmdlet = 'Deny-PipelineAction'; Switch = 'Force' }
        @{ Form = 'its approval part'; Cmdlet = 'Approve-PipelineAction'; Switch = 'WhatIf' }
    ) {
        $message = ConvertTo-Form (New-Notification -Expires '2016-07-07T20:22Z') $Form
        $switches = @{ $Switch = $true }
        $out = $message | & $Cmdlet @switches -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ApprovalExpired,*'
        $errs[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $errs[0].Exception.Message | Should -Match '2016-07-07 20:22Z'
        Get-EmulatorCall $Emulator | Should -BeNullOrEmpty
        (Get-PendingApproval web-api).Token | Should -Be $WebApiToken
    }

    It 'reports a notification <Case> as InvalidNotification naming <Field>, and answers the rest' -TestCases @(
        @{ Case = 'without region'; Field = 'region'; Change = { param($n) $n.Remove('region') } }
        @{ Case = 'without approval'; Field = 'approval'; Change = { param($n) $n.Remove('approval') } }
        @{ Case = 'without pipelineName'; Field = 'approval.pipelineName'; Change = { param($n) $n.approval.Remove('pipelineName') } }
        @{ Case = 'without stageName'; Field = 'approval.stageName'; Change = { param($n) $n.approval.Remove('stageName') } }
        @{ Case = 'without actionName'; Field = 'approval.actionName'; Change = { param($n) $n.approval.Remove('actionName') } }
        @{ Case = 'without token'; Field = 'approval.token'; Change = { param($n) $n.approval.Remove('token') } }
        @{ Case = 'without expires'; Field = 'approval.expires'; Change = { param($n) $n.approval.Remove('expires') } }
        @{ Case = 'with the documentation''s placeholder token'; Field = 'approval.token'
            Change = { param($n) $n.approval.token = '1a2b3c4d-573f-4ea7-a67E-XAMPLETOKEN' } }
        @{ Case = 'with an unreadable expires'; Field = 'approval.expires'; Change = { param($n) $n.approval.expires = 'soon' } }
    ) {
        $bad = New-Notification
        & $Change $bad
        $good = New-Notification -Pipeline mobile-release -Stage QA -Action QASignOff -Token $QaToken
        foreach ($form in 'the JSON string', 'the parsed object') {
            Reset-Emulator $Emulator
            $results = (ConvertTo-Form $bad $form), (ConvertTo-Form $good $form) |
                Approve-PipelineAction -Force -ErrorVariable errs -ErrorAction SilentlyContinue
            @($results).Count | Should -Be 1
            $results.Token | Should -Be $QaToken
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidNotification,*'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errs[0].Exception.Message | Should -Match "\b$([regex]::Escape($Field))\b"
            (Get-EmulatorCall $Emulator PutApprovalResult).token | Should -Be $QaToken
        }
    }

    It 'reports a cut-off message (the first line of a file) as InvalidNotification; other strings bind as before' {
        $lines = (New-Notification | ConvertTo-Json -Depth 5) -split "`n"
        $lines[0] | Deny-PipelineAction -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidNotification,*'
        $errs[0].Exception.Message | Should -Match 'not a JSON document.*-Raw'
        $lines[1] | Deny-PipelineAction -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InputObjectNotBound,*'
        Get-EmulatorCall $Emulator | Should -BeNullOrEmpty
    }

    It 'still binds PendingApproval objects and rows by property name in the same pipeline' {
        $listed = Get-PendingApproval web-frontend
        $row = [pscustomobject]@{ PipelineName = 'mobile-release'; StageName = 'QA'; ActionName = 'QASignOff'; Token = $QaToken }
        Clear-EmulatorCall
        $results = $listed, $row, (New-Notification | ConvertTo-Json -Depth 5) | Approve-PipelineAction -Force
        $results.Count | Should -Be 3
        $puts = @(Get-EmulatorCall $Emulator PutApprovalResult)
        ($puts.token | Sort-Object) | Should -Be (@($listed.Token, $QaToken, $WebApiToken) | Sort-Object)
        ($puts | Where-Object token -eq $WebApiToken).region | Should -Be 'eu-west-2'
        ($puts | Where-Object token -eq $QaToken).region | Should -Be 'us-east-1'
    }
}

Describe 'Get-PendingApproval from a notification' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'gives the current PendingApproval of the run for <Form>, read in the notification''s region' -TestCases @(
        @{ Form = 'the JSON string' }, @{ Form = 'the parsed object' }, @{ Form = 'its approval part' }
    ) {
        $approval = ConvertTo-Form (New-Notification) $Form | Get-PendingApproval -WarningVariable warnings
        $warnings | Should -BeNullOrEmpty
        @($approval).Count | Should -Be 1
        $approval | Should -BeOfType ([ApprovalTools.PendingApproval])
        $approval.Token | Should -Be $WebApiToken
        $approval.PipelineExecutionId | Should -Be $WebApiExecution
        $approval.Region | Should -Be 'eu-west-2'
        $approval.ApprovalUrl | Should -BeExactly (New-Notification).approval.approvalReviewLink
        # Only that pipeline is read, in that region.
        (Get-EmulatorCall $Emulator ListPipelines) | Should -BeNullOrEmpty
        (Get-EmulatorCall $Emulator).pipelineName | Select-Object -Unique | Should -Be 'web-api'
        (Get-EmulatorCall $Emulator).region | Select-Object -Unique | Should -Be 'eu-west-2'
    }

    It 'gives nothing, with a warning saying what became of it, when the run no longer waits' {
        $null = Approve-PipelineAction web-api Approval ReleaseApproval -Summary 'done' -Force
        $found = New-Notification | ConvertTo-Json -Depth 5 | Get-PendingApproval -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errs
        $found | Should -BeNullOrEmpty
        $errs | Should -BeNullOrEmpty
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -Match "web-api.*$WebApiToken.*no longer waiting.*approved by arn:aws:iam::"
    }

    It 'reports a malformed notification and still reads pipeline names piped with it' {
        $bad = New-Notification
        $bad.approval.Remove('token')
        $found = ($bad | ConvertTo-Json -Depth 5), 'web-frontend' |
            Get-PendingApproval -ErrorVariable errs -ErrorAction SilentlyContinue
        @($found).PipelineName | Should -Be 'web-frontend'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidNotification,*'
        $errs[0].Exception.Message | Should -Match '\bapproval\.token\b'
    }
}

Describe 'PendingApproval.ApprovalUrl and StartedBy' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'links the approval''s review dialog and says what started the run' {
        $approval = Get-PendingApproval web-api -Region eu-west-1
        $approval.ApprovalUrl | Should -BeExactly ('https://console.aws.amazon.com/codepipeline/home?region=eu-west-1' +
            "#/view/web-api/Approval/ReleaseApproval/approve/$WebApiToken")
        $approval.StartedBy | Should -BeExactly ('WebhookV2: arn:aws:codestar-connections:us-east-1:123456789012:' +
            'connection/3f1e2d4c-8a9b-4c7d-b6e5-0a1b2c3d4e5f')
        $started = Start-EmulatorExecution $Emulator infra-parallel 'manual run'
        (Get-PendingApproval infra-parallel | Where-Object PipelineExecutionId -eq $started.pipelineExecutionId).StartedBy |
            Should -BeExactly 'StartPipelineExecution: arn:aws:iam::123456789012:user/approvaltools-emulator'
        $list = ($approval | Format-List | Out-String -Width 400)
        $list | Should -Match ([regex]::Escape("ApprovalUrl         : $($approval.ApprovalUrl)"))
        $list | Should -Match ([regex]::Escape("StartedBy           : $($approval.StartedBy)"))
    }
}

Describe 'Pins by name in a PARALLEL pipeline, and under -WhatIf' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'answers the run -PipelineExecutionId or -RevisionId names where several wait, and nothing else' {
        $null = Start-EmulatorExecution $Emulator infra-parallel 'Add a NAT gateway'
        $null = Start-EmulatorExecution $Emulator infra-parallel 'Resize the database'
        $waiting = @(Get-PendingApproval infra-parallel)
        $waiting.Count | Should -Be 3
        $byId, $byRevision = $waiting[1], $waiting[2]
        Clear-EmulatorCall

        $result = Approve-PipelineAction infra-parallel Approval ApplyApproval -PipelineExecutionId $byId.PipelineExecutionId -Force
        $result.PipelineExecutionId | Should -Be $byId.PipelineExecutionId
        $sha = $byRevision.Revisions[0].RevisionId
        $result = Deny-PipelineAction infra-parallel Approval ApplyApproval -RevisionId $sha.Substring(0, 9) -Force
        $result.PipelineExecutionId | Should -Be $byRevision.PipelineExecutionId
        (Get-EmulatorCall $Emulator PutApprovalResult).token | Should -Be @($byId.Token, $byRevision.Token)

        $none = [guid]::NewGuid().ToString()
        $null = Start-EmulatorExecution $Emulator infra-parallel 'Another change'
        Clear-EmulatorCall
        Approve-PipelineAction infra-parallel Approval ApplyApproval -PipelineExecutionId $none -Force `
            -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ExecutionMismatch,*'
        $errs[0].Exception.Message | Should -Match ([regex]::Escape($waiting[0].PipelineExecutionId))
        Get-EmulatorCall $Emulator PutApprovalResult | Should -BeNullOrEmpty
    }

    It '-WhatIf by name calls nothing and says the answer depends on the pins' {
        $pwsh = Join-Path $PSHOME 'pwsh.dll'
        $script = "Import-Module '$ModulePath'; Approve-PipelineAction web-api Approval ReleaseApproval " +
            "-PipelineExecutionId $WebApiExecution -RevisionId abcdef12 -WhatIf -EndpointUrl $($Emulator.Url)"
        $text = (& dotnet $pwsh -NoProfile -NonInteractive -Command $script) -join ' '
        $text | Should -Match ([regex]::Escape("only if the run waiting there is execution $WebApiExecution and " +
            'carries revision abcdef12 (checked when answering, not under -WhatIf)'))
        Get-EmulatorCall $Emulator | Should -BeNullOrEmpty
    }
}
