#Requires -Version 7.2
<#
.SYNOPSIS
Builds, tests and demonstrates ApprovalTools.

.DESCRIPTION
Tasks:
  Build     assemble output/ApprovalTools/<version>/ (importable with Import-Module)
  Test      build, run the xunit and Pester suites, print "N passed, N failed"
  Demo      build, start the local CodePipeline with sample pipelines, and walk through the module
  Emulator  run the local CodePipeline in the foreground until Ctrl+C
  Bench     build, then measure the module against the local CodePipeline and print ratios (tests/Benchmark.ps1)
  Package   build, then write output/packages/ApprovalTools.<version>.nupkg with PSResourceGet (Publish-PSResource)
  Clean     remove build output

.EXAMPLE
dotnet tool restore && dotnet pwsh ./build.ps1 Demo
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Emulator', 'Bench', 'Package', 'Clean')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Port for the Emulator task (0 picks a free one).
    [int] $Port = 0,

    # Pester tests to run (paths, or names under tests/ such as Module or Module.Tests.ps1); several may be given as
    # one comma-separated value (as bash passes them: -PesterPath Module,tests/Profiles.Tests.ps1); all when empty.
    [string[]] $PesterPath,

    # Bench: the sections to run (Core, Throttle, Accounts; all by default), and the long throttled scan (1,000
    # pipelines at 5 requests/s, about 210 s) that is left out unless asked for.
    [ValidateSet('Core', 'Throttle', 'Accounts')]
    [string[]] $BenchSection,
    [switch] $LongThrottle
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
# Pester's pin, in .config/ beside the PowerShell one (restored from NuGet by tests/ApprovalTools.Tests).
$PesterVersion = ([xml](Get-Content (Join-Path $Root '.config' 'Pester.props') -Raw)).Project.PropertyGroup.PesterVersion
$ModuleName = 'ApprovalTools'
$Version = (Import-PowerShellDataFile (Join-Path $Root "$ModuleName.psd1")).ModuleVersion
$OutputDir = Join-Path $Root 'output'
$ModuleOut = Join-Path $OutputDir $ModuleName $Version
$PackageDir = Join-Path $OutputDir 'packages'
$EmulatorDll = Join-Path $Root 'src' 'ApprovalTools.Emulator' 'bin' $Configuration 'net10.0' 'ApprovalTools.Emulator.dll'
Import-Module (Join-Path $Root 'tests' 'LocalCodePipeline.psm1') -Force
Import-Module (Join-Path $Root 'build' 'ReleaseNotes.psm1') -Force
Import-Module (Join-Path $Root 'build' 'ReadyToRun.psm1') -Force
# Tests and the demo never reach the real instance metadata service.
$env:AWS_EC2_METADATA_DISABLED = 'true'

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-Build {
    Write-Host "== Build $ModuleName $Version ($Configuration)" -ForegroundColor Cyan
    Invoke-Dotnet build (Join-Path $Root "$ModuleName.sln") -c $Configuration "-p:Version=$Version" -nologo -v quiet

    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    New-Item $ModuleOut -ItemType Directory -Force | Out-Null
    # The engine's output holds ApprovalTools.dll (the cmdlets), ApprovalTools.Engine.dll and the AWS SDK it uses.
    $bin = Join-Path $Root 'src' "$ModuleName.Engine" 'bin' $Configuration 'netstandard2.0'
    # The host supplies System.Management.Automation; never ship it.
    Get-ChildItem $bin -Filter *.dll | Where-Object Name -ne 'System.Management.Automation.dll' |
        Copy-Item -Destination $ModuleOut
    Copy-Item (Join-Path $Root "$ModuleName.psd1"), (Join-Path $Root 'LICENSE') $ModuleOut
    # Its release notes: this version's section of CHANGELOG.md (which the package then carries).
    $notes = Get-ChangelogSection -Path (Join-Path $Root 'CHANGELOG.md') -Version $Version
    Set-ManifestReleaseNotes -ManifestPath (Join-Path $ModuleOut "$ModuleName.psd1") -ReleaseNotes $notes
    Copy-Item (Join-Path $Root 'module' '*') $ModuleOut -Recurse
    Add-ReadyToRunImages
    # Get-Help: MAML and about topics from the built cmdlets and the Markdown in docs/en-US (checked against each other
    # by src/ApprovalTools.Help), in a fresh pwsh so this session never loads the module.
    Invoke-Dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive `
        -File (Join-Path $Root 'src' "$ModuleName.Help" 'Build-MamlHelp.ps1') `
        -ModulePath (Join-Path $ModuleOut "$ModuleName.psd1") -DocsPath (Join-Path $Root 'docs' 'en-US') `
        -OutFile (Join-Path $ModuleOut 'en-US' "$ModuleName.dll-Help.xml")
    Write-Host "Module: $ModuleOut"
}

# The assemblies the first command loads into the module's load context, precompiled (ReadyToRun) so that it runs
# without JIT-compiling them. They go beside the IL, into ReadyToRun/net<major>.0-<os>-<arch>/, which only the loader
# on that runtime and platform reads (src/ApprovalTools.Loader): a ReadyToRun image for another OS or CPU does not
# load at all (BadImageFormatException), and Windows PowerShell 5.1 needs the IL. Only made on a linux-x64 build
# machine: the references are this pwsh's own runtime and $PSHOME, which the images are bound to.
$ReadyToRunAssemblies = 'ApprovalTools.Engine', 'AWSSDK.Core', 'AWSSDK.SecurityToken', 'AWSSDK.SSO', 'AWSSDK.SSOOIDC'

function Add-ReadyToRunImages {
    $crossgen = Get-Crossgen2
    if (-not $crossgen) {
        Write-Host "No ReadyToRun images: they are made on linux-x64 only; the module runs as IL." -ForegroundColor Yellow
        return
    }

    # What this runtime resolves (the shared framework and $PSHOME), then what only the module folder has.
    $platform = [AppContext]::GetData('TRUSTED_PLATFORM_ASSEMBLIES') -split [IO.Path]::PathSeparator | Where-Object { $_ }
    $platformNames = @($platform | ForEach-Object { [IO.Path]::GetFileNameWithoutExtension($_) })
    $own = Get-ChildItem $ModuleOut -Filter *.dll | Where-Object { $_.BaseName -notin $platformNames }
    $references = @($platform) + @($own.FullName)

    $runtime = "net$([Environment]::Version.Major).0-linux-x64"
    $target = Join-Path $ModuleOut 'ReadyToRun' $runtime
    New-Item $target -ItemType Directory -Force | Out-Null
    $scratch = Join-Path $OutputDir 'ReadyToRun'
    New-Item $scratch -ItemType Directory -Force | Out-Null
    # --opt-cross-module and --non-local-generics-module also precompile the framework generics our code instantiates
    # (async state machines, collections); the runtime checks each such body against the framework it runs on and
    # JIT-compiles the method instead if it differs.
    foreach ($name in $ReadyToRunAssemblies) {
        Invoke-Crossgen2 $crossgen (Join-Path $ModuleOut "$name.dll") (Join-Path $target "$name.dll") $references $scratch `
            -Option '--opt-cross-module:*', '--non-local-generics-module:*'
    }
    Write-Host "ReadyToRun ($runtime): $($ReadyToRunAssemblies -join ', ')"
}

