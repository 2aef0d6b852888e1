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
Remove-Item Env:AWS_SESSION_TOKEN, Env:AWS_PROFILE, Env:AWS_ENDPOINT_URL, Env:AWS_ENDPOINT_URL_CODEPIPELINE `
    -ErrorAction Ignore

Import-Module $ModulePath -Force

Import-Module (Join-Path $PSScriptRoot 'LocalCodePipeline.psm1') -Force

# The cmdlets a test session points at the local CodePipeline.
$script:ApprovalCmdlets = 'Get-PendingApproval', 'Approve-PipelineAction', 'Deny-PipelineAction', 'Get-ApprovalHistory'

function Start-TestEmulator {
    $emulator = Start-LocalCodePipeline -EmulatorDll $EmulatorDll
    # Every cmdlet in the test session talks to this emulator unless a test says otherwise.
    foreach ($c in $ApprovalCmdlets) { $global:PSDefaultParameterValues["$($c):EndpointUrl"] = $emulator.Url }
    $emulator
}

function Stop-TestEmulator($Emulator) {
    Stop-LocalCodePipeline $Emulator
    foreach ($c in $ApprovalCmdlets) { $global:PSDefaultParameterValues.Remove("$($c):EndpointUrl") }
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
