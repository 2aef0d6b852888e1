# Dot-sourced by tests/Benchmark.ps1 in its scope (the module imported and warmed up, $url, $results, the helpers).
# Scans under the local CodePipeline's requests-per-second limit R, side by side with the same scans unlimited:
#  - against the bound the limit sets. The limit is a token bucket holding one second's worth (R calls), full when it
#    is set, so C answered calls cannot take less than (C - R) / R seconds: that is the bound (calls / R, the issue's
#    looser form, would hand the scan its first second of burst for free). Target: at most 1.2x.
#  - the throttled replies, and the errors that reached the user (target: none) with every approval found;
#  - calls per pipeline, and calls per pending approval beyond its pipeline's GetPipelineState;
#  - recovery: the limit lifted in the middle of a scan (same command, same pacer), and the seconds until the scan
#    makes calls at full speed again: a half second with at least as many calls as the unlimited scan makes in half a
#    second on average (answered calls / its time, measured in this run). Target: at most 5 s.
# Each scan is one command over the whole account; faults keep the injected latency throughout.

$throttleRatioTarget = 1.2
$recoveryTarget = 5
$liftAfter = 6 # seconds into the scan, so the pacer has settled on the limit first

function Set-Limit([double] $Rps) {
    $faults = @{ latencyMs = $LatencyMs }
    if ($Rps -gt 0) { $faults.requestsPerSecond = $Rps }
    $null = Invoke-Control PUT faults $faults
}

