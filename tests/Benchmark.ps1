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
    wall time; the CPU time of each process is printed too, as it moves less when other work shares the machine).
  - Peak memory of the 1,000-pipeline scan, against bare pwsh.
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
    [ValidateRange(7, 1000)] [int] $StartupRepeat = 11
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$env:AWS_EC2_METADATA_DISABLED = 'true'
$env:AWS_ACCESS_KEY_ID = 'AKIDAPPROVALTOOLS'
$env:AWS_SECRET_ACCESS_KEY = 'approvaltools-local-secret'
$env:AWS_REGION = 'us-east-1'
Remove-Item Env:AWS_SESSION_TOKEN, Env:AWS_PROFILE, Env:AWS_ENDPOINT_URL, Env:AWS_ENDPOINT_URL_CODEPIPELINE -ErrorAction Ignore
$pwshDll = Join-Path $PSHOME 'pwsh.dll'
$throttleLimit = 16 # Get-PendingApproval's default
$scratch = Join-Path ([IO.Path]::GetTempPath()) "approvaltools-bench-$PID"
New-Item $scratch -ItemType Directory -Force | Out-Null

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object) # an array even for one value (StrictMode has no .Count on a scalar)
    $n = $sorted.Count
    if ($n % 2) { $sorted[[int][math]::Floor($n / 2)] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

function Measure-Seconds([scriptblock] $Block) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $null = & $Block
    $clock.Elapsed.TotalSeconds
}

function Invoke-Control([string] $Method, [string] $Path, $Body) {
    $params = @{ Method = $Method; Uri = "$url/_emulator/$Path" }
    if ($null -ne $Body) { $params.Body = $Body | ConvertTo-Json -Depth 5 -Compress; $params.ContentType = 'application/json' }
    Invoke-RestMethod @params
}

function Invoke-Pwsh([string] $Command) {
    $output = & dotnet $pwshDll -NoProfile -NonInteractive -Command $Command
    if ($LASTEXITCODE -ne 0) { throw "pwsh failed ($LASTEXITCODE): $Command`n$output" }
    $output
}

# One fresh pwsh running $Command: its wall time and the CPU time it used (user and system), in seconds.
function Measure-Process([string] $Command) {
    $psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($pwshDll, '-NoProfile', '-NonInteractive', '-Command', $Command)) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    $cpuBefore = Get-ChildCpuSeconds
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $process = [Diagnostics.Process]::Start($psi)
    $errors = $process.StandardError.ReadToEndAsync()
    $output = $process.StandardOutput.ReadToEnd()
    $process.WaitForExit()
    $wall = $clock.Elapsed.TotalSeconds
    if ($process.ExitCode -ne 0) { throw "pwsh failed ($($process.ExitCode)): $Command`n$output$($errors.Result)" }
    [pscustomobject]@{ Wall = $wall; Cpu = (Get-ChildCpuSeconds) - $cpuBefore }
}

# User and system time of this process's finished children (cutime and cstime in /proc/self/stat, 1/100 s ticks);
# 0 where there is no /proc.
function Get-ChildCpuSeconds {
    $stat = Get-Content /proc/self/stat -Raw -ErrorAction Ignore
    if (-not $stat) { return 0 }
    $fields = $stat.Substring($stat.LastIndexOf(')') + 2) -split ' ' # after the command name, fields start at 3
    ([double]$fields[13] + [double]$fields[14]) / 100
}

function Write-Section([string] $Title) { Write-Host "`n== $Title" -ForegroundColor Cyan }

# ---- the machine
$cpu = (Select-String -Path /proc/cpuinfo -Pattern '^model name\s*:\s*(.+)$' -List -ErrorAction Ignore)?.Matches[0].Groups[1].Value
$memKb = (Select-String -Path /proc/meminfo -Pattern '^MemTotal:\s+(\d+)' -ErrorAction Ignore)?.Matches[0].Groups[1].Value
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
$seed = Join-Path $scratch 'empty.json'
'{ "pipelines": [] }' | Set-Content $seed
$psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
foreach ($a in @($EmulatorDll, '--port', '0', '--quiet', '--seed', $seed)) { $psi.ArgumentList.Add($a) }
$psi.RedirectStandardOutput = $true
$psi.UseShellExecute = $false
$emulator = [Diagnostics.Process]::Start($psi)
$banner = $emulator.StandardOutput.ReadLine()
if ($banner -notmatch 'listening on (http://127\.0\.0\.1:\d+)') { $emulator.Kill(); throw "The local CodePipeline did not start: $banner" }
$url = $Matches[1]
$results = [ordered]@{}

