# The secret key and the session token must appear nowhere the user can see: not in any stream (output, errors,
# verbose, debug, warnings, information, progress), not in any error record or exception text, not in the
# ToString or format output of any object the cmdlets write.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Emulator = Start-TestEmulator
    $script:AccessKey = 'ASIASECRETSTEST00001'
    $script:Secret = "secret-$([guid]::NewGuid().ToString('N'))"
    $script:Token = "token-$([guid]::NewGuid().ToString('N'))-$([guid]::NewGuid().ToString('N'))"

    # Runs one command line in its own PowerShell instance with -Verbose -Debug and returns everything it produced.
    function Invoke-Captured([string] $Command) {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript(@"
Import-Module '$ModulePath'
`$PSDefaultParameterValues['*:EndpointUrl'] = '$($Emulator.Url)'
`$PSDefaultParameterValues['*:Verbose'] = `$true
`$PSDefaultParameterValues['*:Debug'] = `$true
`$ErrorActionPreference = 'Continue'
$Command
"@)
            $output = @($ps.Invoke())
            $streams = $ps.Streams
            [pscustomobject]@{
                Output = $output
                Records = @($streams.Error) + @($streams.Verbose) + @($streams.Debug) + @($streams.Warning) +
                    @($streams.Information) + @($streams.Progress)
                Errors = @($streams.Error)
                Failure = $ps.InvocationStateInfo.Reason
            }
        }
        finally { $ps.Dispose() }
    }

    # Every text a user could get from what a command produced.
    function ConvertTo-VisibleText($Captured) {
        $texts = [System.Collections.Generic.List[string]]::new()
        foreach ($item in @($Captured.Output) + @($Captured.Records)) {
            if ($null -eq $item) { continue }
            $texts.Add("$item")
            $texts.Add(($item | Out-String -Width 4096))
            $texts.Add(($item | Format-List * -Force | Out-String -Width 4096))
            if ($item -is [ApprovalTools.PendingApproval] -or $item -is [ApprovalTools.ApprovalResult]) {
                $texts.Add(($item | Format-Table * | Out-String -Width 4096))
                $texts.Add(($item | ConvertTo-Json -Depth 4))
            }
            if ($item -is [System.Management.Automation.ErrorRecord]) {
                $texts.Add("$($item.ErrorDetails) $($item.CategoryInfo) $($item.FullyQualifiedErrorId) $($item.ScriptStackTrace)")
                $texts.Add(($item.TargetObject | Format-List * -Force | Out-String -Width 4096))
                for ($e = $item.Exception; $e; $e = $e.InnerException) {
                    $texts.Add($e.ToString())
                    $texts.Add(($e | Format-List * -Force | Out-String -Width 4096))
                }
            }
        }
        for ($e = $Captured.Failure; $e; $e = $e.InnerException) { $texts.Add($e.ToString()) }
        $texts -join "`n"
    }

    function Assert-NoSecret($Captured) {
        $text = ConvertTo-VisibleText $Captured
        $text.Length | Should -BeGreaterThan 200 # something was said
        $text | Should -Not -Match ([regex]::Escape($Secret))
        $text | Should -Not -Match ([regex]::Escape($Token))
        # Not even part of them (the random middles).
        $text | Should -Not -Match $Secret.Substring(7, 16)
        $text | Should -Not -Match $Token.Substring(6, 16)
    }
}
AfterAll { Stop-TestEmulator $script:Emulator }

