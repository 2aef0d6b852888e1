#Requires -Version 7.2
<#
.SYNOPSIS
Measures ApprovalTools against the local CodePipeline and prints ratios, all measured side by side in one run.

.DESCRIPTION
Run with `dotnet pwsh ./build.ps1 Bench`. Not a test: it asserts nothing and fails only if something breaks.
  - Get-PendingApproval over every pipeline (1,000, 50 pending, 50 ms per call) against (a) its lower bound,
    ListPipelines pages plus ceil(N / ThrottleLimit) round trips, (b) the same calls one after another in-process,
    (c) the AWS CLI loop (list-pipelines, then get-pipeline-state per pipeline), timed on a sample and scaled.
  - 200 approvals piped through Approve-PipelineAction -Force: time per item beyond one round trip.
  - Import-Module and the first command, against bare pwsh -NoProfile -c 1 (interleaved fresh processes, medians of
    wall time; the CPU time of each process is printed too, as it moves less when other work shares the machine);
    the same on a precompiled copy of this PowerShell (with -Crossgen2), and a plain .NET program's first request.
  - Peak memory of the 1,000-pipeline scan, against bare pwsh.
  - Throttle: scans under the local CodePipeline's requests-per-second limit R (5, 20, 50; 200 and 1,000 pipelines)
    against the bound the limit sets, the calls they make, and how soon a scan is back to full speed once the limit
    is lifted (tests/bench/Throttle.ps1).
  - Accounts: 4 profiles x 3 regions x 250 pipelines in one command, each account-region with its own limit,
    against the slowest account-region's bound; peak memory (tests/bench/Accounts.ps1).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorDll,
    [int] $Pipelines = 1000,
    [int] $Pending = 50,
    [int] $LatencyMs = 50,
    [int] $Approvals = 200,
    # Pipelines the AWS CLI loop is timed on (each get-pipeline-state starts a Python process).
    [int] $CliSample = 20,
    # Runs of each timed scan and start-up; the median is reported.
    [ValidateRange(1, 1000)] [int] $Repeat = 3,
    # Fresh processes per start-up figure (the targets are medians of at least 7 interleaved runs).
    [ValidateRange(7, 1000)] [int] $StartupRepeat = 11,
    # The sections to run: Core, Throttle, Accounts (all by default; also one comma-separated value, as -File passes).
    [string[]] $Section = @('Core', 'Throttle', 'Accounts'),
    # Also scan 1,000 pipelines at 5 requests/s (about 210 s more).
    [switch] $LongThrottle,
    # Crossgen2 (build.ps1 passes it on linux-x64): adds start-up rows on a precompiled copy of this PowerShell.
    [string] $Crossgen2
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Section = @($Section -split ',' | ForEach-Object Trim)
$unknown = @($Section | Where-Object { $_ -notin 'Core', 'Throttle', 'Accounts' })
if ($unknown) { throw "Unknown -Section $($unknown -join ', '): the sections are Core, Throttle and Accounts." }
$env:AWS_EC2_METADATA_DISABLED = 'true'
$env:AWS_ACCESS_KEY_ID = 'AKIDAPPROVALTOOLS'
$env:AWS_SECRET_ACCESS_KEY = 'approvaltools-local-secret'
$env:AWS_REGION = 'us-east-1'
Remove-Item Env:AWS_SESSION_TOKEN, Env:AWS_PROFILE, Env:AWS_ENDPOINT_URL, Env:AWS_ENDPOINT_URL_CODEPIPELINE `
    -ErrorAction Ignore
$pwshDll = Join-Path $PSHOME 'pwsh.dll'
$throttleLimit = 16 # Get-PendingApproval's default
$scratch = Join-Path ([IO.Path]::GetTempPath()) "approvaltools-bench-$PID"
New-Item $scratch -ItemType Directory -Force | Out-Null

. (Join-Path $PSScriptRoot 'bench' 'Helpers.ps1')

# ---- the machine
$cpu = (Select-String -Path /proc/cpuinfo -Pattern '^model name\s*:\s*(.+)$' -List -ErrorAction Ignore)?.
    Matches[0].Groups[1].Value
$memKb = (Select-String -Path /proc/meminfo -Pattern '^MemTotal:\s+(\d+)' -ErrorAction Ignore)?.
    Matches[0].Groups[1].Value
$machine = [ordered]@{
    CPUs = [Environment]::ProcessorCount
    CPU = if ($cpu) { $cpu } else { 'unknown' }
    Memory = if ($memKb) { '{0:0.0} GiB' -f ([double]$memKb / 1MB) } else { 'unknown' }
    OS = [Runtime.InteropServices.RuntimeInformation]::OSDescription
    PowerShell = $PSVersionTable.PSVersion.ToString()
    '.NET' = [Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
}
Write-Section 'Machine'
$machine.GetEnumerator() | ForEach-Object { '{0,-11} {1}' -f $_.Key, $_.Value } | Write-Host

# ---- the local CodePipeline: an empty seed, then exactly the generated pipelines
Import-Module (Join-Path $PSScriptRoot 'LocalCodePipeline.psm1') -Force
$emulator = Start-LocalCodePipeline -EmulatorDll $EmulatorDll -NoPipelines
$url = $emulator.Url
$results = [ordered]@{}

try {
    $null = Invoke-Control POST generate @{ count = $Pipelines; pending = $Pending; prefix = 'bench-' }
    Import-Module $ModulePath -Force
    $PSDefaultParameterValues['*-Pending*:EndpointUrl'] = $url
    $PSDefaultParameterValues['*-PipelineAction:EndpointUrl'] = $url

    # Warm up the module (JIT, connections) before anything is timed, without latency; its first command also loads
    # ApprovalTools.Engine.dll, whose client class the calls made one at a time use.
    $null = Get-PendingApproval

    if ('Core' -in $Section) { . (Join-Path $PSScriptRoot 'bench' 'Core.ps1') }
    if ('Throttle' -in $Section) { . (Join-Path $PSScriptRoot 'bench' 'Throttle.ps1') }
    if ('Accounts' -in $Section) { . (Join-Path $PSScriptRoot 'bench' 'Accounts.ps1') }
}
finally {
    if (Get-Variable client -ErrorAction Ignore) { $client.Dispose() }
    Stop-LocalCodePipeline $emulator
    Remove-Item $scratch -Recurse -Force -ErrorAction Ignore
}

Write-Section 'Results'
$rows = foreach ($r in $results.GetEnumerator()) {
    $v = $r.Value
    $met = if ($null -ne $v.Target) { Get-Verdict $v.Value $v.Target -AtLeast:($v.Better -eq 'higher') } else { '' }
    $sign = if ($v.Better -eq 'higher') { '>=' } else { '<=' }
    $target = if ($null -eq $v.Target) { '' } else { "$sign $($v.Text -f $v.Target)" }
    [pscustomobject]@{ Measure = $r.Key; Result = $v.Text -f $v.Value; Target = $target; Status = $met }
}
$rows | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
