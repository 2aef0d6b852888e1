# Living beside AWS Tools for PowerShell: they ship their own AWSSDK.Core (every 4.x build has assembly version
# 4.0.0.0). Another Core build, loaded before or after Import-Module ApprovalTools in a fresh session, must not
# change what the three cmdlets do with static keys, a profile and an assume-role profile.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'aws.ps1')

    # AWSSDK.Core 4.0.3.3, as an older AWS.Tools release ships it, restored from NuGet by tests/ForeignAwsSdk.
    & dotnet restore (Join-Path $PSScriptRoot 'ForeignAwsSdk') --nologo -v quiet | Out-Null
    if ($LASTEXITCODE -ne 0) { throw 'dotnet restore tests/ForeignAwsSdk failed.' }
    $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $script:ForeignCore = Join-Path $packages 'awssdk.core' '4.0.3.3' 'lib' 'net8.0' 'AWSSDK.Core.dll'
    $ForeignCore | Should -Exist
    # Its AWSSDK.SecurityToken, AWSSDK.SSO and AWSSDK.SSOOIDC, as AWS Tools load them for their own role and SSO profiles.
    $script:ForeignServices = @(
        Join-Path $packages 'awssdk.securitytoken' '4.0.5.1' 'lib' 'net8.0' 'AWSSDK.SecurityToken.dll'
        Join-Path $packages 'awssdk.sso' '4.0.2.5' 'lib' 'net8.0' 'AWSSDK.SSO.dll'
        Join-Path $packages 'awssdk.ssooidc' '4.0.3.6' 'lib' 'net8.0' 'AWSSDK.SSOOIDC.dll'
    )
    $ForeignServices | Should -Exist

    $script:Emulator = Start-TestEmulator
    Add-EmulatorCredential $Emulator $ProfileAccessKey $ProfileSecretKey
    Add-EmulatorSsoToken $Emulator 'token-corp'
    $url = $Emulator.Url
    $script:AwsHome = New-AwsHome -Config @"
[default]
region = us-east-1
services = local

$(Get-SharedAwsConfig $url)
"@ -Credentials @"
[static]
aws_access_key_id = $ProfileAccessKey
aws_secret_access_key = $ProfileSecretKey
"@ -SsoTokens @{ corp = [datetime]::UtcNow.AddHours(8) }

    # One fresh session: the other Core before or after the import, then every cmdlet with every kind of credentials.
    function Invoke-SideBySide([string] $Order) {
        Invoke-FreshPwsh -HomeDir $AwsHome -Environment @{ FOREIGN_CORE = $ForeignCore; FOREIGN_SERVICES = $ForeignServices -join [System.IO.Path]::PathSeparator; LOAD_ORDER = $Order; EMULATOR = $Emulator.Url } -Script @'
$ErrorActionPreference = 'Stop'
function ContextOf($assembly) {
    $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly)
    if ($context -eq [System.Runtime.Loader.AssemblyLoadContext]::Default) { 'Default' } else { $context.GetType().FullName }
}
$foreign = $null
if ($env:LOAD_ORDER -like 'before*') { $foreign = [System.Reflection.Assembly]::LoadFrom($env:FOREIGN_CORE) }
if ($env:LOAD_ORDER -eq 'before, with its STS and SSO') {
    foreach ($path in $env:FOREIGN_SERVICES.Split([System.IO.Path]::PathSeparator)) { $null = [System.Reflection.Assembly]::LoadFrom($path).GetTypes() }
}
Import-Module $ModulePath
if ($env:LOAD_ORDER -eq 'after') { $foreign = [System.Reflection.Assembly]::LoadFrom($env:FOREIGN_CORE) }
$ErrorActionPreference = 'Continue'

