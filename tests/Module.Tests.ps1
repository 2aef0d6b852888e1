BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'aws.ps1')
    $script:Emulator = Start-TestEmulator
}
AfterAll { Stop-TestEmulator $script:Emulator }

Describe 'The ApprovalTools module' {
    It 'has a valid manifest that exports exactly the three cmdlets' {
        $manifest = Test-ModuleManifest $ModulePath
        $manifest.Name | Should -Be 'ApprovalTools'
        ($manifest.ExportedCmdlets.Keys | Sort-Object) | Should -Be @('Approve-PipelineAction', 'Deny-PipelineAction', 'Get-ApprovalHistory', 'Get-PendingApproval')
        (Get-Command -Module ApprovalTools).Name | Sort-Object | Should -Be @('Approve-PipelineAction', 'Deny-PipelineAction', 'Get-ApprovalHistory', 'Get-PendingApproval')
    }

    It 'declares what a gallery shows: editions, PowerShell version, formats, description, tags, release notes, licence' {
        $manifest = Test-ModuleManifest $ModulePath
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be ([version]'5.1')
        $manifest.ExportedFormatFiles | Split-Path -Leaf | Should -Be 'ApprovalTools.Format.ps1xml'
        $manifest.Description.Length | Should -BeGreaterThan 100
        $manifest.Tags | Should -Contain 'AWS'
        $manifest.Tags | Should -Contain 'CodePipeline'
        $manifest.ReleaseNotes | Should -Match $manifest.Version.ToString()
        $manifest.LicenseUri | Should -Be 'https://www.apache.org/licenses/LICENSE-2.0'
        foreach ($license in (Join-Path $RepoRoot 'LICENSE'), (Join-Path (Split-Path $ModulePath) 'LICENSE')) {
            $license | Should -Exist
            (Get-Content $license -TotalCount 3) -join ' ' | Should -Match 'Apache License\s+Version 2\.0, January 2004'
        }
    }

    It 'imports as a binary module in the default context, and puts the engine and the AWS SDK in a load context of their own on first use' -Skip:($PSEdition -ne 'Core') {
        $alc = [System.Runtime.Loader.AssemblyLoadContext]
        $module = [ApprovalTools.PendingApproval].Assembly
        $alc::GetLoadContext($module) | Should -Be $alc::Default
        (Get-Module ApprovalTools).ModuleType | Should -Be 'Binary'
        # No AWS SDK type on the cmdlets' side: the assembly PowerShell imports references none.
        $module.GetReferencedAssemblies().Name | Should -Not -Contain 'AWSSDK.Core'
        # Nor a load context: Windows PowerShell (.NET Framework) has none, and must still see every type of it.
        $module.GetReferencedAssemblies().Name | Should -Not -Contain 'System.Runtime.Loader'
        $module.GetTypes() | Where-Object { [System.Runtime.Loader.AssemblyLoadContext].IsAssignableFrom($_) } | Should -BeNullOrEmpty

        $null = Get-PendingApproval -PipelineName web-frontend
        $engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'ApprovalTools.Engine' }
        @($engine).Count | Should -Be 1
        $context = $alc::GetLoadContext($engine)
        $context.GetType().FullName | Should -Be 'ApprovalTools.Loader.ModuleLoadContext'
        $ours = @($context.Assemblies)
        # From the module folder, or its ReadyToRun image for this runtime where build.ps1 made one (linux-x64).
        $image = Join-Path (Split-Path $ModulePath) 'ReadyToRun' "net$([Environment]::Version.Major).0-linux-x64" 'AWSSDK.Core.dll'
        $expected = if ($IsLinux -and [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture -eq 'X64' -and (Test-Path $image)) {
            $image
        } else { Join-Path (Split-Path $ModulePath) 'AWSSDK.Core.dll' }
        ($ours | Where-Object { $_.GetName().Name -eq 'AWSSDK.Core' }).Location | Should -Be $expected
        # The engine sees the one ApprovalTools.dll PowerShell imported, not a copy of its own.
        $ours.GetName().Name | Should -Not -Contain 'ApprovalTools'
        $engine.GetType('ApprovalTools.Engine.AnswerPipelineActionWorker', $true).GetConstructors()[0].GetParameters()[0].ParameterType.Assembly | Should -Be $module
    }

    It 'loads nothing of the AWS SDK at Import-Module, nor for Get-Command and Get-Help, only at the first command' {
        $loaded = Invoke-FreshPwsh -Environment @{ EMULATOR = $Emulator.Url } -Script @'
function Loaded { @([AppDomain]::CurrentDomain.GetAssemblies().GetName().Name | Where-Object { $_ -like 'AWSSDK*' -or $_ -like 'ApprovalTools*' } | Sort-Object) }
Import-Module $ModulePath
$r = [ordered]@{ Import = Loaded }
$null = Get-Command -Module ApprovalTools; $null = Get-Help Approve-PipelineAction -Full
$r.Help = Loaded
$found = Get-PendingApproval -PipelineName web-frontend -AccessKey AKIDAPPROVALTOOLS -SecretKey approvaltools-local-secret -Region us-east-1 -EndpointUrl $env:EMULATOR
$r.Found = $found.ActionName
$r.Command = Loaded
$r | ConvertTo-Json -Compress
'@
        @($loaded.Import) | Should -Be @('ApprovalTools')
        @($loaded.Help) | Should -Be @('ApprovalTools')
        $loaded.Found | Should -Be 'ManualApproval'
        $loaded.Command | Should -Contain 'ApprovalTools.Engine'
        $loaded.Command | Should -Contain 'AWSSDK.Core'
    }

    It 'says plainly that the installation is damaged when <File> is missing, at every command, and imports all the same' -ForEach @(
        @{ File = 'ApprovalTools.Engine.dll' }
        @{ File = 'AWSSDK.Core.dll' }
    ) {
        $damaged = Join-Path ([System.IO.Path]::GetTempPath()) "approvaltools-damaged-$([guid]::NewGuid().ToString('n'))"
        Copy-Item (Split-Path $ModulePath) $damaged -Recurse
        Remove-Item (Join-Path $damaged $File)
        try {
            $result = Invoke-FreshPwsh -Environment @{ EMULATOR = $Emulator.Url; DAMAGED = (Join-Path $damaged 'ApprovalTools.psd1') } -Script @'
$null = Invoke-RestMethod -Method Post "$env:EMULATOR/_emulator/reset"
Import-Module $env:DAMAGED
$keys = @{ AccessKey = 'AKIDAPPROVALTOOLS'; SecretKey = 'approvaltools-local-secret'; Region = 'us-east-1'; EndpointUrl = $env:EMULATOR }
[ordered]@{
    Get     = Invoke-Case { Get-PendingApproval @keys }
    Approve = Invoke-Case { Approve-PipelineAction web-api Approval ReleaseApproval -Force @keys }
    Calls   = @((Invoke-RestMethod "$env:EMULATOR/_emulator/calls") | ForEach-Object { $_ }).Count
} | ConvertTo-Json -Depth 6 -Compress
'@
            foreach ($step in 'Get', 'Approve') {
                $result.$step.Output | Should -BeNullOrEmpty
                $result.$step.Errors.Id | Should -Be 'ModuleEngineNotLoaded'
                $result.$step.Errors.Category | Should -Be 'ResourceUnavailable'
                $result.$step.Errors.Message | Should -BeLike "*could not load ApprovalTools.Engine.dll and the AWS SDK*$($File -replace '\.dll$')*Reinstall the module, then start a new PowerShell session."
            }
            $result.Calls | Should -Be 0
        }
        finally { Remove-Item $damaged -Recurse -Force -ErrorAction Ignore }
    }

    It 'stays one module and one type across Import-Module -Force' {
        $before = [ApprovalTools.PendingApproval]
        Import-Module $ModulePath -Force
        [ApprovalTools.PendingApproval] | Should -Be $before
        (Get-Command -Module ApprovalTools).Name | Sort-Object | Should -Be @('Approve-PipelineAction', 'Deny-PipelineAction', 'Get-ApprovalHistory', 'Get-PendingApproval')
        (Get-Command Get-PendingApproval).ImplementingType.Assembly | Should -Be $before.Assembly
        @(Get-Module ApprovalTools -All).Count | Should -Be 1
        (Get-PendingApproval -PipelineName web-frontend).ActionName |
            Should -Be 'ManualApproval'
    }

    It 'takes its version from the one manifest' {
        $version = (Import-PowerShellDataFile (Join-Path $RepoRoot 'ApprovalTools.psd1')).ModuleVersion
        (Get-Module ApprovalTools).Version | Should -Be $version
        [ApprovalTools.PendingApproval].Assembly.GetName().Version.ToString(3) | Should -Be $version
    }

    It 'ships no System.Management.Automation of its own' {
        Join-Path (Split-Path $ModulePath) 'System.Management.Automation.dll' | Should -Not -Exist
    }

    It 'declares its output types' {
        (Get-Command Get-PendingApproval).OutputType.Type | Should -Be ([ApprovalTools.PendingApproval])
        (Get-Command Approve-PipelineAction).OutputType.Type | Should -Be ([ApprovalTools.ApprovalResult])
        (Get-Command Deny-PipelineAction).OutputType.Type | Should -Be ([ApprovalTools.ApprovalResult])
    }

    It 'answers with ConfirmImpact High' {
        foreach ($name in 'Approve-PipelineAction', 'Deny-PipelineAction') {
            $attr = (Get-Command $name).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
            $attr.ConfirmImpact | Should -Be 'High'
            $attr.SupportsShouldProcess | Should -BeTrue
        }
    }

    It 'formats a PendingApproval as a table with the waiting time, expiry and revision' {
        $p = [ApprovalTools.PendingApproval]@{
            PipelineName = 'web-api'; StageName = 'Approval'; ActionName = 'ManualApproval'
            RequestedAt = [datetime]::UtcNow.AddHours(-3); ExpiresAt = [datetime]::UtcNow.AddHours(-3).AddDays(7)
            Revisions = @([ApprovalTools.SourceRevision]@{ ArtifactName = 'Source'; RevisionId = 'abc123'; Summary = "Add health check`nmore lines" })
        }
        $text = $p | Format-Table | Out-String -Width 200
        $text | Should -Match 'PipelineName\s+StageName\s+ActionName\s+WaitingFor\s+ExpiresIn\s+Revision'
        $text | Should -Match 'web-api\s+Approval\s+ManualApproval\s+3h 00m\s+6d 2[0-9]h\s+Add health check'
        $list = $p | Format-List | Out-String -Width 200
        $list | Should -Match 'Revisions\s+:\s+Source abc123: Add health check'
    }

    It 'formats an ApprovalResult as a table' {
        $r = [ApprovalTools.ApprovalResult]@{ PipelineName = 'web-api'; StageName = 'Approval'; ActionName = 'ManualApproval'; Status = 'Approved'; Summary = 'ok' }
        ($r | Format-Table | Out-String -Width 200) | Should -Match 'web-api\s+Approval\s+ManualApproval\s+Approved\s+ok'
    }
}
