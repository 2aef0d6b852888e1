# What runbooks lean on besides the answer itself: times that mean one thing everywhere, one shape of result however
# an approval was answered, tab completion that never stalls a shell, and an error table that lists every id.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'aws.ps1')
    $script:Emulator = Start-TestEmulator

    function Get-Completion([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
    }
}
AfterAll { Stop-TestEmulator $Emulator }

Describe 'Times' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'subtract correctly from Get-Date and show in UTC, marked Z, in a time zone other than UTC (Asia/Tokyo)' {
        $since = [DateTimeOffset]((Invoke-EmulatorControl $Emulator GET pending) | ForEach-Object { $_ } |
                Where-Object pipelineName -eq 'web-api').since
        $child = Join-Path $TestDrive 'tokyo.ps1'
        Set-Content $child @'
$ErrorActionPreference = 'Stop'
Import-Module $env:AT_MODULE
$a = Get-PendingApproval web-api -EndpointUrl $env:AT_URL
$view = $a | Format-List | Out-String
$r = $a | Approve-PipelineAction -Force -EndpointUrl $env:AT_URL
[pscustomobject]@{
    Offset         = [TimeZoneInfo]::Local.GetUtcOffset([datetime]::UtcNow).TotalHours
    Age            = ((Get-Date) - $a.RequestedAt).TotalSeconds
    Remaining      = ($a.ExpiresAt - (Get-Date)).TotalSeconds
    WaitingFor     = $a.WaitingFor.TotalSeconds
    ExpiresLater   = $a.ExpiresAt -gt (Get-Date)
    View           = $view
    RespondedAgo   = ((Get-Date) - $r.RespondedAt).TotalSeconds
    ResultTable    = $r | Format-Table | Out-String
} | ConvertTo-Json -Compress
'@
        $saved = $env:TZ
        $env:TZ = 'Asia/Tokyo'; $env:AT_MODULE = $ModulePath; $env:AT_URL = $Emulator.Url
        try { $json = & dotnet $PwshDll -NoProfile -NonInteractive -File $child }
        finally { $env:TZ = $saved; Remove-Item Env:AT_MODULE, Env:AT_URL }
        $LASTEXITCODE | Should -Be 0
        $seen = $json | ConvertFrom-Json
        $seen.Offset | Should -Be 9

        $trueAge = ([DateTimeOffset]::UtcNow - $since).TotalSeconds
        [math]::Abs($seen.Age - $trueAge) | Should -BeLessThan 120
        [math]::Abs($seen.Age - $seen.WaitingFor) | Should -BeLessThan 60
        # web-api's approval waits 120 minutes (timeoutInMinutes).
        [math]::Abs($seen.Remaining - (7200 - $trueAge)) | Should -BeLessThan 120
        $seen.ExpiresLater | Should -BeTrue
        $seen.View | Should -Match ("RequestedAt\s*:\s*" + [regex]::Escape($since.UtcDateTime.ToString('yyyy-MM-dd HH:mm')) + 'Z')
        $seen.View | Should -Match ("ExpiresAt\s*:\s*" + [regex]::Escape($since.UtcDateTime.AddMinutes(120).ToString('yyyy-MM-dd HH:mm')) + 'Z')
        $seen.RespondedAgo | Should -BeGreaterThan -60
        $seen.RespondedAgo | Should -BeLessThan 120
        $seen.ResultTable | Should -Match '\d{4}-\d\d-\d\d \d\d:\d\dZ'
    }
}

