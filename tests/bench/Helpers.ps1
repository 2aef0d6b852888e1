# Dot-sourced by tests/Benchmark.ps1: the helpers every section uses.
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

# A call to a local CodePipeline's control surface (the benchmark's own one unless -Url says another).
function Invoke-Control([string] $Method, [string] $Path, $Body, [string] $Url = $url) {
    $params = @{ Method = $Method; Uri = "$Url/_emulator/$Path" }
    if ($null -ne $Body) {
        $params.Body = $Body | ConvertTo-Json -Depth 5 -Compress
        $params.ContentType = 'application/json'
    }
    Invoke-RestMethod @params
}

function Invoke-Pwsh([string] $Command) {
    $output = & dotnet $pwshDll -NoProfile -NonInteractive -Command $Command
    if ($LASTEXITCODE -ne 0) { throw "pwsh failed ($LASTEXITCODE): $Command`n$output" }
    $output
}

# One fresh pwsh running $Command (the one -Pwsh names, else this one; or dotnet with -DotNet's arguments): its wall
# time and the CPU time it used (user and system), in seconds.
function Measure-Process([string] $Command, [string[]] $DotNet, [string] $Pwsh = $pwshDll) {
    $psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
    $arguments = if ($DotNet) { $DotNet } else { @($Pwsh, '-NoProfile', '-NonInteractive', '-Command', $Command) }
    foreach ($a in $arguments) { $psi.ArgumentList.Add($a) }
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
    if ($process.ExitCode -ne 0) { throw "It failed ($($process.ExitCode)): $Command$DotNet`n$output$($errors.Result)" }
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

# A command that prints the peak resident memory (VmHWM, in kB) of the pwsh running it.
$hwmOfSelf = "[regex]::Match([IO.File]::ReadAllText('/proc/self/status'), 'VmHWM:\s+(\d+)').Groups[1].Value"

# The peak resident memory (kB) of bare pwsh: the median of -Count fresh processes (one varies by several MB).
function Get-BarePeakKb([int] $Count = 5) { Get-Median @(1..$Count | ForEach-Object { [double](Invoke-Pwsh $hwmOfSelf) }) }

# The 1-minute load average, or '?' where there is no /proc.
function Get-LoadAverage { ((Get-Content /proc/loadavg -ErrorAction Ignore) -split ' ')[0] ?? '?' }

# A row of the results table: a figure, how it prints, and its target (null: none) with the better direction.
function Add-Result([string] $Name, [double] $Value, [string] $Text, $Target = $null, [string] $Better = 'lower') {
    $results[$Name] = @{ Value = $Value; Text = $Text; Target = $Target; Better = $Better }
}

# 'met' or 'MISSED' for a figure against its target (at most, or at least with -AtLeast).
function Get-Verdict([double] $Value, [double] $Target, [switch] $AtLeast) {
    if (($AtLeast -and $Value -ge $Target) -or (-not $AtLeast -and $Value -le $Target)) { 'met' } else { 'MISSED' }
}

# The calls a local CodePipeline recorded, with their times as DateTimeOffset (the emulator's clock is real time
# unless a test moved it, and the benchmark never does).
function Get-CallLog([string] $Url) {
    $json = (Invoke-WebRequest "$Url/_emulator/calls").Content
    @($json | ConvertFrom-Json -DateKind String) | ForEach-Object {
        $_.time = [DateTimeOffset]::Parse($_.time, [Globalization.CultureInfo]::InvariantCulture); $_
    }
}
