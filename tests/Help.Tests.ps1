BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')

    $script:HelpSource = Join-Path $RepoRoot 'src' 'ApprovalTools.Help'
    $script:ShippedHelp = Join-Path (Split-Path $ModulePath) 'en-US' 'ApprovalTools.dll-Help.xml'

    # The parameters Get-Help must describe: all but the common ones and WhatIf/Confirm.
    function Get-OwnParameterName([string] $Name) {
        $excluded = [System.Management.Automation.PSCmdlet]::CommonParameters +
            [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        (Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin $excluded }
    }

    # Calls of the module's cmdlets in some code that do not bind (unknown or ambiguous parameter, set conflict).
    function Get-BindingProblem([string] $Code) {
        $cmdlets = (Get-Command -Module ApprovalTools).Name
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref]$null, [ref]$null)
        $calls = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true)
        foreach ($call in $calls | Where-Object { $_.GetCommandName() -in $cmdlets }) {
            $binding = [System.Management.Automation.Language.StaticParameterBinder]::BindCommand($call, $true)
            foreach ($failure in $binding.BindingExceptions.Values) { "$($call.Extent.Text): $($failure.BindingException.Message)" }
        }
    }

    function Get-HelpText($Paragraphs) { (@($Paragraphs).Text | Where-Object { $_ }) -join "`n" }
}

