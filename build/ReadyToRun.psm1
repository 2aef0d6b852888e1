# Crossgen2 on one assembly, for build.ps1 (the module's ReadyToRun images) and tests/bench/PrecompiledPwsh.ps1 (a
# precompiled copy of PowerShell for the benchmark's reference rows).
Set-StrictMode -Version Latest

<#
.SYNOPSIS
Precompiles -Assembly into -Out for linux-x64 against -Reference (the assembly itself is left out of them), with the
arguments in a response file beside -Out's name in -Scratch. Throws, with Crossgen2's output, when it fails.
#>
function Invoke-Crossgen2 {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Crossgen2,
        [Parameter(Mandatory)] [string] $Assembly,
        [Parameter(Mandatory)] [string] $Out,
        [Parameter(Mandatory)] [string[]] $Reference,
        [Parameter(Mandatory)] [string] $Scratch,
        [string[]] $Option = @()
    )
    $name = [IO.Path]::GetFileNameWithoutExtension($Assembly)
    $rsp = Join-Path $Scratch "$name.rsp"
    @($Assembly, "--out:$Out", '--targetos:linux', '--targetarch:x64', '--optimize') + $Option +
    @($Reference | Where-Object { [IO.Path]::GetFileNameWithoutExtension($_) -ne $name } |
            ForEach-Object { "--reference:$_" }) | Set-Content $rsp
    $log = & $Crossgen2 "@$rsp" 2>&1
    if ($LASTEXITCODE -ne 0) { throw "Crossgen2 failed on $name.dll:`n$($log | Out-String)" }
}

Export-ModuleMember -Function Invoke-Crossgen2
