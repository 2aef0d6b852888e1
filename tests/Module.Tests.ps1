BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
}

Describe 'The ApprovalTools module' {
    It 'has a valid manifest that exports exactly the three cmdlets' {
        $manifest = Test-ModuleManifest $ModulePath
        $manifest.Name | Should -Be 'ApprovalTools'
        ($manifest.ExportedCmdlets.Keys | Sort-Object) | Should -Be @('Approve-PipelineAction', 'Deny-PipelineAction', 'Get-PendingApproval')
        (Get-Command -Module ApprovalTools).Name | Sort-Object | Should -Be @('Approve-PipelineAction', 'Deny-PipelineAction', 'Get-PendingApproval')
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

    It 'loads its assemblies into a load context of its own, and stays one type across Import-Module -Force' -Skip:($PSEdition -ne 'Core') {
        $before = [ApprovalTools.PendingApproval]
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($before.Assembly).GetType().FullName | Should -Be 'ApprovalTools.Loader.ModuleLoadContext'
        $core = $before.Assembly.GetReferencedAssemblies() | Where-Object Name -eq 'AWSSDK.Core'
        $loadedCore = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AWSSDK.Core' -and
            [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_) -eq [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($before.Assembly) }
        $core | Should -Not -BeNullOrEmpty
        $loadedCore.Location | Should -Be (Join-Path (Split-Path $ModulePath) 'AWSSDK.Core.dll')

        Import-Module $ModulePath -Force
        [ApprovalTools.PendingApproval] | Should -Be $before
        (Get-Command -Module ApprovalTools).Name | Sort-Object | Should -Be @('Approve-PipelineAction', 'Deny-PipelineAction', 'Get-PendingApproval')
        (Get-Command Get-PendingApproval).ImplementingType.Assembly | Should -Be $before.Assembly
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
