# An approval is answered as the identity, in the region and at the endpoint it was listed with, however it travelled
# (piped, Import-Clixml, Import-Csv, a job); what the local CodePipeline recorded (region and access key of each
# signature) is the proof.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'aws.ps1')
    $script:Emulator = Start-TestEmulator
    Add-EmulatorCredential $Emulator 'AKIDGOODPROFILE' 'good-profile-secret'
    Add-EmulatorCredential $Emulator 'AKIDGIVENKEYS' 'given-keys-secret'

    # A profile that exists only in a file of its own, named by a relative path.
    $script:CredsDir = Join-Path $TestDrive 'identity'
    New-Item $CredsDir -ItemType Directory | Out-Null
    $script:CredsFile = Join-Path $CredsDir 'creds.ini'
    Set-Content $CredsFile "[good]`naws_access_key_id = AKIDGOODPROFILE`naws_secret_access_key = good-profile-secret`n"
    $script:Keys = @{ AccessKey = 'AKIDGIVENKEYS'; SecretKey = 'given-keys-secret' }

    # Lists web-api's approval with the identity given, in a region other than the session's (us-east-1).
    function Get-WebApiApproval([hashtable] $Identity = @{}) {
        Get-PendingApproval -PipelineName web-api -Region eu-west-3 @Identity
    }
    function Get-Answer { @(Get-EmulatorCall $Emulator PutApprovalResult) }
    function Get-Applied { [int](Get-EmulatorApproval $Emulator | Measure-Object applied -Sum).Sum }
}
AfterAll { Stop-TestEmulator $Emulator }

