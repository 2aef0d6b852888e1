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
# Fixed by the seed (src/ApprovalTools.Emulator/SampleData/README.md); every reset restores them.
$script:WebFrontendToken = '6f1c2b9e-8a47-4d3e-b5a0-1c2d3e4f5a6b'  # web-frontend/Approval/ManualApproval
$script:WebApiToken = 'c4d5e6f7-0a1b-4c2d-8e3f-5a6b7c8d9e0f'       # web-api/Approval/ReleaseApproval
$script:WebApiExecution = '7e2f4a6c-1b3d-4e5f-8a9b-0c1d2e3f4a5b'   # the run waiting there
$script:QaToken = '2a9c7e5b-4d6f-4a8b-b1c3-e5f7a9b1c3d5'           # mobile-release/QA/QASignOff
$script:LegacyToken = '4c3b2a19-0f8e-4d7c-b6a5-9483f2e1d0c9'       # legacy-app's approval, already answered
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

# Runs a command line and collects every error it raised, terminating or not, and its output.
function Invoke-Collected([string] $Command) {
    $ErrorActionPreference = 'Continue'
    $errors = [System.Collections.Generic.List[System.Management.Automation.ErrorRecord]]::new()
    $output = [System.Collections.Generic.List[object]]::new()
    try {
        & ([scriptblock]::Create($Command)) 2>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.ErrorRecord]) { $errors.Add($_) } else { $output.Add($_) }
        }
    }
    catch { $errors.Add($_) }
    [pscustomobject]@{ Errors = $errors.ToArray(); Output = $output.ToArray() }
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
