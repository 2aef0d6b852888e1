# The package users install: build.ps1 Package (which the Test task runs) publishes the module with PSResourceGet
# to output/packages; here that folder is registered as a repository, the module installed from it into a
# temporary HOME, and a fresh pwsh imports it by name and lists approvals from the local CodePipeline.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'aws.ps1')
    Import-Module (Join-Path $RepoRoot 'build' 'ReleaseNotes.psm1') -Force
    $script:Version = (Import-PowerShellDataFile (Join-Path $RepoRoot 'ApprovalTools.psd1')).ModuleVersion
    $script:Packages = if ($env:APPROVALTOOLS_PACKAGES) { $env:APPROVALTOOLS_PACKAGES } else { Join-Path $RepoRoot 'output' 'packages' }
    $script:Emulator = Start-TestEmulator
    $script:UserHome = New-AwsHome -Config ''
    # A user's own session: nothing of the build's module path or of this session's AWS settings.
    $script:UserEnvironment = @{
        PSModulePath = $null; XDG_DATA_HOME = $null; XDG_CONFIG_HOME = $null; XDG_CACHE_HOME = $null
        AWS_ACCESS_KEY_ID = $LocalAccessKey; AWS_SECRET_ACCESS_KEY = $LocalSecretKey; AWS_REGION = 'us-east-1'
        AWS_ENDPOINT_URL_CODEPIPELINE = $Emulator.Url; PACKAGES = $Packages
    }
}
AfterAll {
    Stop-TestEmulator $script:Emulator
    if ($script:UserHome) { Remove-Item $script:UserHome -Recurse -Force -ErrorAction Ignore }
}

Describe 'The ApprovalTools package' {
    It 'is a nupkg with the module, its LICENSE and its help' {
        $nupkg = Join-Path $Packages "ApprovalTools.$Version.nupkg"
        $nupkg | Should -Exist -Because 'build.ps1 Package (or Test) writes it'
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($nupkg)
        try { $entries = $zip.Entries.FullName } finally { $zip.Dispose() }
        foreach ($file in 'ApprovalTools.psd1', 'ApprovalTools.dll', 'ApprovalTools.Loader.dll', 'ApprovalTools.Engine.dll', 'AWSSDK.Core.dll',
            'AWSSDK.SecurityToken.dll', 'AWSSDK.SSO.dll', 'ApprovalTools.Format.ps1xml', 'LICENSE', 'en-US/ApprovalTools.dll-Help.xml') {
            $entries | Should -Contain $file
        }
        $entries | Should -Not -Contain 'System.Management.Automation.dll'
    }

    It 'carries the CHANGELOG.md section of its version as release notes, in the built manifest and the package' {
        $section = Get-ChangelogSection -Path (Join-Path $RepoRoot 'CHANGELOG.md') -Version $Version
        $section.StartsWith("## [$Version]") | Should -BeTrue
        $section | Should -Match '(?m)^### Added$'
        $section | Should -Not -Match '\[Unreleased\]'
        (Import-PowerShellDataFile $ModulePath).PrivateData.PSData.ReleaseNotes | Should -BeExactly $section

        $nupkg = Join-Path $Packages "ApprovalTools.$Version.nupkg"
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($nupkg)
        try {
            $reader = [IO.StreamReader]::new($zip.GetEntry('ApprovalTools.nuspec').Open())
            try { $nuspec = [xml]$reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }
        $nuspec.package.metadata.releaseNotes -replace '\r\n', "`n" | Should -BeExactly $section
    }

    It 'reads exactly one version''s section of a changelog, and refuses a version it has none for' {
        $changelog = Join-Path $TestDrive 'CHANGELOG.md'
        Set-Content $changelog -Value @(
            '# Changelog', '', '## [Unreleased]', '', '- next', '', '## [1.10.0] - 2026-01-02', '', '### Fixed', '',
            '- ten', '', '## [1.1.0] - 2025-12-01', '', '- one', '', '[1.10.0]: https://example.com/1.10.0')
        Get-ChangelogSection $changelog '1.10.0' | Should -BeExactly "## [1.10.0] - 2026-01-02`n`n### Fixed`n`n- ten"
        Get-ChangelogSection $changelog '1.1.0' | Should -BeExactly "## [1.1.0] - 2025-12-01`n`n- one"
        { Get-ChangelogSection $changelog '1.2.0' } | Should -Throw '*0 sections for version 1.2.0*'
    }

    It 'installs with Install-PSResource from a local repository and works in a fresh pwsh by name' {
        $installed = Invoke-FreshPwsh -HomeDir $UserHome -Environment $UserEnvironment -Script @'
Register-PSResourceRepository -Name LocalApprovalTools -Uri $env:PACKAGES -Trusted
Install-PSResource ApprovalTools -Repository LocalApprovalTools -Scope CurrentUser -TrustRepository -Quiet
$info = Get-InstalledPSResource ApprovalTools
@{ Name = $info.Name; Version = "$($info.Version)"; Location = $info.InstalledLocation } | ConvertTo-Json -Compress
'@
        $installed.Name | Should -Be 'ApprovalTools'
        $installed.Version | Should -Be $Version
        $installed.Location | Should -BeLike "$UserHome*"

        $used = Invoke-FreshPwsh -HomeDir $UserHome -Environment $UserEnvironment -Script @'
Import-Module ApprovalTools
$module = Get-Module ApprovalTools
[ordered]@{
    Base     = $module.ModuleBase
    Version  = "$($module.Version)"
    Commands = @((Get-Command -Module ApprovalTools).Name | Sort-Object)
    License  = Test-Path (Join-Path $module.ModuleBase 'LICENSE')
    Pending  = Invoke-Case { Get-PendingApproval }
    Help     = (Get-Help Get-PendingApproval).Synopsis
} | ConvertTo-Json -Depth 6 -Compress
'@
        $used.Base | Should -BeLike "$UserHome*"
        $used.Version | Should -Be $Version
        $used.Commands | Should -Be @('Approve-PipelineAction', 'Deny-PipelineAction', 'Get-ApprovalHistory', 'Get-PendingApproval')
        $used.License | Should -BeTrue
        $used.Pending.Errors | Should -BeNullOrEmpty
        ($used.Pending.Output.Pipeline | Sort-Object -Unique) | Should -Be @('infra-parallel', 'mobile-release', 'web-api', 'web-frontend')
        $used.Help | Should -Not -BeNullOrEmpty
    }
}
