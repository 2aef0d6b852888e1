# Loads ApprovalTools.dll. On PowerShell 7 it goes, with the AWS SDK it ships, into an AssemblyLoadContext of its
# own (ApprovalTools.Loader.dll), so AWS Tools for PowerShell and their own AWSSDK.Core can be used in the same
# session, imported before or after this module. Windows PowerShell 5.1 has no load contexts: there the assemblies
# load from this folder as for any binary module.
if ($PSEdition -eq 'Core') {
    if (-not ('ApprovalTools.Loader.ModuleLoadContext' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot 'ApprovalTools.Loader.dll')
    }
    # The same assembly on every import of this folder, so [ApprovalTools.PendingApproval] stays one type.
    $moduleAssembly = [ApprovalTools.Loader.ModuleLoadContext]::LoadModule($PSScriptRoot)

    # Import-Module -Force leaves the previous import's nested binary module behind, and importing the same
    # assembly again would then hand back that stale module without adding its cmdlets here (PowerShell issue
    # 20710): remove it first.
    Get-Module -All | Where-Object ImplementingAssembly -EQ $moduleAssembly | Remove-Module -Force
    Import-Module -Assembly $moduleAssembly
}
else {
    Import-Module (Join-Path $PSScriptRoot 'ApprovalTools.dll')
}
