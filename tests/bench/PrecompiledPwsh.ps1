# Dot-sourced by tests/bench/Core.ps1: a copy of this PowerShell ($PSHOME) whose own IL assemblies are precompiled
# (ReadyToRun), as PowerShell's official packages ship them; the PowerShell dotnet tool that runs here is IL only.
# It is a reference for the start-up rows: what the module's first command costs once PowerShell itself no longer
# JIT-compiles its cmdlet binding and pipeline. Returns the copy's pwsh.dll.
function New-PrecompiledPwsh([string] $Crossgen2, [string] $Destination) {
    Copy-Item $PSHOME $Destination -Recurse
    $framework = Split-Path ([object].Assembly.Location)
    $references = @(Get-ChildItem $framework -Filter *.dll) + @(Get-ChildItem $PSHOME -Filter *.dll)
    foreach ($dll in Get-ChildItem $PSHOME -Filter *.dll) {
        if (-not (Test-IlOnly $dll.FullName)) { continue }
        $rsp = Join-Path $scratch "pwsh-$($dll.BaseName).rsp"
        @($dll.FullName, "--out:$(Join-Path $Destination $dll.Name)", '--targetos:linux', '--targetarch:x64', '-O') +
        @($references | Where-Object FullName -ne $dll.FullName | ForEach-Object { "--reference:$($_.FullName)" }) |
            Set-Content $rsp
        $null = & $Crossgen2 "@$rsp" 2>&1
        # An assembly Crossgen2 cannot compile stays IL, as in the copy.
        if ($LASTEXITCODE -ne 0) { Copy-Item $dll.FullName (Join-Path $Destination $dll.Name) -Force }
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
