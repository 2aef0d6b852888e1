# Run by tests/bench/Accounts.ps1 in a fresh pwsh whose HOME holds the accounts' profiles: warms up on one pipeline by
# name (before any limit is set), writes 'ready', then for each 'scan' line read from stdin scans every profile in
# every region and writes one JSON line: start, seconds, approvals found, errors, CPU time used, VmHWM so far and
# after the warm-up, and the GC heap's size at the end.
$ErrorActionPreference = 'Stop'
Import-Module $env:BENCH_MODULE
$profiles = $env:BENCH_PROFILES -split ','
$regions = $env:BENCH_REGIONS -split ','
$null = Get-PendingApproval -ProfileName $profiles[0] -Region $regions[0] -PipelineName $env:BENCH_WARM_UP
$warmKb = [double][regex]::Match([IO.File]::ReadAllText('/proc/self/status'), 'VmHWM:\s+(\d+)').Groups[1].Value
[Console]::Out.WriteLine('ready')
$self = [Diagnostics.Process]::GetCurrentProcess()
while ([Console]::In.ReadLine() -eq 'scan') {
    $self.Refresh()
    $cpu = $self.TotalProcessorTime
    $start = [DateTimeOffset]::UtcNow.ToString('o')
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $found = @(Get-PendingApproval -ProfileName $profiles -Region $regions -ErrorVariable scanErrors `
            -ErrorAction SilentlyContinue)
    $seconds = $clock.Elapsed.TotalSeconds
    $self.Refresh()
    $hwm = [regex]::Match([IO.File]::ReadAllText('/proc/self/status'), 'VmHWM:\s+(\d+)').Groups[1].Value
    $result = @{
        Start = $start; Seconds = $seconds; Found = $found.Count; Errors = @($scanErrors | ForEach-Object { "$_" })
        CpuSeconds = ($self.TotalProcessorTime - $cpu).TotalSeconds; HwmKb = [double]$hwm; WarmKb = $warmKb
        HeapKb = [GC]::GetGCMemoryInfo().HeapSizeBytes / 1KB
    }
    [Console]::Out.WriteLine(($result | ConvertTo-Json -Compress))
}