# Crossgen2 as the SDK pairs it with its runtime (restored through build/ReadyToRun), or null off linux-x64.
function Get-Crossgen2 {
    $arch = [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture
    if (-not $IsLinux -or $arch -ne 'X64') { return $null }
    $project = Join-Path $Root 'build' 'ReadyToRun' 'ReadyToRun.csproj'
    $json = & dotnet msbuild $project -restore -nologo -t:ResolveFrameworkReferences -getItem:Crossgen2Pack
    if ($LASTEXITCODE -ne 0) { throw "Restoring the Crossgen2 package failed:`n$json" }
    $pack = ($json | Out-String | ConvertFrom-Json).Items.Crossgen2Pack[0]
    $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $crossgen = Join-Path $packages $pack.NuGetPackageId.ToLowerInvariant() $pack.NuGetPackageVersion 'tools' 'crossgen2'
    if (-not (Test-Path $crossgen)) { throw "Crossgen2 is not at $crossgen." }
    $crossgen
}

function Get-PesterModulePath {
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $path = Join-Path $packages.Trim() 'pester' $PesterVersion 'tools' 'Pester.psd1'
    if (-not (Test-Path $path)) { throw "Pester $PesterVersion was not restored to $path; run the Build task first." }
    $path
}

# The Pester files or folders -PesterPath names, as full paths: each value may list several, separated by commas, and
# each is a path (from the current location) or a name under tests/. A name that matches nothing stops the run.
function Resolve-PesterPath([string[]] $Value) {
    foreach ($item in @($Value -split ',' | ForEach-Object Trim | Where-Object { $_ })) {
        $candidates = @($item, (Join-Path $Root 'tests' $item), (Join-Path $Root 'tests' "$item.Tests.ps1"))
        $found = @($candidates | Where-Object { Test-Path $_ } | Select-Object -First 1)
        if (-not $found) { throw "-PesterPath '$item' names no test file or folder: give a path, or a name under tests/." }
        (Resolve-Path $found[0]).ProviderPath
    }
}

function Invoke-Test {
    # Checked before the build, so that a mistyped name fails at once.
    $paths = if ($PesterPath) { @(Resolve-PesterPath $PesterPath) } else { @(Join-Path $Root 'tests') }
    if (-not $paths) { throw '-PesterPath names no test file.' }
    Invoke-Build
    # The package tests install this, as users do.
    Publish-ModulePackage
    $results = Join-Path $OutputDir 'TestResults'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    New-Item $results -ItemType Directory | Out-Null

    Write-Host "== xunit" -ForegroundColor Cyan
    $trx = Join-Path $results 'xunit.trx'
    & dotnet test (Join-Path $Root 'tests' 'ApprovalTools.Tests') -c $Configuration --no-build -nologo `
        --logger "trx;LogFileName=$trx" --logger 'console;verbosity=normal'
    $xunitExit = $LASTEXITCODE
    $xunitPassed = 0; $xunitFailed = 0
    if (Test-Path $trx) {
        $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
        $xunitPassed = [int]$counters.passed
        $xunitFailed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    }
    elseif ($xunitExit -ne 0) { $xunitFailed = 1 } # the run died before it could report

    Write-Host "== Pester" -ForegroundColor Cyan
    # A fresh pwsh, so the suite imports the built module the way a user does.
    $pesterResult = Join-Path $results 'pester.json'
    $script = {
        param($PesterModule, $Paths, $ResultFile, $ModulePath, $EmulatorDll, $Packages)
        $env:APPROVALTOOLS_MODULE = $ModulePath
        $env:APPROVALTOOLS_EMULATOR = $EmulatorDll
        $env:APPROVALTOOLS_PACKAGES = $Packages
        Import-Module $PesterModule -Force
        $config = New-PesterConfiguration
        $config.Run.Path = $Paths
        $config.Run.PassThru = $true
        $config.Output.Verbosity = 'Detailed'
        $r = Invoke-Pester -Configuration $config
        @{ Passed = $r.PassedCount; Failed = $r.FailedCount + $r.FailedBlocksCount + $r.FailedContainersCount
            Skipped = $r.SkippedCount; Total = $r.TotalCount; Containers = @($r.Containers).Count } |
            ConvertTo-Json | Set-Content $ResultFile
    }
    & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $script -args `
        (Get-PesterModulePath), $paths, $pesterResult, (Join-Path $ModuleOut "$ModuleName.psd1"), $EmulatorDll, $PackageDir
    $pester = if (Test-Path $pesterResult) { Get-Content $pesterResult -Raw | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0; Total = 0; Containers = 0 } }
    # Pester was asked to run tests and ran none (no *.Tests.ps1 in the paths, or none of their tests ran): a failure,
    # never a green line made of the xunit figures alone.
    if ($pester.Total -eq 0 -and $pester.Failed -eq 0) {
        Write-Host "Pester ran no tests from $($paths -join ', ')." -ForegroundColor Red
        $pester.Failed = 1
    }

    $passed = $xunitPassed + $pester.Passed
    $failed = $xunitFailed + $pester.Failed
    Write-Host ("xunit: {0} passed, {1} failed; Pester: {2} passed, {3} failed, {4} skipped" -f
        $xunitPassed, $xunitFailed, $pester.Passed, $pester.Failed, $pester.Skipped)
    # The plain closing line CI reads.
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    $emulator = Start-LocalCodePipeline -EmulatorDll $EmulatorDll
    try {
        & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -File (Join-Path $Root 'tests' 'demo.ps1') `
            -ModulePath (Join-Path $ModuleOut "$ModuleName.psd1") -EndpointUrl $emulator.Url
        if ($LASTEXITCODE -ne 0) { throw "The demo failed (exit code $LASTEXITCODE)." }
    }
    finally {
        Stop-LocalCodePipeline $emulator
    }
}

function Invoke-Emulator {
    # Quiet build: the emulator's banner must be the first line this task prints.
    $log = & dotnet build (Join-Path $Root 'src' 'ApprovalTools.Emulator') -c $Configuration -nologo -v quiet 2>&1
    if ($LASTEXITCODE -ne 0) { $log | Out-Host; throw "Building the local CodePipeline failed." }
    $emulator = Start-LocalCodePipeline -EmulatorDll $EmulatorDll -Port $Port -RequestLog
    try {
        Write-Host $emulator.Banner
        # Its log, a line per AWS call, until Ctrl+C (which reaches the emulator too: it stops and closes its output).
        while ($null -ne ($line = $emulator.Process.StandardOutput.ReadLine())) { Write-Host $line }
    }
    finally {
        Stop-LocalCodePipeline $emulator
    }
}

function Invoke-Bench {
    Invoke-Build
    # A fresh pwsh, so the module loads the way a user's session loads it.
    $extra = @()
    if ($BenchSection) { $extra += '-Section', ($BenchSection -join ',') }
    if ($LongThrottle) { $extra += '-LongThrottle' }
    # For a reference: PowerShell precompiled as its official packages ship it (tests/bench/Core.ps1).
    if ($crossgen = Get-Crossgen2) { $extra += '-Crossgen2', $crossgen }
    & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File (Join-Path $Root 'tests' 'Benchmark.ps1') `
        -ModulePath (Join-Path $ModuleOut "$ModuleName.psd1") -EmulatorDll $EmulatorDll @extra
    if ($LASTEXITCODE -ne 0) { throw "The benchmark failed (exit code $LASTEXITCODE)." }
}

function Invoke-Package {
    Invoke-Build
    Publish-ModulePackage
}

# Writes output/packages/ApprovalTools.<version>.nupkg from the built module, as PSResourceGet publishes it.
function Publish-ModulePackage {
    $packages = $PackageDir
    if (Test-Path $packages) { Remove-Item $packages -Recurse -Force }
    New-Item $packages -ItemType Directory | Out-Null
    # A file repository registered only for the publish (PSResourceGet keeps its repositories per user).
    $repository = "ApprovalTools-build-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
    Register-PSResourceRepository -Name $repository -Uri $packages -Trusted
    try {
        Publish-PSResource -Path $ModuleOut -Repository $repository -SkipDependenciesCheck
    }
    finally {
        Unregister-PSResourceRepository -Name $repository
    }
    $nupkg = Get-ChildItem $packages -Filter "$ModuleName.$Version.nupkg"
    if (-not $nupkg) { throw "Publish-PSResource wrote no $ModuleName.$Version.nupkg to $packages." }
    Write-Host "Package: $($nupkg.FullName)"
}

function Invoke-Clean {
    if (Test-Path $OutputDir) { Remove-Item $OutputDir -Recurse -Force }
    Invoke-Dotnet clean (Join-Path $Root "$ModuleName.sln") -c $Configuration -nologo -v quiet
}

foreach ($t in $Task) { & "Invoke-$t" }
