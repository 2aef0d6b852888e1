# Starts and stops the local CodePipeline (src/ApprovalTools.Emulator) for build.ps1 (Demo, Emulator), the Pester
# suites (tests/common.ps1) and the benchmark: the one place that knows its command line and its banner.
Set-StrictMode -Version Latest

$DefaultEmulatorDll = Join-Path (Split-Path $PSScriptRoot -Parent) 'src' 'ApprovalTools.Emulator' 'bin' 'Release' `
    'net10.0' 'ApprovalTools.Emulator.dll'

<#
.SYNOPSIS
Starts the local CodePipeline and returns once it listens: an object with Url, Port and Process.

.DESCRIPTION
Runs `dotnet <EmulatorDll> --port <Port>` and reads the first line it prints, the banner that names its URL. Without
-RequestLog it is started with --quiet, so nobody has to read its stdout after the banner (a per-call log that no one
reads fills the pipe after ~600 calls and blocks the emulator mid-response). With -RequestLog it prints one line per
AWS call on Process.StandardOutput, which the caller must then read. Stop it with Stop-LocalCodePipeline.

.PARAMETER EmulatorDll
ApprovalTools.Emulator.dll; by default the Release build under src/ApprovalTools.Emulator/bin.

.PARAMETER Port
Loopback port; 0 (the default) picks a free one, read back from Url and Port.

.PARAMETER SeedPath
Pipelines to serve, in the SampleData/pipelines.json format; the embedded sample pipelines when not given.

.PARAMETER NoPipelines
Starts with no pipeline at all (for callers that add their own through the control surface, e.g. POST generate).

.PARAMETER RequestLog
Keeps the per-call log on stdout (the Emulator task prints it).
#>
function Start-LocalCodePipeline {
    [CmdletBinding(DefaultParameterSetName = 'Seed')]
    [OutputType([pscustomobject])]
    param(
        [ValidateNotNullOrEmpty()]
        [string] $EmulatorDll = $DefaultEmulatorDll,

        [ValidateRange(0, 65535)]
        [int] $Port = 0,

        [Parameter(ParameterSetName = 'Seed')]
        [ValidateNotNullOrEmpty()]
        [string] $SeedPath,

        [Parameter(ParameterSetName = 'Empty')]
        [switch] $NoPipelines,

        [switch] $RequestLog
    )
    if (-not (Test-Path $EmulatorDll)) { throw "The local CodePipeline is not built: no $EmulatorDll." }
    $emptySeed = $null
    if ($NoPipelines) {
        # The emulator reads its seed again on every reset: the file lives as long as the process.
        $name = "approvaltools-empty-seed-$([guid]::NewGuid().ToString('n')).json"
        $emptySeed = Join-Path ([IO.Path]::GetTempPath()) $name
        Set-Content -LiteralPath $emptySeed -Value '{ "pipelines": [] }'
        $SeedPath = $emptySeed
    }

    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $arguments = @($EmulatorDll, '--port', [string]$Port)
    if ($SeedPath) { $arguments += '--seed', $SeedPath }
    if (-not $RequestLog) { $arguments += '--quiet' }
    foreach ($a in $arguments) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($psi)
    $banner = $process.StandardOutput.ReadLine()
    if ($banner -notmatch '^ApprovalTools local CodePipeline listening on (http://127\.0\.0\.1:(\d+))$') {
        if (-not $process.HasExited) { $process.Kill() }
        $process.WaitForExit()
        if ($emptySeed) { Remove-Item -LiteralPath $emptySeed -ErrorAction Ignore }
        throw "The local CodePipeline did not start (exit code $($process.ExitCode)): $banner"
    }
    [pscustomobject]@{
        PSTypeName = 'ApprovalTools.LocalCodePipeline'
        Url        = $Matches[1]
        Port       = [int]$Matches[2]
        Process    = $process
        Banner     = $banner
        TempSeed   = $emptySeed
    }
}

<#
.SYNOPSIS
Stops a local CodePipeline that Start-LocalCodePipeline started (nothing happens when it has already exited).
#>
function Stop-LocalCodePipeline {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0, ValueFromPipeline)]
        [AllowNull()]
        [psobject] $LocalCodePipeline
    )
    process {
        if (-not $LocalCodePipeline) { return }
        $process = $LocalCodePipeline.Process
        if (-not $process.HasExited) {
            $process.Kill()
            $process.WaitForExit()
        }
        if ($LocalCodePipeline.TempSeed) { Remove-Item -LiteralPath $LocalCodePipeline.TempSeed -ErrorAction Ignore }
    }
}

Export-ModuleMember -Function Start-LocalCodePipeline, Stop-LocalCodePipeline
