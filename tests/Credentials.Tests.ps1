# Which credentials and region win, in the order AWS Tools for PowerShell documents, seen from the emulator's side
# (the access key each call was signed with) and from the output (the region each approval carries).
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'aws.ps1')
    $script:Emulator = Start-TestEmulator
    foreach ($key in 'AKIDPARAMETER', 'AKIDCREDENTIAL', 'AKIDPROFILE', 'AKIDSTORED', 'AKIDSECOND') {
        Add-EmulatorCredential $Emulator $key "$key-secret".ToLowerInvariant()
    }

    # Profiles in a file of their own (-ProfileLocation): the shared files are read once per process.
    $script:ProfileDir = Join-Path $TestDrive 'aws'
    New-Item $ProfileDir -ItemType Directory | Out-Null
    $script:ProfileFile = Join-Path $ProfileDir 'credentials'
    Set-Content $ProfileFile @'
[first]
aws_access_key_id = AKIDPROFILE
aws_secret_access_key = akidprofile-secret

[second]
aws_access_key_id = AKIDSECOND
aws_secret_access_key = akidsecond-secret

[default]
aws_access_key_id = AKIDSECOND
aws_secret_access_key = akidsecond-secret
'@
    Set-Content (Join-Path $ProfileDir 'config') @'
[profile first]
region = eu-central-1

[profile second]
region = ap-northeast-1
'@

    # What AWS.Tools' Set-AWSCredential leaves in $StoredAWSCredentials: an AWSPSCredentials whose Credentials and
    # Name are internal, holding AWSCredentials of AWS.Tools' own AWSSDK.Core (a type ApprovalTools cannot name).
    Add-Type -TypeDefinition @'
namespace Amazon.PowerShell.Common
{
    public sealed class AWSPSCredentials
    {
        internal AWSPSCredentials(object credentials, string name) { Credentials = credentials; Name = name; }
        internal object Credentials { get; private set; }
        internal string Name { get; private set; }
        public override string ToString() { return Name; }
    }
}
namespace ApprovalTools.Tests.ForeignSdk
{
    public sealed class ImmutableCredentials
    {
        public ImmutableCredentials(string a, string s) { AccessKey = a; SecretKey = s; }
        public string AccessKey { get; private set; }
        public string SecretKey { get; private set; }
        public string Token { get { return null; } }
    }
    public sealed class BasicAWSCredentials
    {
        private readonly string _a, _s;
        public BasicAWSCredentials(string a, string s) { _a = a; _s = s; }
        public ImmutableCredentials GetCredentials() { return new ImmutableCredentials(_a, _s); }
        public static object Stored(string a, string s, string name)
        {
            return System.Activator.CreateInstance(typeof(Amazon.PowerShell.Common.AWSPSCredentials),
                System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic, null,
                new object[] { new BasicAWSCredentials(a, s), name }, null);
        }
    }
}
'@

    # Signs one ListPipelines-free call and returns the access key the emulator saw.
    function Get-SigningKey([hashtable] $Parameters) {
        $null = Invoke-EmulatorControl $Emulator DELETE calls
        $null = Get-PendingApproval -PipelineName nightly-batch @Parameters
        @(Get-EmulatorCall $Emulator GetPipelineState)[0].accessKeyId
    }
}
AfterAll {
    Stop-TestEmulator $script:Emulator
    Remove-Variable StoredAWSCredentials, StoredAWSRegion -Scope Global -ErrorAction Ignore
}