$keys = @{ AccessKey = 'AKIDAPPROVALTOOLS'; SecretKey = 'approvaltools-local-secret'; Region = 'us-east-1'; EndpointUrl = $env:EMULATOR }
# An AWSCredentials object of the other Core, as AWS.Tools' New-AWSCredential makes them.
$foreignCredential = [Activator]::CreateInstance($foreign.GetType('Amazon.Runtime.BasicAWSCredentials'), [object[]]@('AKIDAPPROVALTOOLS', 'approvaltools-local-secret'))
$kinds = [ordered]@{
    StaticKeys  = $keys
    Credential  = @{ Credential = $foreignCredential; Region = 'us-east-1'; EndpointUrl = $env:EMULATOR }
    Profile     = @{ ProfileName = 'static' }
    AssumeRole  = @{ ProfileName = 'deployer' }
    Sso         = @{ ProfileName = 'approver' }
}
$r = [ordered]@{}
foreach ($kind in @($kinds.get_Keys())) {
    $p = $kinds[$kind]
    $null = Invoke-RestMethod -Method Post "$env:EMULATOR/_emulator/reset"
    $r["$kind"] = [ordered]@{
        Get     = Invoke-Case { Get-PendingApproval -PipelineName web-* @p }
        Approve = Invoke-Case { Get-PendingApproval -PipelineName web-api @p | Approve-PipelineAction -Force @p }
        Deny    = Invoke-Case { Deny-PipelineAction mobile-release QA QASignOff -Reason 'side by side' -Force @p }
        Signers = @((Invoke-RestMethod "$env:EMULATOR/_emulator/calls") | ForEach-Object { $_ } | Where-Object operation -eq 'PutApprovalResult' | ForEach-Object accessKeyId)
    }
}
$r.Cores = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AWSSDK.Core' } | ForEach-Object {
    "$($_.GetCustomAttributes([System.Reflection.AssemblyFileVersionAttribute], $false)[0].Version) in $(ContextOf $_)" })
$r.ModuleContext = ContextOf ([ApprovalTools.PendingApproval].Assembly)
$r.EngineContext = ContextOf ([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'ApprovalTools.Engine' })
$r | ConvertTo-Json -Depth 8 -Compress
'@
    }
}
AfterAll {
    Stop-TestEmulator $script:Emulator
    if ($script:AwsHome) { Remove-Item $script:AwsHome -Recurse -Force -ErrorAction Ignore }
}

Describe 'Beside another AWSSDK.Core loaded <Order> Import-Module' -ForEach @(
    @{ Order = 'before' }
    @{ Order = 'after' }
    @{ Order = 'before, with its STS and SSO' }
) {
    BeforeAll {
        $script:Result = Invoke-SideBySide $Order
        $script:Issued = @(Get-EmulatorIssuedCredential $Emulator)
    }

    It 'has both Cores loaded: the other one in the default context, ours in the engine''s own' {
        @($Result.Cores) | Should -HaveCount 2
        $Result.Cores | Should -Contain '4.0.3.3 in Default'
        $Result.Cores | Should -Contain '4.1.0.0 in ApprovalTools.Loader.ModuleLoadContext'
        $Result.ModuleContext | Should -Be 'Default'
        $Result.EngineContext | Should -Be 'ApprovalTools.Loader.ModuleLoadContext'
    }

    It 'lists, approves and rejects with <_>' -ForEach @('StaticKeys', 'Credential', 'Profile', 'AssumeRole', 'Sso') {
        $case = $Result.$_
        foreach ($step in 'Get', 'Approve', 'Deny') { $case.$step.Errors | Should -BeNullOrEmpty -Because "$step should work" }
        ($case.Get.Output.Pipeline | Sort-Object) | Should -Be @('web-api', 'web-frontend')
        $case.Approve.Output.Status | Should -Be 'Approved'
        $case.Deny.Output.Status | Should -Be 'Rejected'
        $case.Signers.Count | Should -Be 2
    }

    It 'signs with the keys, the profile''s keys, the assumed role''s and the SSO role''s credentials' {
        $Result.StaticKeys.Signers | Select-Object -Unique | Should -Be 'AKIDAPPROVALTOOLS'
        $Result.Credential.Signers | Select-Object -Unique | Should -Be 'AKIDAPPROVALTOOLS'
        $Result.Profile.Signers | Select-Object -Unique | Should -Be $ProfileAccessKey
        foreach ($key in $Result.AssumeRole.Signers) {
            $key | Should -Match '^ASIA'
            $key | Should -BeIn @($Issued | Where-Object { $_.source -eq 'AssumeRole' -and $_.callerAccessKeyId -eq $ProfileAccessKey }).accessKeyId
        }
        $Result.Sso.Signers | Should -Not -BeNullOrEmpty
        foreach ($key in $Result.Sso.Signers) {
            $key | Should -BeIn @($Issued | Where-Object source -eq 'GetRoleCredentials').accessKeyId
        }
    }
}
