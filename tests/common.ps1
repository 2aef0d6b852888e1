# Shared by every *.Tests.ps1: imports the built module and drives the local CodePipeline.
$ErrorActionPreference = 'Stop'

$script:RepoRoot = Split-Path $PSScriptRoot -Parent
$script:ModulePath = if ($env:APPROVALTOOLS_MODULE) { $env:APPROVALTOOLS_MODULE } else {
    Get-ChildItem (Join-Path $RepoRoot 'output' 'ApprovalTools') -Filter ApprovalTools.psd1 -Recurse |
        Sort-Object FullName | Select-Object -Last 1 -ExpandProperty FullName
}
$script:EmulatorDll = if ($env:APPROVALTOOLS_EMULATOR) { $env:APPROVALTOOLS_EMULATOR } else {
    Join-Path $RepoRoot 'src' 'ApprovalTools.Emulator' 'bin' 'Release' 'net10.0' 'ApprovalTools.Emulator.dll'
}
$script:LocalAccessKey = 'AKIDAPPROVALTOOLS'
$script:LocalSecretKey = 'approvaltools-local-secret'

# The local emulator's default keys; never the real instance metadata service.
$env:AWS_ACCESS_KEY_ID = $LocalAccessKey
$env:AWS_SECRET_ACCESS_KEY = $LocalSecretKey
$env:AWS_REGION = 'us-east-1'
$env:AWS_EC2_METADATA_DISABLED = 'true'
Remove-Item Env:AWS_SESSION_TOKEN, Env:AWS_PROFILE, Env:AWS_ENDPOINT_URL, Env:AWS_ENDPOINT_URL_CODEPIPELINE -ErrorAction Ignore

Import-Module $ModulePath -Force

function Start-TestEmulator {
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    # --quiet: nothing reads its stdout after the banner, and a per-call log would fill the pipe after ~600 calls
    # and block the emulator mid-response (requests then hang until the client's 100 s timeout).
    foreach ($a in @($EmulatorDll, '--port', '0', '--quiet')) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($psi)
    $line = $process.StandardOutput.ReadLine()
    if ($line -notmatch '^ApprovalTools local CodePipeline listening on (http://127\.0\.0\.1:\d+)$') {
        $process.Kill()
        throw "The local CodePipeline did not start: $line"
    }
    $url = $Matches[1]
    # Every cmdlet in the test session talks to this emulator unless a test says otherwise.
    foreach ($c in 'Get-PendingApproval', 'Approve-PipelineAction', 'Deny-PipelineAction', 'Get-ApprovalHistory') {
        $global:PSDefaultParameterValues["$($c):EndpointUrl"] = $url
    }
    [pscustomobject]@{ Process = $process; Url = $url }
}

function Stop-TestEmulator($Emulator) {
    if ($Emulator -and -not $Emulator.Process.HasExited) {
        $Emulator.Process.Kill()
        $Emulator.Process.WaitForExit()
    }
    foreach ($c in 'Get-PendingApproval', 'Approve-PipelineAction', 'Deny-PipelineAction', 'Get-ApprovalHistory') {
        $global:PSDefaultParameterValues.Remove("$($c):EndpointUrl")
    }
}

function Invoke-EmulatorControl {
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $Method,
        [Parameter(Mandatory)] [string] $Path,
        $Body
    )
    $params = @{ Method = $Method; Uri = "$($Emulator.Url)/_emulator/$Path" }
    if ($null -ne $Body) {
        $params.Body = $Body | ConvertTo-Json -Depth 10 -Compress
        $params.ContentType = 'application/json'
    }
    Invoke-RestMethod @params
}

function Reset-Emulator($Emulator) { $null = Invoke-EmulatorControl $Emulator POST reset }

# The AWS-protocol calls the emulator received, optionally of one operation.
function Get-EmulatorCall($Emulator, [string] $Operation) {
    # Invoke-RestMethod hands back a JSON array as one object: enumerate it.
    $calls = (Invoke-EmulatorControl $Emulator GET calls) | ForEach-Object { $_ }
    if ($Operation) { $calls = $calls | Where-Object operation -eq $Operation }
    $calls
}

# PutApprovalResult calls per token: token, received, applied.
function Get-EmulatorApproval($Emulator) {
    (Invoke-EmulatorControl $Emulator GET approvals) | ForEach-Object { $_ }
}

function Start-EmulatorExecution($Emulator, [string] $Pipeline, [string] $RevisionSummary) {
    $body = if ($RevisionSummary) { @{ revisionSummary = $RevisionSummary } } else { @{} }
    Invoke-EmulatorControl $Emulator POST "pipelines/$Pipeline/executions" $body
}

# Replaces the emulator's faults (an empty table clears them).
function Set-EmulatorFault([hashtable] $Fault) { $null = Invoke-EmulatorControl $script:Emulator PUT faults $Fault }

function Clear-EmulatorCall { $null = Invoke-EmulatorControl $script:Emulator DELETE calls }

# The AWS CLI, an independent client, against the same emulator (keys and region from the environment set above).
function Invoke-AwsCli {
    $out = & aws --endpoint-url $script:Emulator.Url --region us-east-1 --output json codepipeline @args 2>&1
    if ($LASTEXITCODE -ne 0) { throw "aws codepipeline $($args -join ' ') failed: $out" }
    if ($out) { ($out -join "`n") | ConvertFrom-Json }
}
