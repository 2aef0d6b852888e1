# Profiles as users keep them in ~/.aws: static keys, assume-role and IAM Identity Center (SSO), through the real
# AWSSDK.SecurityToken and AWSSDK.SSO against the emulator's STS and SSO portal, in fresh pwsh processes.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'aws.ps1')
    $script:Emulator = Start-TestEmulator
    $url = $Emulator.Url
    Add-EmulatorCredential $Emulator $ProfileAccessKey $ProfileSecretKey
    Add-EmulatorSsoToken $Emulator 'token-corp'

    # Every client (CodePipeline, and the STS and SSO clients behind role and SSO profiles) reads the endpoint
    # settings of the profile in use; the last Describe proves it without [services] in the default profile.
    $script:AwsHome = New-AwsHome -Config @"
[default]
region = us-west-2
services = local

$(Get-SharedAwsConfig $url)

[profile release-manager]
role_arn = arn:aws:iam::123456789012:role/ReleaseManager
source_profile = deployer
region = eu-central-1
services = local

[profile wrong-source]
region = eu-north-1
role_arn = arn:aws:iam::123456789012:role/Deployer
source_profile = bad-secret
services = local

[profile lapsed]
region = eu-north-1
sso_session = lapsed
sso_account_id = 111122223333
sso_role_name = Approver
services = local

[sso-session lapsed]
sso_start_url = https://lapsed.awsapps.com/start
sso_region = us-east-1

[profile revoked]
region = eu-north-1
sso_session = revoked
sso_account_id = 111122223333
sso_role_name = Approver
services = local

[sso-session revoked]
sso_start_url = https://revoked.awsapps.com/start
sso_region = us-east-1

[profile no-endpoint]
region = eu-west-3
"@ -Credentials @"
[static]
aws_access_key_id = $ProfileAccessKey
aws_secret_access_key = $ProfileSecretKey

[bad-secret]
aws_access_key_id = $ProfileAccessKey
aws_secret_access_key = not-the-secret

[no-endpoint]
aws_access_key_id = $ProfileAccessKey
aws_secret_access_key = $ProfileSecretKey
"@ -SsoTokens @{ corp = [datetime]::UtcNow.AddHours(8); lapsed = [datetime]::UtcNow.AddHours(-1); revoked = [datetime]::UtcNow.AddHours(8) }

    # Every case of one process: the SDK reads the files once per process, and each case is a separate command.
    $script:Result = Invoke-FreshPwsh -HomeDir $AwsHome -Script @'
Import-Module $ModulePath
$r = [ordered]@{}
$r.Static = Invoke-Case { Get-PendingApproval -ProfileName static -PipelineName web-api -Verbose }
$r.AssumeRole = Invoke-Case { Get-PendingApproval -ProfileName deployer -PipelineName web-* -Verbose }
$r.AssumeRoleAnswer = Invoke-Case { Get-PendingApproval -ProfileName deployer -PipelineName web-api | Approve-PipelineAction -Summary 'via assumed role' -Force }
$r.RoleChain = Invoke-Case { Get-PendingApproval -ProfileName release-manager -PipelineName web-frontend -Verbose }
$r.Sso = Invoke-Case { Get-PendingApproval -ProfileName approver -PipelineName mobile-release -Verbose }
$r.SsoAnswer = Invoke-Case { Deny-PipelineAction mobile-release QA QASignOff -ProfileName approver -Reason 'via SSO' -Force }
$r.Lapsed = Invoke-Case { Get-PendingApproval -ProfileName lapsed -PipelineName web-api }
$r.Revoked = Invoke-Case { Get-PendingApproval -ProfileName revoked -PipelineName web-api }
$r.WrongSource = Invoke-Case { Get-PendingApproval -ProfileName wrong-source -PipelineName web-api }
$r.Missing = Invoke-Case { Get-PendingApproval -ProfileName no-such-profile -PipelineName web-api }
$r.DefaultWithoutKeys = Invoke-Case { Get-PendingApproval -PipelineName web-frontend }
$r.Default = Invoke-Case { Get-PendingApproval -PipelineName web-frontend -AccessKey AKIDAPPROVALTOOLS -SecretKey approvaltools-local-secret -Verbose }
$env:AWS_PROFILE = 'approver'
$r.AwsProfile = Invoke-Case { Get-PendingApproval -PipelineName web-frontend -Verbose }
$env:AWS_PROFILE = 'nobody'
$r.AwsProfileMissing = Invoke-Case { Get-PendingApproval -PipelineName web-api }
$env:AWS_PROFILE = $null
$r.Both = Invoke-Case { Get-PendingApproval -ProfileName static, approver -Region eu-west-1, us-east-1 -PipelineName web-frontend }
$r | ConvertTo-Json -Depth 8 -Compress
'@
    $script:Issued = @(Get-EmulatorIssuedCredential $Emulator)
    $script:Calls = @(Get-EmulatorCall $Emulator)
}
AfterAll {
    Stop-TestEmulator $script:Emulator
    if ($script:AwsHome) { Remove-Item $script:AwsHome -Recurse -Force -ErrorAction Ignore }
}

