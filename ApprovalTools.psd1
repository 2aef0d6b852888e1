@{
    # The module version lives here and only here: build.ps1 stamps it on the assemblies and the output folder.
    ModuleVersion        = '0.1.0'
    # The cmdlets; they load ApprovalTools.Engine.dll and the AWS SDK (on PowerShell 7 into an AssemblyLoadContext of
    # their own) on first use, which keeps Import-Module cheap.
    RootModule           = 'ApprovalTools.dll'
    GUID                 = '5b0c3f8e-8f7a-4f43-9d3e-2a4c0f6f7d11'
    Author               = 'ApprovalTools contributors'
    CompanyName          = 'ApprovalTools'
    Copyright            = '(c) ApprovalTools contributors. Apache License 2.0.'
    Description          = 'Find and answer AWS CodePipeline manual approvals from PowerShell without handling tokens: Get-PendingApproval lists what is waiting (with the commit, custom data and expiry) in one or several regions and accounts, Approve-PipelineAction and Deny-PipelineAction answer exactly the run that was listed, with -WhatIf/-Confirm and pipeline input. Takes credentials and regions the way AWS Tools for PowerShell do (profiles, IAM Identity Center, assume-role, Set-AWSCredential) and works in the same session as them. PowerShell 7 and Windows PowerShell 5.1.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('ApprovalTools.Format.ps1xml')
    CmdletsToExport      = @('Get-PendingApproval', 'Approve-PipelineAction', 'Deny-PipelineAction', 'Get-ApprovalHistory')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('AWS', 'CodePipeline', 'Approval', 'DevOps', 'CI', 'CD', 'Release', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            # build.ps1 writes the CHANGELOG.md section of ModuleVersion here in the built manifest.
            ReleaseNotes = ''
        }
    }
}