Describe 'The identity an approval was listed with answers it' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'answers an approval listed with -ProfileName and a relative -ProfileLocation from that profile in that file' {
        Push-Location $CredsDir
        try { $approval = Get-WebApiApproval @{ ProfileName = 'good'; ProfileLocation = './creds.ini' } }
        finally { Pop-Location }
        $approval.ProfileName | Should -Be 'good'
        $approval.ProfileLocation | Should -Be $CredsFile
        $approval.AccessKeyId | Should -BeNullOrEmpty

        # Elsewhere, with no 'good' profile in the default files: the object says where the profile is.
        $result = $approval | Approve-PipelineAction -Force
        $result.Status | Should -Be 'Approved'
        $result.ProfileName | Should -Be 'good'
        $result.ProfileLocation | Should -Be $CredsFile
        $result.AccessKeyId | Should -Be 'AKIDGOODPROFILE'
        (Get-Answer).accessKeyId | Should -Be 'AKIDGOODPROFILE'
        (Get-Answer).region | Should -Be 'eu-west-3'
    }

    It 'refuses to answer, as another identity, an approval listed with keys given directly' {
        $approval = Get-WebApiApproval $Keys
        $approval.AccessKeyId | Should -Be 'AKIDGIVENKEYS'
        $approval.ProfileName | Should -BeNullOrEmpty

        # The session's own keys (AKIDAPPROVALTOOLS) would work at the service: they must not answer it.
        $null = Invoke-EmulatorControl $Emulator DELETE calls
        $out = $approval | Approve-PipelineAction -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'IdentityMismatch,*'
        $errs[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $errs[0].Exception.Message | Should -BeLike '*AKIDGIVENKEYS*AKIDAPPROVALTOOLS*Nothing was answered*'
        $errs[0].Exception.Message | Should -Not -Match 'given-keys-secret'
        Get-EmulatorCall $Emulator | Should -BeNullOrEmpty

        # The same keys given again answer it.
        $result = $approval | Approve-PipelineAction -Force @Keys
        $result.AccessKeyId | Should -Be 'AKIDGIVENKEYS'
        (Get-Answer).accessKeyId | Should -Be 'AKIDGIVENKEYS'
        (Get-Answer).region | Should -Be 'eu-west-3'
    }

    It 'answers an approval listed with the session''s keys as before, and checks -ExpectedAccessKeyId given by hand' {
        $approval = Get-WebApiApproval
        $approval.AccessKeyId | Should -Be $LocalAccessKey
        $out = Deny-PipelineAction -InputObject $approval -ExpectedAccessKeyId AKIDSOMEONEELSE -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'IdentityMismatch,*'
        (Deny-PipelineAction -InputObject $approval -Force).Status | Should -Be 'Rejected'
        (Get-Answer).accessKeyId | Should -Be $LocalAccessKey
    }

    It 'lets parameters on the command line win over the object''s: -Region, and credentials as a whole' {
        $approval = Get-WebApiApproval @{ ProfileName = 'good'; ProfileLocation = $CredsFile }
        $result = $approval | Approve-PipelineAction -Force @Keys -Region eu-south-1
        $result.Region | Should -Be 'eu-south-1'
        $result.ProfileName | Should -BeNullOrEmpty
        (Get-Answer).accessKeyId | Should -Be 'AKIDGIVENKEYS'
        (Get-Answer).region | Should -Be 'eu-south-1'
    }

    It 'sends the answer to the endpoint the approval was listed at' {
        $approval = Get-WebApiApproval
        $approval.EndpointUrl | Should -Be $Emulator.Url
        $saved = $global:PSDefaultParameterValues['Approve-PipelineAction:EndpointUrl']
        $global:PSDefaultParameterValues.Remove('Approve-PipelineAction:EndpointUrl')
        try { $result = $approval | Approve-PipelineAction -Force }
        finally { $global:PSDefaultParameterValues['Approve-PipelineAction:EndpointUrl'] = $saved }
        $result.EndpointUrl | Should -Be $Emulator.Url
        @(Get-Answer).Count | Should -Be 1
    }

    It 'says with -Verbose which region, credentials and endpoint answer, and where each came from' {
        $approval = Get-WebApiApproval @{ ProfileName = 'good'; ProfileLocation = $CredsFile }
        $verbose = ($approval | Approve-PipelineAction -Force -Verbose 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
        $verbose | Should -Match 'region eu-west-3 \(from the piped approval\)'
        $verbose | Should -Match "credentials from the profile 'good' \(from the piped approval\) \(keys\) in .*creds\.ini"
        $verbose | Should -Match 'access key id AKIDGOODPROFILE; the endpoint is from the -EndpointUrl parameter'
        $verbose | Should -Match ([regex]::Escape("endpoint $($Emulator.Url)."))
        $verbose | Should -Not -Match 'good-profile-secret'

        Reset-Emulator $Emulator
        $approval = Get-WebApiApproval
        $verbose = ($approval | Approve-PipelineAction -Force -Region eu-west-3 -Verbose 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
        $verbose | Should -Match 'region eu-west-3 \(from the -Region parameter\)'
    }
}

Describe 'Approvals that travel keep their region and identity' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'answers approvals back from <Way> in their own region, with their own profile' -TestCases @(
        @{ Way = 'Export-Clixml and Import-Clixml'; Travel = { param($a) $a | Export-Clixml (Join-Path $TestDrive 'a.xml'); Import-Clixml (Join-Path $TestDrive 'a.xml') } }
        @{ Way = 'Export-Csv and Import-Csv'; Travel = { param($a) $a | Export-Csv (Join-Path $TestDrive 'a.csv'); Import-Csv (Join-Path $TestDrive 'a.csv') } }
    ) {
        $approval = Get-WebApiApproval @{ ProfileName = 'good'; ProfileLocation = $CredsFile }
        $back = & $Travel $approval
        $back | Should -Not -BeOfType [ApprovalTools.PendingApproval]
        $result = $back | Approve-PipelineAction -Force
        $result.Region | Should -Be 'eu-west-3'
        $result.ProfileName | Should -Be 'good'
        $result.PipelineExecutionId | Should -Be $approval.PipelineExecutionId
        (Get-Answer).region | Should -Be 'eu-west-3'
        (Get-Answer).accessKeyId | Should -Be 'AKIDGOODPROFILE'
        (Get-Answer).token | Should -Be $approval.Token
    }

    It 'answers approvals listed in a job (Start-Job, Receive-Job) in their own region, with their own profile' {
        $job = Start-Job -ScriptBlock {
            param($Module, $Url, $File)
            Import-Module $Module
            Get-PendingApproval -PipelineName web-api -Region eu-west-3 -EndpointUrl $Url -ProfileName good -ProfileLocation $File
        } -ArgumentList $ModulePath, $Emulator.Url, $CredsFile
        $back = $job | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop
        @($back).Count | Should -Be 1
        $back.PSObject.TypeNames[0] | Should -Be 'Deserialized.ApprovalTools.PendingApproval'
        $result = $back | Deny-PipelineAction -Force
        $result.Status | Should -Be 'Rejected'
        (Get-Answer).region | Should -Be 'eu-west-3'
        (Get-Answer).accessKeyId | Should -Be 'AKIDGOODPROFILE'
    }

    It 'refuses an exported approval listed with keys given directly when no credentials are given, as <Way>' -TestCases @(
        @{ Way = 'Clixml'; Travel = { param($a) $a | Export-Clixml (Join-Path $TestDrive 'k.xml'); Import-Clixml (Join-Path $TestDrive 'k.xml') } }
        @{ Way = 'CSV'; Travel = { param($a) $a | Export-Csv (Join-Path $TestDrive 'k.csv'); Import-Csv (Join-Path $TestDrive 'k.csv') } }
    ) {
        $back = & $Travel (Get-WebApiApproval $Keys)
        $out = $back | Approve-PipelineAction -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'IdentityMismatch,*'
        Get-Answer | Should -BeNullOrEmpty
        Get-Applied | Should -Be 0

        ($back | Approve-PipelineAction -Force @Keys).Region | Should -Be 'eu-west-3'
        (Get-Answer).accessKeyId | Should -Be 'AKIDGIVENKEYS'
    }

    It 'takes the region of any row by property name, and empty identity values as none' {
        $approval = Get-WebApiApproval
        $row = [pscustomobject]@{
            PipelineName = 'web-api'; StageName = 'Approval'; ActionName = 'ReleaseApproval'; Token = $approval.Token
            Region = 'ap-northeast-3'; ProfileName = ''; ProfileLocation = ''; EndpointUrl = ''; AccessKeyId = ''
        }
        ($row | Approve-PipelineAction -Force).Region | Should -Be 'ap-northeast-3'
        (Get-Answer).region | Should -Be 'ap-northeast-3'
        (Get-Answer).accessKeyId | Should -Be $LocalAccessKey
    }

    It 'still refuses an empty -<Parameter> typed on the command line, before any call' -TestCases @(
        @{ Parameter = 'Region' }, @{ Parameter = 'ProfileName' }, @{ Parameter = 'EndpointUrl' }
    ) {
        $null = Invoke-EmulatorControl $Emulator DELETE calls
        $p = @{ $Parameter = '' }
        { Approve-PipelineAction web-api Approval ReleaseApproval -Force @p -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Get-EmulatorCall $Emulator | Should -BeNullOrEmpty
    }
}

Describe '-SessionToken without keys' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'is IncompleteCredentials before any call, for <Command>' -TestCases @(
        @{ Command = 'Get-PendingApproval'; Run = { Get-PendingApproval web-api -SessionToken some-token } }
        @{ Command = 'Approve-PipelineAction'; Run = { Approve-PipelineAction web-api Approval ReleaseApproval -Force -SessionToken some-token } }
    ) {
        $null = Invoke-EmulatorControl $Emulator DELETE calls
        $ErrorActionPreference = 'Continue'
        $all = & $Run 2>&1
        $errs = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'IncompleteCredentials,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].Exception.Message | Should -BeLike '*-SessionToken*-AccessKey*-SecretKey*'
        Get-EmulatorCall $Emulator | Should -BeNullOrEmpty
    }
}