Describe 'Profiles in ~/.aws' {
    It 'reads a static-keys profile and its region, and sends to the endpoint in its [services] section' {
        $Result.Static.Errors | Should -BeNullOrEmpty
        $Result.Static.Output.Pipeline | Should -Be 'web-api'
        $Result.Static.Output.Region | Should -Be 'eu-west-1'
        $Result.Static.Output.Profile | Should -Be 'static'
        $Result.Static.Verbose[0] | Should -BeLike "Using region eu-west-1 (from the profile 'static') and credentials from the profile 'static' (keys), endpoint $($Emulator.Url)*"
        @($Calls | Where-Object accessKeyId -eq $ProfileAccessKey).Count | Should -BeGreaterThan 0
    }

    It 'assumes the role of an assume-role profile through STS, and signs CodePipeline calls with the assumed credentials' {
        $Result.AssumeRole.Errors | Should -BeNullOrEmpty
        ($Result.AssumeRole.Output.Pipeline | Sort-Object) | Should -Be @('web-api', 'web-frontend')
        $Result.AssumeRole.Output.Region | Select-Object -Unique | Should -Be 'eu-central-1'
        $Result.AssumeRole.Verbose[0] | Should -BeLike "*credentials from the profile 'deployer' (assume-role arn:aws:iam::123456789012:role/Deployer from profile 'static')*"

        # STS was called with the source profile's keys; what it issued is what CodePipeline saw.
        $assumed = @($Issued | Where-Object { $_.source -eq 'AssumeRole' -and $_.callerAccessKeyId -eq $ProfileAccessKey })
        $assumed.Count | Should -BeGreaterOrEqual 1
        $assumed[0].roleArn | Should -Be 'arn:aws:iam::123456789012:role/Deployer'
        $assumed[0].accessKeyId | Should -Match '^ASIA'
        $signed = @($Calls | Where-Object { $_.accessKeyId -in $assumed.accessKeyId })
        ($signed.operation | Sort-Object -Unique) | Should -Contain 'GetPipelineState'
        ($signed.operation | Sort-Object -Unique) | Should -Contain 'PutApprovalResult'
    }

    It 'answers an approval listed with an assume-role profile with that profile' {
        $Result.AssumeRoleAnswer.Errors | Should -BeNullOrEmpty
        $Result.AssumeRoleAnswer.Output.Status | Should -Be 'Approved'
        $Result.AssumeRoleAnswer.Output.Region | Should -Be 'eu-central-1'
        $put = @($Calls | Where-Object { $_.operation -eq 'PutApprovalResult' -and $_.pipelineName -eq 'web-api' })
        $put.Count | Should -Be 1
        $put[0].accessKeyId | Should -BeIn @($Issued | Where-Object source -eq 'AssumeRole').accessKeyId
    }

    It 'chains roles: a profile whose source profile assumes a role itself is assumed with that role''s credentials' {
        $Result.RoleChain.Errors | Should -BeNullOrEmpty
        $Result.RoleChain.Output.Pipeline | Should -Be 'web-frontend'
        $Result.RoleChain.Verbose[0] | Should -BeLike "*credentials from the profile 'release-manager' (assume-role arn:aws:iam::123456789012:role/ReleaseManager from profile 'deployer')*"
        # Deployer assumed with the static keys, ReleaseManager with Deployer's session, CodePipeline with ReleaseManager's.
        $deployer = @($Issued | Where-Object { $_.roleArn -eq 'arn:aws:iam::123456789012:role/Deployer' -and $_.callerAccessKeyId -eq $ProfileAccessKey })
        $manager = @($Issued | Where-Object roleArn -eq 'arn:aws:iam::123456789012:role/ReleaseManager')
        $manager.Count | Should -Be 1
        $manager[0].callerAccessKeyId | Should -BeIn $deployer.accessKeyId
        $read = @($Calls | Where-Object { $_.operation -eq 'GetPipelineState' -and $_.accessKeyId -eq $manager[0].accessKeyId })
        $read.Count | Should -BeGreaterOrEqual 1
    }

    It 'gets role credentials of an SSO profile from the portal with the cached token, and signs with them' {
        $Result.Sso.Errors | Should -BeNullOrEmpty
        $Result.Sso.Output.Count | Should -Be 2
        $Result.Sso.Output.Region | Select-Object -Unique | Should -Be 'ap-southeast-2'
        $Result.Sso.Verbose[0] | Should -BeLike "*credentials from the profile 'approver' (IAM Identity Center role Approver in account 111122223333)*"
        $sso = @($Issued | Where-Object source -eq 'GetRoleCredentials')
        $sso.Count | Should -BeGreaterOrEqual 1
        $sso[0].roleArn | Should -Be 'arn:aws:iam::111122223333:role/Approver'
        $Result.SsoAnswer.Output.Status | Should -Be 'Rejected'
        $put = @($Calls | Where-Object { $_.operation -eq 'PutApprovalResult' -and $_.pipelineName -eq 'mobile-release' })
        $put.Count | Should -Be 1
        $put[0].accessKeyId | Should -BeIn $sso.accessKeyId
    }

    It 'tells the user to log in again when the cached SSO token <Case>' -ForEach @(
        @{ Case = 'has expired'; Name = 'Lapsed'; Profile = 'lapsed' }
        @{ Case = 'is refused by the portal'; Name = 'Revoked'; Profile = 'revoked' }
    ) {
        $case = $Result.$Name
        $case.Output | Should -BeNullOrEmpty
        $case.Errors.Count | Should -Be 1
        $case.Errors[0].Id | Should -Be 'SsoLoginRequired'
        $case.Errors[0].Category | Should -Be 'AuthenticationError'
        $case.Errors[0].Message | Should -BeLike "*Run 'aws sso login --profile $Profile'*"
    }

    It 'reports a source profile whose secret is wrong as InvalidCredentials, once' {
        $Result.WrongSource.Errors.Count | Should -Be 1
        $Result.WrongSource.Errors[0].Id | Should -Be 'InvalidCredentials'
        $Result.WrongSource.Errors[0].Message | Should -BeLike "Getting credentials from the profile 'wrong-source' (assume-role *) failed: *"
        $Result.WrongSource.Errors[0].Message | Should -Not -Match 'not-the-secret'
    }

    It 'reports a named profile that does not exist, without falling back to other credentials' {
        $Result.Missing.Errors.Count | Should -Be 1
        $Result.Missing.Errors[0].Id | Should -Be 'ProfileNotFound'
        $Result.Missing.Errors[0].Category | Should -Be 'ObjectNotFound'
        $Result.Missing.Output | Should -BeNullOrEmpty
        $Result.AwsProfileMissing.Errors[0].Id | Should -Be 'ProfileNotFound'
        $Result.AwsProfileMissing.Errors[0].Message | Should -BeLike "*'nobody' named by AWS_PROFILE*"
    }

    It 'passes over a default profile that holds no credentials, as the SDK does, and ends with NoCredentials' {
        $Result.DefaultWithoutKeys.Output | Should -BeNullOrEmpty
        $Result.DefaultWithoutKeys.Errors.Count | Should -Be 1
        $Result.DefaultWithoutKeys.Errors[0].Id | Should -Be 'NoCredentials'
    }

    It 'takes the region of the default profile and the profile named by AWS_PROFILE' {
        $Result.Default.Output.Region | Should -Be 'us-west-2'
        $Result.Default.Verbose[0] | Should -BeLike "Using region us-west-2 (from the profile 'default')*"
        $Result.AwsProfile.Errors | Should -BeNullOrEmpty
        $Result.AwsProfile.Output.Region | Should -Be 'ap-southeast-2'
        $Result.AwsProfile.Verbose[0] | Should -BeLike "*credentials from the profile 'approver' (from AWS_PROFILE)*"
    }

    It 'scans every profile and region given, and each approval remembers where it came from' {
        $Result.Both.Errors | Should -BeNullOrEmpty
        $combos = $Result.Both.Output | ForEach-Object { "$($_.Profile)/$($_.Region)" } | Sort-Object
        $combos | Should -Be @('approver/eu-west-1', 'approver/us-east-1', 'static/eu-west-1', 'static/us-east-1')
    }
}