Describe 'Credentials are taken in the order AWS Tools for PowerShell use' {
    AfterEach {
        Remove-Variable StoredAWSCredentials, StoredAWSRegion -Scope Global -ErrorAction Ignore
        $env:AWS_ACCESS_KEY_ID = $LocalAccessKey
        $env:AWS_SECRET_ACCESS_KEY = $LocalSecretKey
    }

    It 'keys, then -Credential, then -ProfileName, then $StoredAWSCredentials, then the environment' {
        $global:StoredAWSCredentials = [ApprovalTools.Tests.ForeignSdk.BasicAWSCredentials]::Stored('AKIDSTORED', 'akidstored-secret', 'stored-by-aws-tools')
        $all = @{
            AccessKey       = 'AKIDPARAMETER'; SecretKey = 'akidparameter-secret'
            Credential      = [pscredential]::new('AKIDCREDENTIAL', (ConvertTo-SecureString 'akidcredential-secret' -AsPlainText -Force))
            ProfileName     = 'first'; ProfileLocation = $ProfileFile
        }
        Get-SigningKey $all | Should -Be 'AKIDPARAMETER'
        $all.Remove('AccessKey'); $all.Remove('SecretKey')
        Get-SigningKey $all | Should -Be 'AKIDCREDENTIAL'
        $all.Remove('Credential')
        Get-SigningKey $all | Should -Be 'AKIDPROFILE'
        $all.Remove('ProfileName'); $all.Remove('ProfileLocation')
        Get-SigningKey $all | Should -Be 'AKIDSTORED'
        Remove-Variable StoredAWSCredentials -Scope Global
        Get-SigningKey $all | Should -Be $LocalAccessKey
    }

    It 'names the source of the credentials and the region in -Verbose, and never a secret' {
        $global:StoredAWSCredentials = [ApprovalTools.Tests.ForeignSdk.BasicAWSCredentials]::Stored('AKIDSTORED', 'akidstored-secret', 'stored-by-aws-tools')
        $global:StoredAWSRegion = 'eu-west-2'
        $all = Get-PendingApproval -PipelineName nightly-batch -Verbose 4>&1
        $all[0].Message | Should -Be "Using region eu-west-2 (from `$StoredAWSRegion (Set-DefaultAWSRegion)) and credentials from `$StoredAWSCredentials (Set-AWSCredential 'stored-by-aws-tools'), endpoint $($Emulator.Url)."
        ($all | Out-String) | Should -Not -Match 'akidstored-secret'

        $all = Get-PendingApproval -PipelineName nightly-batch -ProfileName first -ProfileLocation $ProfileFile -Verbose 4>&1
        $all[0].Message | Should -BeLike "Using region eu-west-2 (from `$StoredAWSRegion*) and credentials from the profile 'first' (keys)*"
        ($all | Out-String) | Should -Not -Match 'akidprofile-secret'
    }

    It 'takes -Credential as AWSCredentials of another SDK copy, as keys from ''aws sts assume-role'' output, and refuses anything else' {
        $foreign = [ApprovalTools.Tests.ForeignSdk.BasicAWSCredentials]::new('AKIDCREDENTIAL', 'akidcredential-secret')
        Get-SigningKey @{ Credential = $foreign } | Should -Be 'AKIDCREDENTIAL'
        $cli = '{"Credentials":{"AccessKeyId":"AKIDSTORED","SecretAccessKey":"akidstored-secret","Expiration":"2030-01-01T00:00:00Z"}}' | ConvertFrom-Json
        Get-SigningKey @{ Credential = $cli.Credentials } | Should -Be 'AKIDSTORED'

        $null = Get-PendingApproval -Credential 'AKID:secret' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidCredential,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'uses -ProfileLocation alone as that file''s default profile' {
        Get-SigningKey @{ ProfileLocation = $ProfileFile } | Should -Be 'AKIDSECOND'
    }

    It 'reports a half-set environment instead of ignoring it' {
        Remove-Item Env:AWS_SECRET_ACCESS_KEY
        $null = Get-PendingApproval -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'IncompleteCredentials,*'
        $errs[0].Exception.Message | Should -BeLike '*AWS_SECRET_ACCESS_KEY is missing*'
    }
}

Describe 'The region is taken in the order AWS Tools for PowerShell use' {
    AfterEach {
        Remove-Variable StoredAWSRegion -Scope Global -ErrorAction Ignore
        $env:AWS_REGION = 'us-east-1'
        Remove-Item Env:AWS_DEFAULT_REGION -ErrorAction Ignore
    }

    It '-Region, then $StoredAWSRegion, then the profile, then AWS_REGION, then AWS_DEFAULT_REGION' {
        $global:StoredAWSRegion = 'eu-west-2'
        $profile = @{ ProfileName = 'first'; ProfileLocation = $ProfileFile; PipelineName = 'web-api' }
        (Get-PendingApproval @profile -Region ap-southeast-2).Region | Should -Be 'ap-southeast-2'
        (Get-PendingApproval @profile).Region | Should -Be 'eu-west-2'
        Remove-Variable StoredAWSRegion -Scope Global
        (Get-PendingApproval @profile).Region | Should -Be 'eu-central-1'
        (Get-PendingApproval web-api).Region | Should -Be 'us-east-1'
        Remove-Item Env:AWS_REGION
        $env:AWS_DEFAULT_REGION = 'sa-east-1'
        (Get-PendingApproval web-api).Region | Should -Be 'sa-east-1'
    }

    It 'refuses a region name AWS does not have, before any call, unless an endpoint is given' {
        $null = Invoke-EmulatorControl $Emulator DELETE calls
        $saved = $global:PSDefaultParameterValues['Get-PendingApproval:EndpointUrl']
        $global:PSDefaultParameterValues.Remove('Get-PendingApproval:EndpointUrl')
        try {
            $null = Get-PendingApproval -Region us-est-1 -ErrorVariable errs -ErrorAction SilentlyContinue
        }
        finally { $global:PSDefaultParameterValues['Get-PendingApproval:EndpointUrl'] = $saved }
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'UnknownRegion,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].Exception.Message | Should -BeLike "'us-est-1' (from the -Region parameter) is not an AWS region*-EndpointUrl*"
        Get-EmulatorCall $Emulator | Should -BeNullOrEmpty

        # With an endpoint the name only scopes the signature, as for a local or private endpoint.
        (Get-PendingApproval web-api -Region local-test-1).Region | Should -Be 'local-test-1'
    }
}

Describe 'Several regions and profiles in one Get-PendingApproval' {
    BeforeEach { Reset-Emulator $Emulator }

    It 'has -Region and -ProfileName take several values only on Get-PendingApproval' {
        (Get-Command Get-PendingApproval).Parameters['Region'].ParameterType | Should -Be ([string[]])
        (Get-Command Get-PendingApproval).Parameters['ProfileName'].ParameterType | Should -Be ([string[]])
        foreach ($answer in 'Approve-PipelineAction', 'Deny-PipelineAction') {
            (Get-Command $answer).Parameters['Region'].ParameterType | Should -Be ([string])
            (Get-Command $answer).Parameters['ProfileName'].ParameterType | Should -Be ([string])
            (Get-Command $answer).Parameters['ProfileName'].Aliases | Should -Be @('StoredCredentials', 'AWSProfileName')
        }
    }

    It 'scans every combination, and answers each approval with the profile and region it was listed with' {
        $pending = Get-PendingApproval -PipelineName web-api -ProfileName first, second -Region eu-west-1, us-west-2 -ProfileLocation $ProfileFile
        ($pending | ForEach-Object { "$($_.ProfileName)/$($_.Region)" } | Sort-Object) |
            Should -Be @('first/eu-west-1', 'first/us-west-2', 'second/eu-west-1', 'second/us-west-2')
        @(Get-EmulatorCall $Emulator GetPipelineState | Where-Object accessKeyId -eq 'AKIDPROFILE').Count | Should -Be 2
        @(Get-EmulatorCall $Emulator GetPipelineState | Where-Object accessKeyId -eq 'AKIDSECOND').Count | Should -Be 2

        $one = $pending | Where-Object { $_.ProfileName -eq 'second' -and $_.Region -eq 'us-west-2' }
        $result = $one | Approve-PipelineAction -ProfileLocation $ProfileFile -Force
        $result.Region | Should -Be 'us-west-2'
        (Get-EmulatorCall $Emulator PutApprovalResult).accessKeyId | Should -Be 'AKIDSECOND'
    }

    It 'reports a problem shared by every combination once, and still scans the others' {
        $pending = Get-PendingApproval -PipelineName web-api -ProfileName first, missing -Region eu-west-1, us-west-2 -ProfileLocation $ProfileFile -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ProfileNotFound,*'
        $errs[0].TargetObject | Should -Be 'profile missing region eu-west-1'
        ($pending.Region | Sort-Object) | Should -Be @('eu-west-1', 'us-west-2')
    }
}
