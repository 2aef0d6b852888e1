# Dot-sourced by tests/bench/Core.ps1: a copy of this PowerShell ($PSHOME) whose own IL assemblies are precompiled
# (ReadyToRun), as PowerShell's official packages ship them; the PowerShell dotnet tool that runs here is IL only.
# It is a reference for the start-up rows: what the module's first command costs once PowerShell itself no longer
# JIT-compiles its cmdlet binding and pipeline. Returns the copy's pwsh.dll.
Import-Module (Join-Path $PSScriptRoot '..' '..' 'build' 'ReadyToRun.psm1') -Force

function New-PrecompiledPwsh([string] $Crossgen2, [string] $Destination) {
    Copy-Item $PSHOME $Destination -Recurse
    $framework = Split-Path ([object].Assembly.Location)
    $references = @(Get-ChildItem $framework, $PSHOME -Filter *.dll).FullName
    foreach ($dll in Get-ChildItem $PSHOME -Filter *.dll) {
        if (-not (Test-IlOnly $dll.FullName)) { continue }
        # An assembly Crossgen2 cannot compile stays IL, as in the copy.
        try { Invoke-Crossgen2 $Crossgen2 $dll.FullName (Join-Path $Destination $dll.Name) $references $scratch }
        catch { Copy-Item $dll.FullName (Join-Path $Destination $dll.Name) -Force }
    }
    Join-Path $Destination 'pwsh.dll'
}

# True for a managed assembly without precompiled code.
function Test-IlOnly([string] $Path) {
    $stream = [IO.File]::OpenRead($Path)
    try {
        $headers = [Reflection.PortableExecutable.PEReader]::new($stream).PEHeaders
        $headers.CorHeader -and $headers.CorHeader.ManagedNativeHeaderDirectory.Size -eq 0
    }
    finally { $stream.Dispose() }
}