Describe 'Credentials and region from the environment, in a fresh session' {
    BeforeAll {
        # A user with no ~/.aws at all; each case sets only the environment it names.
        $empty = New-AwsHome -Config ''
        try {
            $script:Missing = Invoke-FreshPwsh -HomeDir $empty -Script @'
Import-Module $ModulePath
$r = [ordered]@{}
$cases = [ordered]@{
    NoCredentials         = @{ AWS_REGION = 'us-east-1' }
    NoRegion              = @{ AWS_ACCESS_KEY_ID = 'AKIDAPPROVALTOOLS'; AWS_SECRET_ACCESS_KEY = 'approvaltools-local-secret' }
    IncompleteCredentials = @{ AWS_ACCESS_KEY_ID = 'AKIDAPPROVALTOOLS'; AWS_REGION = 'us-east-1' }
}
foreach ($name in @($cases.get_Keys())) {
    foreach ($v in 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY') { Remove-Item "Env:$v" -ErrorAction Ignore }
    foreach ($v in $cases[$name].GetEnumerator()) { Set-Item "Env:$($v.Key)" $v.Value }
    $r["$name"] = Invoke-Case { Get-PendingApproval; Approve-PipelineAction web-api Approval ReleaseApproval -Force }
}
$r | ConvertTo-Json -Depth 6 -Compress
'@
        }
        finally { Remove-Item $empty -Recurse -Force }
    }

    It 'finds <Id>, and says what to set' -ForEach @(
        @{ Id = 'NoCredentials'; Category = 'AuthenticationError'; Words = @('-ProfileName', 'Set-AWSCredential', 'AWS_ACCESS_KEY_ID', 'aws configure') }
        @{ Id = 'NoRegion'; Category = 'InvalidArgument'; Words = @('-Region', 'Set-DefaultAWSRegion', 'AWS_REGION') }
        @{ Id = 'IncompleteCredentials'; Category = 'InvalidArgument'; Words = @('AWS_SECRET_ACCESS_KEY') }
    ) {
        $r = $Missing.$Id
        $r.Output | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 2 -Because 'each cmdlet reports it once'
        $r.Errors.Id | Select-Object -Unique | Should -Be $Id
        $r.Errors[0].Category | Should -Be $Category
        foreach ($word in $Words) { $r.Errors[0].Message | Should -BeLike "*$word*" }
    }

    It 'sends to AWS_ENDPOINT_URL_CODEPIPELINE, then AWS_ENDPOINT_URL, when no endpoint is given' {
        $url = $Emulator.Url
        $r = Invoke-FreshPwsh -HomeDir $AwsHome -Environment @{ AWS_ENDPOINT_URL = 'http://127.0.0.1:9' } -Script @"
Import-Module `$ModulePath
`$r = [ordered]@{}
`$r.Global = Invoke-Case { Get-PendingApproval -ProfileName no-endpoint -PipelineName web-frontend }
`$env:AWS_ENDPOINT_URL_CODEPIPELINE = '$url'
`$r.Service = Invoke-Case { Get-PendingApproval -ProfileName no-endpoint -PipelineName web-frontend -Verbose }
`$r.Answer = Invoke-Case { Approve-PipelineAction web-frontend Approval ManualApproval -ProfileName no-endpoint -Force }
`$r | ConvertTo-Json -Depth 6 -Compress
"@
        # AWS_ENDPOINT_URL points at a closed port: the call went there, not to AWS.
        $r.Global.Errors[0].Id | Should -Be 'EndpointUnreachable'
        $r.Service.Errors | Should -BeNullOrEmpty
        $r.Service.Output.Region | Should -Be 'eu-west-3'
        $r.Service.Verbose[0] | Should -BeLike "*endpoint $url*"
        $r.Answer.Output.Status | Should -Be 'Approved'
    }
}

Describe 'The STS and SSO endpoints of the profile in use' {
    BeforeAll {
        Reset-Emulator $Emulator
        Add-EmulatorCredential $Emulator $ProfileAccessKey $ProfileSecretKey
        Add-EmulatorSsoToken $Emulator 'token-corp'
        # No [services] in the default profile: only the profiles in use say where STS and the SSO portal are.
        $script:OwnEndpointsHome = New-AwsHome -Config @"
[default]
region = us-west-2

$(Get-SharedAwsConfig $Emulator.Url)
"@ -Credentials @"
[static]
aws_access_key_id = $ProfileAccessKey
aws_secret_access_key = $ProfileSecretKey
"@ -SsoTokens @{ corp = [datetime]::UtcNow.AddHours(8) }
        $script:Own = Invoke-FreshPwsh -HomeDir $OwnEndpointsHome -Script @'
Import-Module $ModulePath
[ordered]@{
    AssumeRole = Invoke-Case { Get-PendingApproval -ProfileName deployer -PipelineName web-frontend }
    Sso        = Invoke-Case { Get-PendingApproval -ProfileName approver -PipelineName web-frontend }
} | ConvertTo-Json -Depth 8 -Compress
'@
    }
    AfterAll { Remove-Item $script:OwnEndpointsHome -Recurse -Force -ErrorAction Ignore }

    It 'calls them at the endpoints in the [services] section of the <_> profile, as the AWS CLI does' -ForEach @('AssumeRole', 'Sso') {
        $Own.$_.Errors | Should -BeNullOrEmpty
        $Own.$_.Output.Pipeline | Should -Be 'web-frontend'
    }
}