# One whole-account scan under $Rps (0: none): time, approvals, errors and the calls the emulator recorded. With
# $LiftAfter, a thread lifts the limit that many seconds in and hands back when.
function Invoke-Scan([double] $Rps, [double] $LiftAfter = 0) {
    $null = Invoke-Control DELETE calls
    Set-Limit $Rps
    $lifter = if ($LiftAfter) {
        Start-ThreadJob -ArgumentList $url, $LiftAfter, $LatencyMs {
            param($Url, $After, $Latency)
            Start-Sleep -Milliseconds ($After * 1000)
            $at = [DateTimeOffset]::UtcNow
            $null = Invoke-RestMethod -Method Put "$Url/_emulator/faults" -ContentType 'application/json' `
                -Body (@{ latencyMs = $Latency } | ConvertTo-Json)
            $at
        }
    }
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $start = [DateTimeOffset]::UtcNow
    $found = @(Get-PendingApproval -ErrorVariable scanErrors -ErrorAction SilentlyContinue)
    $seconds = $clock.Elapsed.TotalSeconds
    $liftedAt = if ($lifter) { $lifter | Receive-Job -Wait -AutoRemoveJob }
    Set-Limit 0
    $calls = @(Get-CallLog $url)
    $answered = @($calls | Where-Object fault -ne 'rateLimit')
    [pscustomobject]@{
        Seconds = $seconds; Start = $start; Found = $found.Count; Errors = @($scanErrors).Count; LiftedAt = $liftedAt
        Answered = $answered; Refused = $calls.Count - $answered.Count
        States = @($answered | Where-Object operation -eq 'GetPipelineState').Count
        Pages = @($answered | Where-Object operation -eq 'ListPipelines').Count
    }
}

# The unlimited scan of the account as it is now: median time, and its calls per second (answered calls / time).
function Measure-FullSpeed([int] $Count) {
    $runs = @(foreach ($i in 1..$Repeat) { Invoke-Scan 0 })
    $seconds = Get-Median $runs.Seconds
    $rate = $runs[0].Answered.Count / $seconds
    Write-Host ('{0} pipelines unlimited: {1:0.00} s (median of {2}), {3} calls: {4:0} calls/s' -f
        $Count, $seconds, $Repeat, $runs[0].Answered.Count, $rate)
    [pscustomobject]@{ Seconds = $seconds; Rate = $rate }
}

function Measure-LimitedScan([int] $Count, [int] $PendingCount, [double] $Rps) {
    $scan = Invoke-Scan $Rps
    $c = $scan.Answered.Count
    $bound = ($c - $Rps) / $Rps
    $ratio = $scan.Seconds / $bound
    $perPending = ($c - $scan.Pages - $scan.States) / $PendingCount
    Write-Host (('{0} pipelines at {1}/s: {2:0.0} s; {3} calls answered, {4} throttled; bound ({3} - {1}) / {1} = ' +
        '{5:0.0} s: {6:0.00}x (calls / R: {7:0.00}x), target at most {8}x: {9}') -f $Count, $Rps, $scan.Seconds, $c,
        $scan.Refused, $bound, $ratio, ($scan.Seconds / ($c / $Rps)), $throttleRatioTarget,
        (Get-Verdict $ratio $throttleRatioTarget))
    Write-Host (('    {0} of {1} approvals found, {2} errors: {3}; {4:0.000} calls per pipeline, {5:0.0} more per ' +
        'pending approval') -f $scan.Found, $PendingCount, $scan.Errors,
        (Get-Verdict ([int]($scan.Errors -gt 0 -or $scan.Found -ne $PendingCount)) 0), ($c / $Count), $perPending)
    Add-Result "Scan of $Count at $Rps/s vs (calls - burst) / R" $ratio '{0:0.00}x' $throttleRatioTarget
    $scan
}

# The limit lifted mid-scan: seconds from the lift to the first half second at full speed, and the time lost.
function Measure-Recovery([double] $Rps, $FullSpeed) {
    $scan = Invoke-Scan $Rps $liftAfter
    $after = @($scan.Answered | ForEach-Object { ($_.time - $scan.LiftedAt).TotalSeconds } | Where-Object { $_ -ge 0 } |
        Sort-Object)
    $window = 0.5
    $needed = $FullSpeed.Rate * $window
    $recovered = $null
    for ($i = 0; $i -lt $after.Count -and $null -eq $recovered; $i++) {
        $j = $i
        while ($j -lt $after.Count -and $after[$j] -lt $after[$i] + $window) { $j++ }
        if ($j - $i -ge $needed) { $recovered = $after[$i] }
    }
    $end = ($scan.Start - $scan.LiftedAt).TotalSeconds + $scan.Seconds
    $lost = $end - $after.Count / $FullSpeed.Rate
    $errors = $scan.Errors + [int]($scan.Found -ne $PendingCount1000)
    if ($null -eq $recovered) {
        Write-Host (('lifted after {0} s at {1}/s: never at full speed before the scan ended ' +
            '({2:0.0} s after the lift), target at most {3} s: MISSED') -f $liftAfter, $Rps, $end, $recoveryTarget)
        $recovered = $end
    }
    else {
        Write-Host (('lifted after {0} s at {1}/s: full speed {2:0.0} s after the lift (target at most {3} s: {4}); ' +
            '{5:0.0} s lost against full speed; {6} errors') -f $liftAfter, $Rps, $recovered, $recoveryTarget,
            (Get-Verdict $recovered $recoveryTarget), $lost, $errors)
    }
    Add-Result "Back to full speed after a $Rps/s limit is lifted" $recovered '{0:0.0} s' $recoveryTarget
    $errors
}

Write-Section "Scans under a requests-per-second limit ($LatencyMs ms per call, ThrottleLimit $throttleLimit)"
Write-Host "load average (1 min) before: $(Get-LoadAverage) (on $([Environment]::ProcessorCount) CPUs)"
$PendingCount200 = 10
$PendingCount1000 = 50
$null = Invoke-Control POST reset
$null = Invoke-Control POST generate @{ count = 200; pending = $PendingCount200; prefix = 'rate-' }
$limitedErrors = 0
$full200 = Measure-FullSpeed 200
foreach ($rps in 5, 20, 50) {
    $scan = Measure-LimitedScan 200 $PendingCount200 $rps
    $limitedErrors += $scan.Errors + [int]($scan.Found -ne $PendingCount200)
}
$null = Invoke-Control POST generate @{ count = 800; pending = $PendingCount1000 - $PendingCount200; prefix = 'more-' }
$full1000 = Measure-FullSpeed 1000
$rates1000 = @(if ($LongThrottle) { 5 }) + 20, 50
foreach ($rps in $rates1000) {
    $scan = Measure-LimitedScan 1000 $PendingCount1000 $rps
    $limitedErrors += $scan.Errors + [int]($scan.Found -ne $PendingCount1000)
    if ($rps -eq 20) {
        $c = $scan.Answered.Count
        Add-Result 'Calls per pipeline (1,000 at 20/s)' ($c / 1000) '{0:0.000}'
        Add-Result 'Calls per pending approval beyond its state (1,000 at 20/s)' (
            ($c - $scan.Pages - $scan.States) / $PendingCount1000) '{0:0.0}'
    }
}
if (-not $LongThrottle) { Write-Host '(1,000 pipelines at 5/s, about 210 s, runs with -LongThrottle)' }
foreach ($rps in 5, 20, 50) { $limitedErrors += Measure-Recovery $rps $full1000 }
$next = (Invoke-Scan 0).Seconds
Write-Host ('the next command, a fresh pacer: {0:0.00} s, {1:0.00}x the unlimited scan' -f $next,
    ($next / $full1000.Seconds))
Write-Host "load average (1 min) after: $(Get-LoadAverage)"
Add-Result 'Errors reaching the user in the limited scans' $limitedErrors '{0}' 0
