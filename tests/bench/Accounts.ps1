# Dot-sourced by tests/Benchmark.ps1 in its scope (the module built, $scratch, $results, the helpers).
# Many accounts and regions: 4 profiles x 3 regions x 250 pipelines in one command, each account-region with a
# limit of its own. One local CodePipeline per account (a profile's [services] section points at it); each keeps a
# token bucket per signing region and serves the same pipelines in every region. The bound of an account-region is
# (C - R) / R for its C answered calls at its R (see Throttle.ps1); the scan runs all side by side, so the slowest
# account-region's bound is the bound of the whole. Targets: at most 1.25x of it; peak memory (VmHWM of the fresh
# pwsh the scan runs in) at most bare pwsh + 60 MB; every approval, no error.

$accountCount = 4
$accountPipelines = 250
$accountPending = 10
$accountRegions = 'us-east-1', 'eu-west-1', 'ap-southeast-2'
$accountsTarget = 1.25
$accountsMemoryTarget = 60

# Each account-region's own limit: 10 to 26 requests/s, the slowest account 1 in us-east-1. Together 216/s: higher
# limits (20 to 55, together 450/s) ask more calls a second than this shared 2-CPU machine serves with four local
# CodePipelines on it (the unlimited scan printed below shows what it does), and the bound would be the machine's.
function Get-AccountLimit([int] $Account, [int] $RegionIndex) { 10 + 5 * $RegionIndex + 2 * ($Account - 1) }

Write-Section ("$accountCount accounts x $($accountRegions.Count) regions x $accountPipelines pipelines, " +
    "one command, each account-region with its own limit")