Describe 'Secrets never shown' {
    BeforeEach {
        Reset-Emulator $Emulator
        $null = Invoke-EmulatorControl $Emulator PUT credentials @{ accessKeyId = $AccessKey; secretAccessKey = $Secret; sessionToken = $Token }
        $script:Keys = "-AccessKey '$AccessKey' -SecretKey '$Secret' -SessionToken '$Token'"
    }

    It 'Get-PendingApproval: listing every pipeline, and a pipeline that does not exist' {
        $c = Invoke-Captured "Get-PendingApproval $Keys; Get-PendingApproval no-such-pipeline $Keys"
        $c.Output.Count | Should -Be 5
        $c.Errors.FullyQualifiedErrorId | Should -BeLike 'PipelineNotFound*'
        @(Get-EmulatorCall $Emulator | Where-Object accessKeyId -ne $AccessKey) | Should -BeNullOrEmpty
        Assert-NoSecret $c
    }

    It 'Approve-PipelineAction: piped, by name, -WhatIf, answered twice, and a lost reply' {
        $null = Invoke-EmulatorControl $Emulator PUT faults @{ lostResponses = 1; operations = @('PutApprovalResult') }
        $c = Invoke-Captured @"
Get-PendingApproval web-api $Keys | Approve-PipelineAction -Summary 'ok' -Force $Keys
Get-PendingApproval web-frontend $Keys | Approve-PipelineAction -WhatIf $Keys
Approve-PipelineAction web-frontend Approval ManualApproval -Force $Keys
Approve-PipelineAction legacy-app Approval ManualApproval -Token 4c3b2a19-0f8e-4d7c-b6a5-9483f2e1d0c9 -Force $Keys
"@
        $c.Output.Count | Should -Be 2
        $c.Errors.FullyQualifiedErrorId | Should -BeLike 'ApprovalAlreadyCompleted*'
        @(Get-EmulatorCall $Emulator PutApprovalResult | Where-Object fault -eq 'lostResponse').Count | Should -Be 1
        Assert-NoSecret $c
    }

    It 'Deny-PipelineAction: by name, not pending, and a stale token' {
        $c = Invoke-Captured @"
Deny-PipelineAction mobile-release QA QASignOff -Reason 'no' -Force $Keys
Deny-PipelineAction legacy-app Approval ManualApproval -Force $Keys
Deny-PipelineAction web-api Approval ReleaseApproval -Token 6f1c2b9e-8a47-4d3e-b5a0-1c2d3e4f5a6b -Force $Keys
"@
        $c.Output.Status | Should -Be 'Rejected'
        ($c.Errors.FullyQualifiedErrorId -replace ',.*') | Should -Be @('NoPendingApproval', 'InvalidApprovalToken')
        Assert-NoSecret $c
    }

    It 'refused credentials: a session token that does not match, a wrong secret key' {
        $c = Invoke-Captured @"
Get-PendingApproval web-api -AccessKey '$AccessKey' -SecretKey '$Secret' -SessionToken 'not-the-token'
Approve-PipelineAction web-api Approval ReleaseApproval -Force -AccessKey '$AccessKey' -SecretKey 'wrong$Secret' -SessionToken '$Token'
"@
        ($c.Errors.FullyQualifiedErrorId -replace ',.*') | Should -Be @('InvalidCredentials', 'InvalidCredentials')
        Assert-NoSecret $c
    }

    It 'credentials from a PSCredential and from the environment' {
        # Environment variables are the process's: the suite's own are put back afterwards.
        try {
            $c = Invoke-Captured @"
`$credential = [pscredential]::new('$AccessKey', (ConvertTo-SecureString '$Secret' -AsPlainText -Force))
Remove-Item Env:AWS_SESSION_TOKEN -ErrorAction Ignore
Get-PendingApproval web-api -Credential `$credential
`$env:AWS_ACCESS_KEY_ID = '$AccessKey'; `$env:AWS_SECRET_ACCESS_KEY = '$Secret'; `$env:AWS_SESSION_TOKEN = '$Token'
Get-PendingApproval web-api
Get-PendingApproval web-api | Deny-PipelineAction -Force
"@
        }
        finally {
            $env:AWS_ACCESS_KEY_ID = $LocalAccessKey
            $env:AWS_SECRET_ACCESS_KEY = $LocalSecretKey
            Remove-Item Env:AWS_SESSION_TOKEN -ErrorAction Ignore
        }
        # The PSCredential carries no session token, so the emulator refuses the key without it; the environment's works.
        $c.Errors.FullyQualifiedErrorId | Should -BeLike 'InvalidCredentials*'
        $c.Output.Count | Should -Be 2
        @(Get-EmulatorCall $Emulator GetPipelineState).accessKeyId | Select-Object -Unique | Should -Be $AccessKey
        ($c.Records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" |
            Should -Match 'credentials from the environment'
        Assert-NoSecret $c
    }
}

Describe 'The secrets check itself' {
    It 'finds a secret in <Where>' -TestCases @(
        @{ Where = 'the debug stream'; Command = 'Write-Debug "key $Secret"' }
        @{ Where = 'an exception message'; Command = 'Write-Error -Exception ([InvalidOperationException]::new("x", [Exception]::new("t=$Token")))' }
        @{ Where = 'a property of an output object'; Command = '[pscustomobject]@{ A = 1; Hidden = $Token.Substring(3) }' }
    ) {
        $c = Invoke-Captured ($Command -replace '\$Secret', $Secret -replace '\$Token', $Token)
        { Assert-NoSecret $c } | Should -Throw
    }
}
