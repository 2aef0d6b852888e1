# The ReadyToRun images build.ps1 makes on linux-x64 (ReadyToRun/net<major>.0-linux-x64/ beside the IL): they are what
# the first command loads on that runtime, they take JIT work off it, and without them (another platform, a folder
# without them, a damaged image) the IL in the module folder does the same work.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'aws.ps1')
    $script:Emulator = Start-TestEmulator
    $script:ModuleDir = Split-Path $ModulePath
    $script:Runtime = "net$([Environment]::Version.Major).0-linux-x64"
    $script:Precompiled = 'ApprovalTools.Engine', 'AWSSDK.Core', 'AWSSDK.SecurityToken', 'AWSSDK.SSO', 'AWSSDK.SSOOIDC'

    # Where a fresh session loaded the engine and AWSSDK.Core from, what the first command found, and how many methods
    # of the AWS SDK and of the engine's client and AWS code the process JIT-compiled (the runtime's own list, with
    # tiered compilation off: no background recompiles, so each one is a method that had no usable precompiled code).
    function Invoke-FirstCommand([string] $Module) {
        $jitLog = Join-Path ([System.IO.Path]::GetTempPath()) "approvaltools-jit-$([guid]::NewGuid().ToString('n')).txt"
        $environment = @{
            EMULATOR = $Emulator.Url; FIRST_MODULE = $Module
            DOTNET_TieredCompilation = '0'; DOTNET_JitStdOutFile = $jitLog; DOTNET_JitDisasmSummary = '1'
        }
        try {
            $result = Invoke-FreshPwsh -Environment $environment -Script @'
Import-Module $env:FIRST_MODULE
$found = Get-PendingApproval -PipelineName web-frontend -AccessKey AKIDAPPROVALTOOLS -SecretKey approvaltools-local-secret -Region us-east-1 -EndpointUrl $env:EMULATOR
$loaded = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -in 'ApprovalTools.Engine', 'AWSSDK.Core' }
[ordered]@{
    Found    = @($found.ActionName)
    Location = @($loaded | Sort-Object { $_.GetName().Name } | ForEach-Object Location)
} | ConvertTo-Json -Compress
'@
            $compiled = @(Get-Content $jitLog | Select-String -Pattern 'JIT compiled (Amazon|ApprovalTools\.(Aws|Client|Engine))\.')
            $result | Add-Member Jitted $compiled.Count -PassThru
        }
        finally { Remove-Item $jitLog -ErrorAction Ignore }
    }

    function Copy-Module {
        $copy = Join-Path ([System.IO.Path]::GetTempPath()) "approvaltools-r2r-$([guid]::NewGuid().ToString('n'))"
        Copy-Item $ModuleDir $copy -Recurse
        $copy
    }

    function Get-PEInfo([string] $Path) {
        $reader = [System.Reflection.PortableExecutable.PEReader]::new([System.IO.File]::OpenRead($Path))
        try {
            [pscustomobject]@{
                Native  = $reader.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0
                Machine = [int]$reader.PEHeaders.CoffHeader.Machine
            }
        }
        finally { $reader.Dispose() }
    }
}
AfterAll { Stop-TestEmulator $script:Emulator }

Describe 'ReadyToRun images' -Skip:(-not $IsLinux -or [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture -ne 'X64') {
    It 'are built for linux-x64 beside the IL, which stays for every other platform' {
        foreach ($name in $Precompiled) {
            $image = Get-PEInfo (Join-Path $ModuleDir 'ReadyToRun' $Runtime "$name.dll")
            $image.Native | Should -BeTrue -Because "$name.dll is precompiled"
            # AMD64 (0x8664) marked for Linux (0x7B79), which no other OS or CPU loads.
            $image.Machine | Should -Be (0x8664 -bxor 0x7B79)
            (Get-PEInfo (Join-Path $ModuleDir "$name.dll")).Native | Should -BeFalse -Because "$name.dll in the module folder is IL"
        }
        # What PowerShell itself loads at Import-Module stays IL: Windows PowerShell loads the same files.
        foreach ($name in 'ApprovalTools', 'ApprovalTools.Loader') {
            (Get-PEInfo (Join-Path $ModuleDir "$name.dll")).Native | Should -BeFalse
            Join-Path $ModuleDir 'ReadyToRun' $Runtime "$name.dll" | Should -Not -Exist
        }
    }

    It 'are what the first command loads, and it JIT-compiles next to none of their methods' {
        $withImages = Invoke-FirstCommand $ModulePath
        $withImages.Found | Should -Be @('ManualApproval')
        $withImages.Location | Should -Be @(
            (Join-Path $ModuleDir 'ReadyToRun' $Runtime 'ApprovalTools.Engine.dll')
            (Join-Path $ModuleDir 'ReadyToRun' $Runtime 'AWSSDK.Core.dll'))

        $copy = Copy-Module
        try {
            Remove-Item (Join-Path $copy 'ReadyToRun') -Recurse
            $ilOnly = Invoke-FirstCommand (Join-Path $copy 'ApprovalTools.psd1')
        }
        finally { Remove-Item $copy -Recurse -Force -ErrorAction Ignore }
        # Without the images (as on any other platform or runtime) the IL in the module folder does the same work.
        $ilOnly.Found | Should -Be @('ManualApproval')
        $ilOnly.Location | Should -Be @((Join-Path $copy 'ApprovalTools.Engine.dll'), (Join-Path $copy 'AWSSDK.Core.dll'))
        # Images the runtime rejected would still load from their folder, but be JIT-compiled all the same.
        $ilOnly.Jitted | Should -BeGreaterThan 300
        $withImages.Jitted | Should -BeLessThan ($ilOnly.Jitted * 0.1)
    }

    It 'fall back to the IL beside them when an image is damaged' {
        $copy = Copy-Module
        try {
            [System.IO.File]::WriteAllBytes((Join-Path $copy 'ReadyToRun' $Runtime 'AWSSDK.Core.dll'), [byte[]](1..200))
            $result = Invoke-FirstCommand (Join-Path $copy 'ApprovalTools.psd1')
        }
        finally { Remove-Item $copy -Recurse -Force -ErrorAction Ignore }
        $result.Found | Should -Be @('ManualApproval')
        $result.Location | Should -Be @(
            (Join-Path $copy 'ReadyToRun' $Runtime 'ApprovalTools.Engine.dll')
            (Join-Path $copy 'AWSSDK.Core.dll'))
    }

    It 'ship in the package' {
        $version = (Import-PowerShellDataFile (Join-Path $RepoRoot 'ApprovalTools.psd1')).ModuleVersion
        $packages = if ($env:APPROVALTOOLS_PACKAGES) { $env:APPROVALTOOLS_PACKAGES } else { Join-Path $RepoRoot 'output' 'packages' }
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead((Join-Path $packages "ApprovalTools.$version.nupkg"))
        try { $entries = $zip.Entries.FullName } finally { $zip.Dispose() }
        foreach ($name in $Precompiled) { $entries | Should -Contain "ReadyToRun/$Runtime/$name.dll" }
    }
}