try {
    $null = Invoke-Control POST generate @{ count = $Pipelines; pending = $Pending; prefix = 'bench-' }
    Import-Module $ModulePath -Force
    $PSDefaultParameterValues['*-Pending*:EndpointUrl'] = $url
    $PSDefaultParameterValues['*-PipelineAction:EndpointUrl'] = $url

    # Warm up the module (JIT, connections) before anything is timed, without latency; its first command also loads
    # ApprovalTools.Engine.dll, whose client class the calls made one at a time use.
    $null = Get-PendingApproval

    # A client of our own for the calls made one at a time (the same client class the cmdlets use). The engine and
    # AWSSDK.Core live in a load context of their own, which type literals do not search: reach them through the assembly.
    $engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'ApprovalTools.Engine' }
    $clientType = $engine.GetType('ApprovalTools.Client.CodePipelineClient', $true)
    $config = [Activator]::CreateInstance($engine.GetType('ApprovalTools.Client.CodePipelineClientConfig', $true))
    $config.ServiceURL = $url
    $config.AuthenticationRegion = 'us-east-1'
    $credentialType = $clientType.BaseType.Assembly.GetType('Amazon.Runtime.BasicAWSCredentials', $true)
    $client = [Activator]::CreateInstance($clientType, @(
        [Activator]::CreateInstance($credentialType, @($env:AWS_ACCESS_KEY_ID, $env:AWS_SECRET_ACCESS_KEY)), $config))
    function Wait-Call($Task) { $Task.GetAwaiter().GetResult() }

    $null = Wait-Call $client.GetPipelineStateAsync(@{ Name = 'bench-0001' })

    $null = Invoke-Control PUT faults @{ latencyMs = $LatencyMs }

    # ---- one round trip, as the client sees it
    Write-Section "Round trip ($LatencyMs ms injected per call)"
    $rtts = foreach ($i in 1..20) { Measure-Seconds { Wait-Call $client.GetPipelineStateAsync(@{ Name = 'bench-0002' }) } }
    $rtt = Get-Median $rtts
    Write-Host ('GetPipelineState round trip: {0:0.0} ms (median of 20)' -f ($rtt * 1000))

    # ---- (a) the scan against its lower bound
    Write-Section "Get-PendingApproval over $Pipelines pipelines ($Pending pending)"
    $pages = [math]::Ceiling($Pipelines / 100)
    $bound = ($pages + [math]::Ceiling($Pipelines / $throttleLimit)) * $rtt
    $firstResult = [Collections.Generic.List[double]]::new()
    $scans = foreach ($i in 1..$Repeat) {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $count = 0
        Get-PendingApproval | ForEach-Object { if ($count++ -eq 0) { $firstResult.Add($clock.Elapsed.TotalSeconds) } }
        if ($count -ne $Pending) { throw "The scan found $count approvals, not $Pending." }
        $clock.Elapsed.TotalSeconds
    }
    $scan = Get-Median $scans
    Write-Host ('scan: {0:0.00} s (median of {1}: {2}); first result after {3:0.00} s' -f $scan, $Repeat,
        (($scans | ForEach-Object { $_.ToString('0.00') }) -join ', '), (Get-Median $firstResult))
    Write-Host ('lower bound: {0} ListPipelines pages + ceil({1}/{2}) = {3} round trips = {4:0.00} s' -f $pages, $Pipelines,
        $throttleLimit, ($pages + [math]::Ceiling($Pipelines / $throttleLimit)), $bound)

    # ---- (b) the same calls, one after another, in-process
    $sequential = Measure-Seconds {
        $token = $null
        $names = do {
            $request = [Activator]::CreateInstance($engine.GetType('ApprovalTools.Client.ListPipelinesRequest', $true))
            if ($token) { $request.NextToken = $token } # a $null set from PowerShell would arrive as ''
            $page = Wait-Call $client.ListPipelinesAsync($request)
            $page.Pipelines.Name
            $token = $page.NextToken
        } while ($token)
        foreach ($name in $names) {
            $state = Wait-Call $client.GetPipelineStateAsync(@{ Name = $name })
            $waiting = foreach ($stage in $state.StageStates) {
                foreach ($action in $stage.ActionStates) {
                    if ($action.LatestExecution -and $action.LatestExecution.Status -eq 'InProgress') { $stage; break }
                }
            }
            if ($waiting) {
                $null = Wait-Call $client.GetPipelineAsync(@{ Name = $name; Version = $state.PipelineVersion })
                $null = Wait-Call $client.GetPipelineExecutionAsync(@{ PipelineName = $name; PipelineExecutionId = @($waiting)[0].LatestExecution.PipelineExecutionId })
            }
        }
    }
    Write-Host ('the same calls one after another in-process: {0:0.00} s' -f $sequential)

    # ---- (c) the AWS CLI loop users write today, on a sample, scaled per pipeline
    $aws = Get-Command aws -ErrorAction Ignore
    $cli = $null
    if ($aws) {
        $env:AWS_CONFIG_FILE = Join-Path $scratch 'none'; $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $scratch 'none'; $env:AWS_PAGER = ''
        $listTime = Measure-Seconds {
            $listed = & $aws codepipeline list-pipelines --endpoint-url $url --region us-east-1 --output json | ConvertFrom-Json
            if ($listed.pipelines.Count -ne $Pipelines) { throw "aws list-pipelines returned $($listed.pipelines.Count) pipelines." }
        }
        $sample = 1..$CliSample | ForEach-Object { 'bench-{0:0000}' -f ($_ * [math]::Floor($Pipelines / $CliSample)) }
        $perPipeline = (Measure-Seconds {
                foreach ($name in $sample) {
                    $null = & $aws codepipeline get-pipeline-state --name $name --endpoint-url $url --region us-east-1 --output json
                    if ($LASTEXITCODE -ne 0) { throw "aws get-pipeline-state $name failed." }
                }
            }) / $CliSample
        $cli = $listTime + $perPipeline * $Pipelines
        Write-Host ('AWS CLI loop: list-pipelines {0:0.00} s + {1:0.000} s per get-pipeline-state (sample of {2}) x {3} = {4:0} s (estimated)' -f
            $listTime, $perPipeline, $CliSample, $Pipelines, $cli)
    }
    else { Write-Warning 'aws (AWS CLI) is not on PATH: the CLI comparison is skipped.' }

    $results['Scan vs lower bound'] = @{ Value = $scan / $bound; Text = '{0:0.00}x'; Target = 1.25; Better = 'lower' }
    $results['Scan speed-up vs one call at a time'] = @{ Value = $sequential / $scan; Text = '{0:0.0}x'; Target = $null }
    if ($cli) { $results['Scan speed-up vs AWS CLI loop'] = @{ Value = $cli / $scan; Text = '{0:0}x'; Target = 30; Better = 'higher' } }

    # ---- approvals piped through Approve-PipelineAction -Force
    Write-Section "$Approvals approvals piped through Approve-PipelineAction -Force"
    $null = Invoke-Control DELETE faults
    $null = Invoke-Control POST generate @{ count = $Approvals + 20; pending = $Approvals + 20; prefix = 'answer-' }
    $toAnswer = @(Get-PendingApproval -PipelineName 'answer-*')
    $null = Invoke-Control PUT faults @{ latencyMs = $LatencyMs }
    # The round trip of PutApprovalResult itself, on 20 of them, through the same client class.
    $putRtts = foreach ($a in $toAnswer[$Approvals..($Approvals + 19)]) {
        Measure-Seconds {
            Wait-Call $client.PutApprovalResultAsync(@{
                    PipelineName = $a.PipelineName; StageName = $a.StageName; ActionName = $a.ActionName; Token = $a.Token
                    Result = @{ Status = 'Approved'; Summary = 'bench' }
                })
        }
    }
    $putRtt = Get-Median $putRtts
    $batch = $toAnswer[0..($Approvals - 1)]
    $answered = [ref]0
    $piped = Measure-Seconds { $batch | Approve-PipelineAction -Summary 'bench' -Force | ForEach-Object { $answered.Value++ } }
    if ($answered.Value -ne $Approvals) { throw "Approve-PipelineAction answered $($answered.Value) of $Approvals." }
    $perItem = $piped / $Approvals
    Write-Host ('{0:0.00} s for {1}: {2:0.0} ms per item; PutApprovalResult round trip {3:0.0} ms; overhead {4:0.0} ms per item' -f
        $piped, $Approvals, ($perItem * 1000), ($putRtt * 1000), (($perItem - $putRtt) * 1000))
    $results['Per-item overhead of Approve-PipelineAction'] = @{ Value = ($perItem - $putRtt) * 1000; Text = '{0:0.0} ms'; Target = 5; Better = 'lower' }

    # ---- start-up: bare pwsh, Import-Module, Import-Module and the first command (no injected latency)
    Write-Section "Start-up (median of $StartupRepeat fresh processes each, no injected latency)"
    $null = Invoke-Control DELETE faults
    # Interleaved (bare, import, first command in turn), so drift on a shared machine hits all three alike.
    $startup = @{ Bare = @(); Import = @(); First = @() }
    $cpu = @{ Bare = @(); Import = @(); First = @() }
    $commands = [ordered]@{
        Bare = '1'
        Import = "Import-Module '$ModulePath'"
        First = "Import-Module '$ModulePath'; `$null = Get-PendingApproval -PipelineName bench-0001 -EndpointUrl $url"
    }
    $loadBefore = (Get-Content /proc/loadavg -ErrorAction Ignore) -split ' ' | Select-Object -First 1
    foreach ($i in 1..$StartupRepeat) {
        foreach ($kind in $commands.Keys) {
            $run = Measure-Process $commands[$kind]
            $startup[$kind] += $run.Wall
            $cpu[$kind] += $run.Cpu
        }
    }
    $loadAfter = (Get-Content /proc/loadavg -ErrorAction Ignore) -split ' ' | Select-Object -First 1
    $bare = Get-Median $startup.Bare
    $import = Get-Median $startup.Import
    $first = Get-Median $startup.First
    $importTarget = 100; $firstTarget = 250
    Write-Host ('pwsh -NoProfile -c 1: {0:0} ms; + Import-Module: {1:0} ms ({2:+0;-0}); + first Get-PendingApproval: {3:0} ms ({4:+0;-0})' -f
        ($bare * 1000), ($import * 1000), (($import - $bare) * 1000), ($first * 1000), (($first - $bare) * 1000))
    Write-Host ('CPU time of the process: bare {0:0} ms; Import-Module {1:+0;-0} ms; first command {2:+0;-0} ms' -f
        ((Get-Median $cpu.Bare) * 1000), (((Get-Median $cpu.Import) - (Get-Median $cpu.Bare)) * 1000),
        (((Get-Median $cpu.First) - (Get-Median $cpu.Bare)) * 1000))
    $figures = @(
        [pscustomobject]@{ Name = 'Import-Module'; Ms = ($import - $bare) * 1000; Target = $importTarget }
        [pscustomobject]@{ Name = 'Import-Module and the first command'; Ms = ($first - $bare) * 1000; Target = $firstTarget })
    foreach ($f in $figures) {
        $status = if ($f.Ms -le $f.Target) { 'met' } else { 'MISSED' }
        Write-Host ('{0}: {1:+0;-0} ms over bare pwsh, target at most +{2} ms: {3}' -f $f.Name, $f.Ms, $f.Target, $status)
    }
    if ($loadBefore) { Write-Host "load average (1 min) before and after: $loadBefore, $loadAfter (on $([Environment]::ProcessorCount) CPUs)" }
    $results['Import-Module over bare pwsh'] = @{ Value = ($import - $bare) * 1000; Text = '{0:+0;-0} ms'; Target = $importTarget; Better = 'lower' }
    $results['Import and first command over bare pwsh'] = @{ Value = ($first - $bare) * 1000; Text = '{0:+0;-0} ms'; Target = $firstTarget; Better = 'lower' }

    # ---- peak memory of the 1,000-pipeline scan against bare pwsh, each in a fresh process
    Write-Section 'Peak memory (VmHWM of a fresh pwsh process)'
    $null = Invoke-Control PUT faults @{ latencyMs = $LatencyMs }
    $hwm = "[regex]::Match([IO.File]::ReadAllText('/proc/self/status'), 'VmHWM:\s+(\d+)').Groups[1].Value"
    $bareKb = [double](Invoke-Pwsh $hwm)
    $scanKb = [double](Invoke-Pwsh "Import-Module '$ModulePath'; Get-PendingApproval -PipelineName 'bench-*' -EndpointUrl $url | Out-Null; $hwm")
    Write-Host ('bare pwsh: {0:0} MB; with the {1}-pipeline scan: {2:0} MB (+{3:0} MB)' -f ($bareKb / 1KB), $Pipelines, ($scanKb / 1KB), (($scanKb - $bareKb) / 1KB))
    $results['Peak memory of the scan over bare pwsh'] = @{ Value = ($scanKb - $bareKb) / 1KB; Text = '+{0:0} MB'; Target = 60; Better = 'lower' }
}
finally {
    if (Get-Variable client -ErrorAction Ignore) { $client.Dispose() }
    if (-not $emulator.HasExited) { $emulator.Kill(); $emulator.WaitForExit() }
    Remove-Item $scratch -Recurse -Force -ErrorAction Ignore
}

Write-Section 'Results'
$rows = foreach ($r in $results.GetEnumerator()) {
    $v = $r.Value
    $met = if ($null -eq $v.Target) { '' } elseif ($v.Better -eq 'lower') { if ($v.Value -le $v.Target) { 'met' } else { 'MISSED' } } else { if ($v.Value -ge $v.Target) { 'met' } else { 'MISSED' } }
    $target = if ($null -eq $v.Target) { '' } elseif ($v.Better -eq 'lower') { "<= $($v.Text -f $v.Target)" } else { ">= $($v.Text -f $v.Target)" }
    [pscustomobject]@{ Measure = $r.Key; Result = $v.Text -f $v.Value; Target = $target; Status = $met }
}
$rows | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