Describe 'ApprovalResult has one shape however the approval was answered' {
    It 'gives the execution id, region and identity when answered <Way>' -TestCases @(
        @{ Way = 'piped'; Answer = { param($a) $a | Approve-PipelineAction -Force } }
        @{ Way = 'by name'; Answer = { param($a) Approve-PipelineAction web-api Approval ReleaseApproval -Force } }
        @{ Way = 'by name with -Token'; Answer = { param($a) Approve-PipelineAction web-api Approval ReleaseApproval -Token $a.Token -Force } }
    ) {
        Reset-Emulator $Emulator
        $approval = Get-PendingApproval web-api
        $result = & $Answer $approval
        $result.PipelineExecutionId | Should -Be $approval.PipelineExecutionId
        $result.Token | Should -Be $approval.Token
        $result.Region | Should -Be 'us-east-1'
        $result.AccessKeyId | Should -Be $LocalAccessKey
        $result.EndpointUrl | Should -Be $Emulator.Url
        $result.RespondedAt | Should -Not -BeNullOrEmpty
        $result.RespondedAt.Kind | Should -Be 'Local'
        ($result.PSObject.Properties.Name -join ',') | Should -Be (([ApprovalTools.ApprovalResult]::new()).PSObject.Properties.Name -join ',')
    }
}

Describe 'Tab completion in a runbook author''s shell' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'asks the endpoint and region $PSDefaultParameterValues give the command being completed' {
        # common.ps1 gives every cmdlet the local endpoint through $PSDefaultParameterValues only.
        Get-Completion 'Get-PendingApproval -PipelineName web-' | Should -Be @('web-api', 'web-frontend')

        $global:PSDefaultParameterValues['Deny-PipelineAction:Region'] = 'ca-central-1'
        try { $stages = Get-Completion 'Deny-PipelineAction -PipelineName mobile-release -StageName ' }
        finally { $global:PSDefaultParameterValues.Remove('Deny-PipelineAction:Region') }
        $stages | Should -Be @('QA', 'Production', 'Source', 'Build')
        (Get-EmulatorCall $Emulator GetPipeline).region | Should -Be 'ca-central-1'
    }

    It 'waits a few seconds at most for an endpoint that never answers, once, then not again for a while' {
        # Accepts connections (the listen backlog) and never answers.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $line = "Get-PendingApproval -EndpointUrl http://127.0.0.1:$($listener.LocalEndpoint.Port) -PipelineName web"
            $first = Measure-Command { $names = Get-Completion $line }
            $second = Measure-Command { $again = Get-Completion $line }
        }
        finally { $listener.Stop() }
        $names | Should -BeNullOrEmpty
        $again | Should -BeNullOrEmpty
        ($first + $second).TotalSeconds | Should -BeLessThan 7
        $second.TotalSeconds | Should -BeLessThan 2
        # The emulator's own endpoint still completes.
        Get-Completion "Get-PendingApproval -EndpointUrl $($Emulator.Url) -PipelineName web-" | Should -Be @('web-api', 'web-frontend')
    }
}

Describe 'The README error table' {
    It 'lists every FullyQualifiedErrorId the module writes, with its category' {
        $readme = Get-Content (Join-Path $RepoRoot 'README.md') -Raw
        $table = @{}
        foreach ($row in [regex]::Matches($readme, '(?m)^\| (`[^|]+) \| (\w+) \|')) {
            foreach ($id in [regex]::Matches($row.Groups[1].Value, '`(\w+)`')) { $table[$id.Groups[1].Value] = $row.Groups[2].Value }
        }
        $sources = Get-ChildItem (Join-Path $RepoRoot 'src') -Recurse -Filter *.cs |
            Where-Object { $_.FullName -notmatch '[\\/](ApprovalTools\.Emulator|obj|bin)[\\/]' }
        $written = foreach ($file in $sources) {
            foreach ($m in [regex]::Matches((Get-Content $file.FullName -Raw), '"([A-Z]\w+)",\s*ErrorCategory\.(\w+)')) {
                "$($m.Groups[1].Value) $($m.Groups[2].Value)"
            }
        }
        $written = $written | Sort-Object -Unique
        $written.Count | Should -BeGreaterThan 25
        $missing = $written | Where-Object { $id, $category = $_ -split ' '; $table[$id] -ne $category }
        $missing | Should -BeNullOrEmpty
        $readme | Should -Match 'FullyQualifiedErrorId'
        $readme | Should -Match 'catch \[ApprovalTools'
    }
}
