# Dot-sourced by tests/Benchmark.ps1 in its scope (the module imported and warmed up, $url, $results): the scan against
# its bound, one call at a time and the AWS CLI loop; 200 approvals; start-up; peak memory.

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
            $id = @($waiting)[0].LatestExecution.PipelineExecutionId
        $null = Wait-Call $client.GetPipelineExecutionAsync(@{ PipelineName = $name; PipelineExecutionId = $id })
        }
    }
}
Write-Host ('the same calls one after another in-process: {0:0.00} s' -f $sequential)

# ---- (c) the AWS CLI loop users write today, on a sample, scaled per pipeline
$aws = Get-Command aws -ErrorAction Ignore
$cli = $null
if ($aws) {
    $env:AWS_CONFIG_FILE = Join-Path $scratch 'none'; $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $scratch 'none'
    $env:AWS_PAGER = ''
    $listTime = Measure-Seconds {
        $listed = & $aws codepipeline list-pipelines --endpoint-url $url --region us-east-1 --output json |
            ConvertFrom-Json
        if ($listed.pipelines.Count -ne $Pipelines) {
            throw "aws list-pipelines returned $($listed.pipelines.Count) pipelines."
        }
    }
    $sample = 1..$CliSample | ForEach-Object { 'bench-{0:0000}' -f ($_ * [math]::Floor($Pipelines / $CliSample)) }
    $perPipeline = (Measure-Seconds {
            foreach ($name in $sample) {
                $null = & $aws codepipeline get-pipeline-state --name $name --endpoint-url $url --region us-east-1 `
                    --output json
                if ($LASTEXITCODE -ne 0) { throw "aws get-pipeline-state $name failed." }
            }
        }) / $CliSample
    $cli = $listTime + $perPipeline * $Pipelines
    Write-Host (('AWS CLI loop: list-pipelines {0:0.00} s + {1:0.000} s per get-pipeline-state (sample of {2}) x ' +
        '{3} = {4:0} s (estimated)') -f
        $listTime, $perPipeline, $CliSample, $Pipelines, $cli)
}
else { Write-Warning 'aws (AWS CLI) is not on PATH: the CLI comparison is skipped.' }

Add-Result 'Scan vs lower bound' ($scan / $bound) '{0:0.00}x' 1.25
Add-Result 'Scan speed-up vs one call at a time' ($sequential / $scan) '{0:0.0}x'
if ($cli) { Add-Result 'Scan speed-up vs AWS CLI loop' ($cli / $scan) '{0:0}x' 30 'higher' }

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
$piped = Measure-Seconds {
    $batch | Approve-PipelineAction -Summary 'bench' -Force | ForEach-Object { $answered.Value++ }
}
if ($answered.Value -ne $Approvals) { throw "Approve-PipelineAction answered $($answered.Value) of $Approvals." }
$perItem = $piped / $Approvals
Write-Host (('{0:0.00} s for {1}: {2:0.0} ms per item; PutApprovalResult round trip {3:0.0} ms; ' +
    'overhead {4:0.0} ms per item') -f
    $piped, $Approvals, ($perItem * 1000), ($putRtt * 1000), (($perItem - $putRtt) * 1000))
Add-Result 'Per-item overhead of Approve-PipelineAction' (($perItem - $putRtt) * 1000) '{0:0.0} ms' 5

# ---- start-up: bare pwsh, Import-Module, Import-Module and the first command (no injected latency)
Write-Section "Start-up (median of $StartupRepeat fresh processes each, no injected latency)"
$null = Invoke-Control DELETE faults
# Interleaved (bare, import, first command, references in turn), so drift on a shared machine hits all alike. The
# references are what this pwsh costs before any module's own work: importing a minimal manifest module (a manifest
# and a binary root module without cmdlets), and PowerShell's own first HTTP call (one unsigned POST by
# Invoke-RestMethod to the same endpoint, its refusal ignored); and what .NET itself costs for a first request.
$minimal = Join-Path $scratch 'Minimal'
$null = New-Item $minimal -ItemType Directory -Force
Copy-Item (Join-Path (Split-Path $ModulePath) 'ApprovalTools.Loader.dll') (Join-Path $minimal 'Minimal.dll')
Set-Content (Join-Path $minimal 'Minimal.psd1') ("@{ ModuleVersion = '1.0'; RootModule = 'Minimal.dll'; " +
    "GUID = '$([guid]::NewGuid())'; CmdletsToExport = @(); FunctionsToExport = @() }")
# The floor under any first request: a plain .NET program (tests/bench/FirstRequest) that sends the same POST, against
# the same program sending nothing. Built here, outside the module.
$firstRequest = Join-Path $scratch 'FirstRequest'
$log = & dotnet build (Join-Path $PSScriptRoot 'FirstRequest') -c Release -o $firstRequest -nologo -v quiet 2>&1
if ($LASTEXITCODE -ne 0) { throw "Building tests/bench/FirstRequest failed:`n$($log | Out-String)" }
$program = Join-Path $firstRequest 'FirstRequest.dll'
$commands = [ordered]@{
    Bare = '1'
    Minimal = "Import-Module '$(Join-Path $minimal 'Minimal.psd1')'"
    Import = "Import-Module '$ModulePath'"
    First = "Import-Module '$ModulePath'; `$null = Get-PendingApproval -PipelineName bench-0001 -EndpointUrl $url"
    Rest = "`$null = Invoke-RestMethod -Method Post -Uri $url/ -Body '{}' -SkipHttpErrorCheck " +
        "-ContentType 'application/x-amz-json-1.1' -Headers @{ 'X-Amz-Target' = 'CodePipeline_20150709.ListPipelines' }"
    NetNone = @($program)
    NetPost = @($program, "$url/")
}
# The same rows on PowerShell precompiled as its official packages ship it (P*: tests/bench/PrecompiledPwsh.ps1).
$precompiled = $null
if ($Crossgen2) {
    . (Join-Path $PSScriptRoot 'PrecompiledPwsh.ps1')
    $making = [Diagnostics.Stopwatch]::StartNew()
    $precompiled = New-PrecompiledPwsh $Crossgen2 (Join-Path $scratch 'pwsh-precompiled')
    Write-Host ('A precompiled copy of this PowerShell for reference rows: {0:0} s to make' -f $making.Elapsed.TotalSeconds)
    foreach ($kind in 'Bare', 'Import', 'First', 'Rest') { $commands["P$kind"] = $commands[$kind] }
}
$startup = @{}; $cpu = @{}
foreach ($kind in $commands.Keys) { $startup[$kind] = @(); $cpu[$kind] = @() }
$loadBefore = (Get-Content /proc/loadavg -ErrorAction Ignore) -split ' ' | Select-Object -First 1
foreach ($i in 1..$StartupRepeat) {
    foreach ($kind in $commands.Keys) {
        $run = if ($kind -like 'Net*') { Measure-Process -DotNet $commands[$kind] }
        elseif ($kind -cmatch '^P[A-Z]') { Measure-Process $commands[$kind] -Pwsh $precompiled }
        else { Measure-Process $commands[$kind] }
        $startup[$kind] += $run.Wall
        $cpu[$kind] += $run.Cpu
    }
}
$loadAfter = (Get-Content /proc/loadavg -ErrorAction Ignore) -split ' ' | Select-Object -First 1
$bare = Get-Median $startup.Bare
$import = Get-Median $startup.Import
$first = Get-Median $startup.First
$rest = Get-Median $startup.Rest
$minimalImport = Get-Median $startup.Minimal
$importTarget = 100; $firstTarget = 250
Write-Host (('pwsh -NoProfile -c 1: {0:0} ms; + Import-Module: {1:0} ms ({2:+0;-0}); ' +
    '+ first Get-PendingApproval: {3:0} ms ({4:+0;-0})') -f
    ($bare * 1000), ($import * 1000), (($import - $bare) * 1000), ($first * 1000), (($first - $bare) * 1000))
Write-Host (('Reference: Import-Module of a minimal manifest module: {0:0} ms ({1:+0;-0}); ' +
    'ApprovalTools'' import over it: {2:+0;-0} ms') -f
    ($minimalImport * 1000), (($minimalImport - $bare) * 1000), (($import - $minimalImport) * 1000))
Write-Host (('Reference: one Invoke-RestMethod call (PowerShell''s own first HTTP call): {0:0} ms ({1:+0;-0}); ' +
    'the first command over it: {2:+0;-0} ms') -f ($rest * 1000), (($rest - $bare) * 1000), (($first - $rest) * 1000))
$netNone = Get-Median $startup.NetNone
$netPost = Get-Median $startup.NetPost
Write-Host (('Reference: a plain .NET program''s own first HTTP request (the same POST): {0:0} ms against {1:0} ms ' +
    'for the program without it: {2:+0;-0} ms') -f ($netPost * 1000), ($netNone * 1000), (($netPost - $netNone) * 1000))
if ($precompiled) {
    $pBare = Get-Median $startup.PBare
    $pRows = [ordered]@{ Import = 'Import-Module'; First = 'Import-Module and the first command'
        Rest = 'one Invoke-RestMethod call' }
    $pFigures = @{}
    foreach ($kind in $pRows.Keys) { $pFigures[$kind] = ((Get-Median $startup["P$kind"]) - $pBare) * 1000 }
    Write-Host (('On a precompiled PowerShell: bare {0:0} ms; Import-Module {1:+0;-0} ms; Import-Module and the ' +
        'first command {2:+0;-0} ms; one Invoke-RestMethod call {3:+0;-0} ms') -f ($pBare * 1000), $pFigures.Import,
        $pFigures.First, $pFigures.Rest)
}
Write-Host ('CPU time of the process: bare {0:0} ms; Import-Module {1:+0;-0} ms; first command {2:+0;-0} ms' -f
    ((Get-Median $cpu.Bare) * 1000), (((Get-Median $cpu.Import) - (Get-Median $cpu.Bare)) * 1000),
    (((Get-Median $cpu.First) - (Get-Median $cpu.Bare)) * 1000))
$figures = @(
    [pscustomobject]@{ Name = 'Import-Module'; Ms = ($import - $bare) * 1000; Target = $importTarget }
    [pscustomobject]@{
        Name = 'Import-Module and the first command'; Ms = ($first - $bare) * 1000; Target = $firstTarget
    })
foreach ($f in $figures) {
    $status = if ($f.Ms -le $f.Target) { 'met' } else { 'MISSED' }
    Write-Host ('{0}: {1:+0;-0} ms over bare pwsh, target at most +{2} ms: {3}' -f $f.Name, $f.Ms, $f.Target, $status)
}
if ($loadBefore) {
    Write-Host ("load average (1 min) before and after: $loadBefore, $loadAfter " +
        "(on $([Environment]::ProcessorCount) CPUs)")
}
Add-Result 'Import-Module over bare pwsh' (($import - $bare) * 1000) '{0:+0;-0} ms' $importTarget
Add-Result 'Import and first command over bare pwsh' (($first - $bare) * 1000) '{0:+0;-0} ms' $firstTarget
Add-Result 'Reference: a minimal manifest module''s import over bare pwsh' (
    ($minimalImport - $bare) * 1000) '{0:+0;-0} ms' $null
Add-Result 'Reference: one Invoke-RestMethod over bare pwsh' (($rest - $bare) * 1000) '{0:+0;-0} ms' $null
Add-Result 'Reference: a .NET program''s first HTTP request' (($netPost - $netNone) * 1000) '{0:+0;-0} ms' $null
if ($precompiled) {
    Add-Result 'Precompiled PowerShell: bare pwsh' ($pBare * 1000) '{0:0} ms' $null
    foreach ($kind in $pRows.Keys) {
        Add-Result "Precompiled PowerShell: $($pRows[$kind]) over bare pwsh" $pFigures[$kind] '{0:+0;-0} ms' $null
    }
}

# ---- peak memory of the 1,000-pipeline scan against bare pwsh, each in a fresh process
Write-Section 'Peak memory (VmHWM of a fresh pwsh process)'
$null = Invoke-Control PUT faults @{ latencyMs = $LatencyMs }
$bareKb = Get-BarePeakKb
$scanKb = Get-Median @(1..3 | ForEach-Object {
        [double](Invoke-Pwsh ("Import-Module '$ModulePath'; " +
                "Get-PendingApproval -PipelineName 'bench-*' -EndpointUrl $url | Out-Null; $hwmOfSelf")) })
Write-Host ('bare pwsh: {0:0} MB; with the {1}-pipeline scan: {2:0} MB (+{3:0} MB); medians of 5 and 3 processes' -f
    ($bareKb / 1KB), $Pipelines, ($scanKb / 1KB), (($scanKb - $bareKb) / 1KB))
Add-Result 'Peak memory of the scan over bare pwsh' (($scanKb - $bareKb) / 1KB) '+{0:0} MB' 60
