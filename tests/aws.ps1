# Helpers for the tests of credentials, profiles, side-by-side loading and the package; dot-sourced after common.ps1.
# Anything that needs a fresh process (the SDK reads the shared config files once per process, and a session can
# hold only the assemblies it loaded) runs in a child pwsh whose HOME is a temporary folder, and whose HTTPS proxy
# is a closed loopback port: a request that missed the local endpoints fails there instead of leaving the machine.

$script:PwshDll = Join-Path $PSHOME 'pwsh.dll'

# The emulator accepts these too (Add-EmulatorCredential) and records which key signed each call.
$script:ProfileAccessKey = 'AKIDSTATICPROFILE'
$script:ProfileSecretKey = 'static-profile-secret'

function Add-EmulatorCredential($Emulator, [string] $AccessKeyId, [string] $SecretAccessKey) {
    $null = Invoke-EmulatorControl $Emulator PUT credentials @{ accessKeyId = $AccessKeyId; secretAccessKey = $SecretAccessKey }
}

# The temporary credentials the emulator's STS and SSO portal issued, oldest first.
function Get-EmulatorIssuedCredential($Emulator) {
    (Invoke-RestMethod "$($Emulator.Url)/_emulator/identity/issued") | ForEach-Object { $_ }
}

# An access token the emulator's SSO portal accepts, as `aws sso login` leaves one in the token cache.
function Add-EmulatorSsoToken($Emulator, [string] $Token) {
    $null = Invoke-RestMethod -Method Put "$($Emulator.Url)/_emulator/identity/sso-tokens/$Token"
}

# The profiles several suites share, as users keep them: the emulator's endpoints in a [services] section, a static-keys
# profile, an assume-role profile over it, and an IAM Identity Center profile (session 'corp').
function Get-SharedAwsConfig([string] $Url) {
    @"
[services local]
codepipeline =
  endpoint_url = $Url
sts =
  endpoint_url = $Url/sts
sso =
  endpoint_url = $Url/sso

[profile static]
region = eu-west-1
services = local

[profile deployer]
role_arn = arn:aws:iam::123456789012:role/Deployer
source_profile = static
region = eu-central-1
services = local

[profile approver]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Approver
region = ap-southeast-2
services = local

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
"@
}

# A HOME with ~/.aws/config, ~/.aws/credentials and an SSO token cache entry per session name (name => expiry).
function New-AwsHome([string] $Config, [string] $Credentials = '', [hashtable] $SsoTokens = @{}) {
    $homeDir = Join-Path ([System.IO.Path]::GetTempPath()) "approvaltools-home-$([guid]::NewGuid().ToString('n').Substring(0, 12))"
    $aws = New-Item (Join-Path $homeDir '.aws' 'sso' 'cache') -ItemType Directory -Force
    Set-Content (Join-Path $homeDir '.aws' 'config') $Config
    Set-Content (Join-Path $homeDir '.aws' 'credentials') $Credentials
    foreach ($session in $SsoTokens.Keys) {
        # The SDK and the AWS CLI name the cache file after the SHA-1 of the sso-session name.
        $sha1 = [System.Security.Cryptography.SHA1]::HashData([System.Text.Encoding]::UTF8.GetBytes($session))
        $file = Join-Path $aws ([Convert]::ToHexString($sha1).ToLowerInvariant() + '.json')
        @{
            accessToken = "token-$session"
            expiresAt   = $SsoTokens[$session].ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")
            region      = 'us-east-1'
            startUrl    = "https://$session.awsapps.com/start"
        } | ConvertTo-Json | Set-Content $file
    }
    $homeDir
}

# Runs a script in a fresh pwsh (HOME and the environment given; null removes a variable) and returns what the
# script wrote as JSON on its last line. The script gets the module path as $ModulePath and Invoke-Case.
function Invoke-FreshPwsh {
    param(
        [Parameter(Mandatory)] [string] $Script,
        [string] $HomeDir,
        [hashtable] $Environment = @{},
        [int] $TimeoutSeconds = 120
    )
    $prelude = @'
$ErrorActionPreference = 'Continue'
$ModulePath = $env:APPROVALTOOLS_CHILD_MODULE
# One case: its output (approvals and answers as plain values), its errors and its verbose messages.
function Invoke-Case([scriptblock] $Block) {
    $all = try { @(& $Block 2>&1 4>&1) } catch { @($_) }
    [ordered]@{
        Output  = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] -and $_ -isnot [System.Management.Automation.VerboseRecord] } | ForEach-Object {
                if ($_.GetType().FullName -eq 'ApprovalTools.PendingApproval') { [ordered]@{ Pipeline = $_.PipelineName; Region = $_.Region; Profile = $_.ProfileName; Token = $_.Token } }
                elseif ($_.GetType().FullName -eq 'ApprovalTools.ApprovalResult') { [ordered]@{ Pipeline = $_.PipelineName; Status = $_.Status; Region = $_.Region; Token = $_.Token } }
                else { "$_" } })
        Errors  = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object {
                [ordered]@{ Id = $_.FullyQualifiedErrorId.Split(',')[0]; Category = "$($_.CategoryInfo.Category)"; Message = $_.Exception.Message } })
        Verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
    }
}
'@
    $file = Join-Path ([System.IO.Path]::GetTempPath()) "approvaltools-child-$([guid]::NewGuid().ToString('n')).ps1"
    Set-Content $file ($prelude + "`n" + $Script)
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($PwshDll, '-NoProfile', '-NonInteractive', '-File', $file)) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    foreach ($name in @($psi.Environment.Keys)) { if ($name -like 'AWS_*') { $null = $psi.Environment.Remove($name) } }
    $psi.Environment['AWS_EC2_METADATA_DISABLED'] = 'true'
    $psi.Environment['HTTPS_PROXY'] = 'http://127.0.0.1:9'
    $psi.Environment['HTTP_PROXY'] = 'http://127.0.0.1:9'
    $psi.Environment['NO_PROXY'] = '127.0.0.1,localhost'
    $psi.Environment['APPROVALTOOLS_CHILD_MODULE'] = $ModulePath
    if ($HomeDir) { $psi.Environment['HOME'] = $HomeDir; $psi.Environment['USERPROFILE'] = $HomeDir }
    foreach ($name in $Environment.Keys) {
        if ($null -eq $Environment[$name]) { $null = $psi.Environment.Remove($name) } else { $psi.Environment[$name] = [string]$Environment[$name] }
    }
    try {
        $process = [System.Diagnostics.Process]::Start($psi)
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            throw "The child pwsh did not finish within $TimeoutSeconds s."
        }
        $lines = @($stdout.Result -split "`r?`n" | Where-Object { $_ })
        if (-not $lines) { throw "The child pwsh wrote nothing (exit code $($process.ExitCode)): $($stderr.Result)" }
        try { $lines[-1] | ConvertFrom-Json -Depth 20 }
        catch { throw "The child pwsh did not end with JSON: $($stdout.Result) $($stderr.Result)" }
    }
    finally {
        Remove-Item $file -ErrorAction Ignore
    }
}