Describe 'Get-Help <Name>' -ForEach @(
    @{ Name = 'Get-PendingApproval'; Mentions = @('PipelineName', 'Wait', 'PARALLEL', 'WaitTimeout', 'PipelineNotFound') }
    @{ Name = 'Approve-PipelineAction'; Mentions = @('token', 'InvalidApprovalToken', 'NoPendingApproval', '-WhatIf', '-Force', 'PARALLEL') }
    @{ Name = 'Deny-PipelineAction'; Mentions = @('token', 'InvalidApprovalToken', 'NoPendingApproval', '-WhatIf', '-Force', 'PARALLEL') }
    @{ Name = 'Get-ApprovalHistory'; Mentions = @('ListActionExecutions', 'AccessDenied', 'Expired', 'WaitTimeout', 'Export-Csv') }
) {
    BeforeAll {
        $script:Help = Get-Help $Name -Full
        $script:HelpParameters = @($Help.parameters.parameter)
    }

    It 'comes from the module''s MAML file' {
        # A binary module's cmdlets name their help file; Get-Help looks for it in the module's culture folders.
        (Get-Command $Name).HelpFile | Split-Path -Leaf | Should -Be 'ApprovalTools.dll-Help.xml'
        $ShippedHelp | Should -Exist
    }

    It 'has a synopsis of its own, not the generated syntax' {
        $Help.Synopsis | Should -Not -BeNullOrEmpty
        $Help.Synopsis.Trim() | Should -Not -BeLike "$Name*"
        $Help.Synopsis | Should -Not -Match '\[-\w+|<CommonParameters>'
    }

    It 'has a description that covers tokens, safety and errors' {
        $text = Get-HelpText $Help.description
        $text | Should -Not -BeNullOrEmpty
        ($text -split '(?<=\.)\s+').Count | Should -BeGreaterOrEqual 5 -Because 'the description should be several sentences'
        foreach ($word in $Mentions) { $text | Should -BeLike "*$word*" }
    }

    It 'has at least three examples, each with code and remarks' {
        $examples = @($Help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 3
        foreach ($example in $examples) {
            $example.code | Should -Not -BeNullOrEmpty
            Get-HelpText $example.remarks | Should -Not -BeNullOrEmpty
        }
    }

    It 'has examples that use only parameters the cmdlets have' {
        $problems = foreach ($example in $Help.examples.example) { Get-BindingProblem $example.code }
        $problems | Should -BeNullOrEmpty
    }

    It 'describes every parameter' {
        $missing = foreach ($parameter in Get-OwnParameterName $Name) {
            $entry = $HelpParameters | Where-Object name -eq $parameter
            if (-not $entry -or -not (Get-HelpText $entry.description)) { $parameter }
        }
        $missing | Should -BeNullOrEmpty -Because "Get-Help $Name -Full should describe every parameter"
    }

    It 'describes no parameter the cmdlet does not have' {
        $actual = (Get-Command $Name).Parameters.Keys
        $HelpParameters.name | Where-Object { $_ -notin $actual } | Should -BeNullOrEmpty
    }

    It 'agrees with the cmdlet on mandatory, position, pipeline input and wildcards' {
        $command = Get-Command $Name
        foreach ($parameter in Get-OwnParameterName $Name) {
            $entry = $HelpParameters | Where-Object name -eq $parameter
            $sets = @($command.ParameterSets.Parameters | Where-Object Name -eq $parameter)
            $entry.required | Should -Be ([string](-not ($sets.IsMandatory -contains $false))).ToLowerInvariant() -Because "-$parameter"
            $entry.position | Should -BeIn @($sets.Position | ForEach-Object { if ($_ -ge 0) { [string]$_ } else { 'named' } }) -Because "-$parameter"
            $entry.pipelineInput -like 'True*' | Should -Be ([bool]($sets | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName })) -Because "-$parameter"
            $wildcards = [bool]($command.Parameters[$parameter].Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
            $entry.globbing | Should -Be ([string]$wildcards).ToLowerInvariant() -Because "-$parameter"
        }
    }

    It 'has one syntax per parameter set' {
        @($Help.syntax.syntaxItem).Count | Should -Be (Get-Command $Name).ParameterSets.Count
    }

    It 'documents inputs, outputs, notes and related links' {
        @($Help.inputTypes.inputType).Count | Should -BeGreaterThan 0
        $Help.returnValues.returnValue.type.name | Should -Contain ((Get-Command $Name).OutputType.Name | Select-Object -First 1)
        Get-HelpText $Help.alertSet.alert | Should -Not -BeNullOrEmpty
        $Help.relatedLinks.navigationLink.linkText | Should -Contain 'about_ApprovalTools'
    }
}

Describe 'about_ApprovalTools' {
    BeforeAll {
        $script:Topic = Get-Help about_ApprovalTools | Out-String
    }

    It 'is shipped in the module''s en-US folder and found by Get-Help' {
        Join-Path (Split-Path $ModulePath) 'en-US' 'about_ApprovalTools.help.txt' | Should -Exist
        $Topic | Should -Match '(?m)^TOPIC\s+about_ApprovalTools'
        $Topic | Should -Match '(?m)^SHORT DESCRIPTION\s+\S'
        $Topic | Should -Match '(?m)^LONG DESCRIPTION\s+\S'
        (Get-Help about_ApprovalTools).Synopsis | Should -Not -BeNullOrEmpty
    }

    It 'covers <Subject>' -ForEach @(
        @{ Subject = 'the cmdlets'; Words = @('Get-PendingApproval', 'Approve-PipelineAction', 'Deny-PipelineAction') }
        @{ Subject = 'token safety'; Words = @('InvalidApprovalToken', 'PARALLEL', '-Token', '-WhatIf', '-Force') }
        @{ Subject = 'credentials and regions'; Words = @('-ProfileName', '-AccessKey', '-Credential', '-Region', 'AWS_REGION', 'default chain') }
        @{ Subject = 'the local emulator'; Words = @('./build.ps1 Emulator', 'AKIDAPPROVALTOOLS', 'approvaltools-local-secret', '-EndpointUrl') }
        @{ Subject = 'the error ids'; Words = @('NoPendingApproval', 'ApprovalAlreadyCompleted', 'WaitTimeout', 'NoCredentials', 'FullyQualifiedErrorId') }
    ) {
        foreach ($word in $Words) { $Topic | Should -BeLike "*$word*" }
    }

    It 'mentions only parameters the cmdlets have' {
        $known = @(foreach ($c in Get-Command -Module ApprovalTools) { $c.Parameters.Values.Name; $c.Parameters.Values.Aliases })
        $known += 'Full', 'Port' # Get-Help -Full, ./build.ps1 Emulator -Port
        $mentioned = [regex]::Matches($Topic, '(?<![\w-])-([A-Z][A-Za-z]+)') | ForEach-Object { $_.Groups[1].Value }
        $mentioned | Sort-Object -Unique | Where-Object { $_ -notin $known } | Should -BeNullOrEmpty
    }
}

Describe 'Build-MamlHelp.ps1' {
    BeforeAll {
        $script:BuildHelp = Join-Path $HelpSource 'Build-MamlHelp.ps1'
    }
    AfterAll {
        # The script re-imports the module; leave the session as common.ps1 set it up.
        Import-Module $ModulePath -Force
    }

    It 'writes the help the module ships from the data file' {
        $out = Join-Path $TestDrive 'ApprovalTools.dll-Help.xml'
        $null = & $BuildHelp -ModulePath $ModulePath -DataPath (Join-Path $HelpSource 'ApprovalTools.Help.psd1') -OutFile $out 6>$null
        $xml = [xml](Get-Content $out -Raw)
        $xml.helpItems.command.details.name | Sort-Object | Should -Be @('Approve-PipelineAction', 'Deny-PipelineAction', 'Get-ApprovalHistory', 'Get-PendingApproval')
        Get-Content $out -Raw | Should -BeExactly (Get-Content $ShippedHelp -Raw) -Because 'the shipped help should be built from the current data file'
    }

    It 'fails, naming them, on a missing cmdlet, a missing parameter text and a parameter that no longer exists' {
        $data = Join-Path $TestDrive 'stale.psd1'
        Set-Content $data @'
@{
    Commands = @{
        'Get-PendingApproval' = @{
            Synopsis    = 'Lists approvals.'
            Description = 'Lists approvals.'
            Parameters  = @{ TimeoutSeconds = @{ Description = 'Renamed since.' } }
        }
    }
}
'@
        $run = { & $BuildHelp -ModulePath $ModulePath -DataPath $data -OutFile (Join-Path $TestDrive 'stale.xml') 3>$null 6>$null }
        $run | Should -Throw -ExpectedMessage '*Approve-PipelineAction: has no entry in Commands*'
        $run | Should -Throw -ExpectedMessage '*documents -TimeoutSeconds, which Get-PendingApproval does not have*'
        $run | Should -Throw -ExpectedMessage '*Get-PendingApproval: parameter -Timeout has no description*'
        $run | Should -Throw -ExpectedMessage '*Get-PendingApproval: parameter -Region has no description*'
        Join-Path $TestDrive 'stale.xml' | Should -Not -Exist
    }

    It 'fails on an example that uses a parameter the cmdlet does not have' {
        $source = Get-Content (Join-Path $HelpSource 'ApprovalTools.Help.psd1') -Raw
        $source.Contains('-Wait -Timeout 1800') | Should -BeTrue -Because 'the test edits that example'
        $data = Join-Path $TestDrive 'example.psd1'
        Set-Content $data $source.Replace('-Wait -Timeout 1800', '-Wait -TimeoutSeconds 1800')
        { & $BuildHelp -ModulePath $ModulePath -DataPath $data -OutFile (Join-Path $TestDrive 'example.xml') 3>$null 6>$null } |
            Should -Throw -ExpectedMessage "*does not bind: A parameter cannot be found that matches parameter name 'TimeoutSeconds'*"
    }
}