$accounts = @()
$process = $null
$homeDir = Join-Path $scratch 'accounts-home'
$null = New-Item (Join-Path $homeDir '.aws') -ItemType Directory -Force
try {
    $config = [Text.StringBuilder]::new()
    $credentials = [Text.StringBuilder]::new()
    foreach ($n in 1..$accountCount) {
        $account = Start-LocalCodePipeline -EmulatorDll $EmulatorDll -NoPipelines
        $accounts += $account
        $key = "AKIDBENCHACCOUNT$n"; $secret = "bench-account-secret-$n"
        $null = Invoke-Control PUT credentials @{ accessKeyId = $key; secretAccessKey = $secret } -Url $account.Url
        $generate = @{ count = $accountPipelines; pending = $accountPending; prefix = "acct$n-" }
        $null = Invoke-Control POST generate $generate -Url $account.Url
        $null = $config.AppendLine("[profile acct$n]`nregion = us-east-1`nservices = acct$n`n")
        $null = $config.AppendLine("[services acct$n]`ncodepipeline =`n  endpoint_url = $($account.Url)`n")
        $null = $credentials.AppendLine("[acct$n]`naws_access_key_id = $key`naws_secret_access_key = $secret`n")
    }
    Set-Content (Join-Path $homeDir '.aws' 'config') $config.ToString()
    Set-Content (Join-Path $homeDir '.aws' 'credentials') $credentials.ToString()
    $profiles = (1..$accountCount | ForEach-Object { "acct$_" }) -join ','

    # The scans run in a fresh pwsh with that HOME (tests/bench/AccountsScan.ps1): first with each account-region's
    # limit, buckets full (its VmHWM is the peak memory), then unlimited, for comparison: what this machine does with
    # the 12 sessions side by side. Two more fresh processes scan with the limits for the peak memory only: the figure
    # is the median of the three (one process's peak varies by several MB from run to run).
    $memoryRuns = 3
    $child = Join-Path $PSScriptRoot 'AccountsScan.ps1'
    $psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($pwshDll, '-NoProfile', '-NonInteractive', '-File', $child)) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    foreach ($name in @($psi.Environment.Keys)) { if ($name -like 'AWS_*') { $null = $psi.Environment.Remove($name) } }
    $psi.Environment['AWS_EC2_METADATA_DISABLED'] = 'true'
    $psi.Environment['HOME'] = $homeDir
    $psi.Environment['BENCH_MODULE'] = $ModulePath
    $psi.Environment['BENCH_PROFILES'] = $profiles
    $psi.Environment['BENCH_REGIONS'] = $accountRegions -join ','
    $psi.Environment['BENCH_WARM_UP'] = 'acct1-0001'
    $bareKb = Get-BarePeakKb

    Write-Host "load average (1 min) before: $(Get-LoadAverage) (on $([Environment]::ProcessorCount) CPUs)"
    # A fresh scanning pwsh, warmed up (import, one call); $stderr is what it wrote there.
    function Start-ScanProcess {
        $script:process = [Diagnostics.Process]::Start($psi)
        $script:stderr = $process.StandardError.ReadToEndAsync()
        $ready = $process.StandardOutput.ReadLine()
        if ($ready -ne 'ready') { $process.Kill(); throw "The scan's pwsh did not warm up: $ready $($stderr.Result)" }
    }
    function Stop-ScanProcess {
        $process.StandardInput.Close()
        if (-not $process.WaitForExit(60000)) { $process.Kill() }
    }
    function Invoke-AccountsScan([switch] $Limited) {
        foreach ($n in 1..$accountCount) {
            $faults = @{ latencyMs = $LatencyMs }
            if ($Limited) {
                $faults.regionRequestsPerSecond = @{}
                for ($r = 0; $r -lt $accountRegions.Count; $r++) {
                    $faults.regionRequestsPerSecond[$accountRegions[$r]] = Get-AccountLimit $n $r
                }
            }
            $null = Invoke-Control PUT faults $faults -Url $accounts[$n - 1].Url
            $null = Invoke-Control DELETE calls -Url $accounts[$n - 1].Url
        }
        $process.StandardInput.WriteLine('scan')
        $line = $process.StandardOutput.ReadLine()
        try { $line | ConvertFrom-Json -DateKind String }
        catch { $process.Kill(); throw "The scan's pwsh did not answer with JSON: $line $($stderr.Result)" }
    }
    Start-ScanProcess
    $run = Invoke-AccountsScan -Limited
    $calls = @(foreach ($account in $accounts) { , @(Get-CallLog $account.Url) })
    $unlimited = Invoke-AccountsScan
    Stop-ScanProcess
    $peaks = @($run.HwmKb) + @(2..$memoryRuns | ForEach-Object {
            Start-ScanProcess; (Invoke-AccountsScan -Limited).HwmKb; Stop-ScanProcess })
    $peakKb = Get-Median $peaks
    Write-Host "load average (1 min) after: $(Get-LoadAverage)"

    # Each account-region's calls, bound and throttled replies, from its emulator's call log.
    $slowest = $null
    foreach ($n in 1..$accountCount) {
        for ($r = 0; $r -lt $accountRegions.Count; $r++) {
            $rps = Get-AccountLimit $n $r
            $own = @($calls[$n - 1] | Where-Object region -eq $accountRegions[$r])
            $answered = @($own | Where-Object fault -ne 'rateLimit').Count
            $bound = ($answered - $rps) / $rps
            $times = @($own | Where-Object fault -ne 'rateLimit' |
                ForEach-Object { ($_.time - [DateTimeOffset]::Parse($run.Start)).TotalSeconds } | Sort-Object)
            $done = ((@($own.time | Sort-Object)[-1]) - [DateTimeOffset]::Parse($run.Start)).TotalSeconds
            Write-Host (('acct{0} {1,-14} at {2}/s: {3} calls answered, {4} throttled; bound {5:0.0} s; ' +
                'last call at {6:0.0} s') -f $n, $accountRegions[$r], $rps, $answered, ($own.Count - $answered),
                $bound, $done)
            if (-not $slowest -or $bound -gt $slowest.Bound) {
                $slowest = [pscustomobject]@{ Name = "acct$n $($accountRegions[$r])"; Bound = $bound; Times = $times }
            }
        }
    }
    # Where the slowest account-region spent its time: answered calls per 5 s (its limit allows 5 R).
    $perFive = @(0..[math]::Floor($slowest.Times[-1] / 5) | ForEach-Object {
            $from = 5 * $_; @($slowest.Times | Where-Object { $_ -ge $from -and $_ -lt $from + 5 }).Count })
    Write-Host ("$($slowest.Name)'s answered calls per 5 s: $($perFive -join ', '); the first at " +
        ('{0:0.00} s' -f $slowest.Times[0]))
    $expected = $accountCount * $accountRegions.Count * $accountPending
    $ratio = $run.Seconds / $slowest.Bound
    $memory = ($peakKb - $bareKb) / 1KB
    Write-Host (('one command over {0} sessions: {1:0.0} s against the slowest bound, {2}''s {3:0.0} s: {4:0.00}x, ' +
        'target at most {5}x: {6}') -f ($accountCount * $accountRegions.Count), $run.Seconds, $slowest.Name,
        $slowest.Bound, $ratio, $accountsTarget, (Get-Verdict $ratio $accountsTarget))
    Write-Host (('the scan''s own CPU time: {0:0.0} s in {1:0.0} s; the same scan without limits: {2:0.0} s ' +
        '({3:0.0} s of CPU time): what the machine (four local CodePipelines and the scan) allows') -f $run.CpuSeconds,
        $run.Seconds, $unlimited.Seconds, $unlimited.CpuSeconds)
    $machineBound = [math]::Max($slowest.Bound, $unlimited.Seconds)
    Write-Host ('against the larger of the slowest bound and the unlimited scan ({0:0.0} s): {1:0.00}x' -f
        $machineBound, ($run.Seconds / $machineBound))
    Write-Host ('{0} of {1} approvals found, {2} errors{3}' -f $run.Found, $expected, @($run.Errors).Count,
        $(if (@($run.Errors).Count) { ': ' + @($run.Errors)[0] } else { '' }))
    Write-Host (('peak memory: bare pwsh {0:0} MB (median of 5); the scan''s pwsh {1:0} MB (+{2:0} MB; median of ' +
        '{7} processes: {8}), target at most +{3} MB: {4}; after its warm-up (import, one call) {5:0} MB; GC heap ' +
        'after the scan {6:0} MB') -f ($bareKb / 1KB), ($peakKb / 1KB), $memory, $accountsMemoryTarget,
        (Get-Verdict $memory $accountsMemoryTarget), ($run.WarmKb / 1KB), ($run.HeapKb / 1KB), $memoryRuns,
        (($peaks | ForEach-Object { '+{0:0}' -f (($_ - $bareKb) / 1KB) }) -join ', '))
    Add-Result "Accounts x regions scan vs the slowest account-region's bound" $ratio '{0:0.00}x' $accountsTarget
    Add-Result '... against the larger of that bound and the unlimited scan' ($run.Seconds / $machineBound) '{0:0.00}x'
    Add-Result 'Peak memory of the accounts x regions scan over bare pwsh' $memory '+{0:0} MB' $accountsMemoryTarget
    Add-Result 'Errors and missing approvals in the accounts x regions scan' (
        @($run.Errors).Count + [math]::Abs($expected - $run.Found)) '{0}' 0
}
finally {
    if ($process -and -not $process.HasExited) { $process.Kill() }
    $accounts | Stop-LocalCodePipeline
}
