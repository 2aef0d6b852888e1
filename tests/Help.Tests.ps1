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
        $script:Docs = Join-Path $RepoRoot 'docs' 'en-US'

        # A copy of docs/en-US with some text replaced: @{ 'File.md' = @(@('old', 'new'), ...) }. Each old text must
        # be in the file once, so that a test never passes because its edit did not happen.
        function New-DocsCopy([string] $Name, [hashtable] $Edits) {
            $copy = Join-Path $TestDrive $Name
            Copy-Item $Docs $copy -Recurse
            foreach ($file in $Edits.Keys) {
                $path = Join-Path $copy $file
                $text = Get-Content $path -Raw
                foreach ($edit in $Edits[$file]) {
                    ([regex]::Matches($text, [regex]::Escape($edit[0]))).Count | Should -Be 1 -Because "$file holds '$($edit[0])' once"
                    $text = $text.Replace($edit[0], $edit[1])
                }
                Set-Content $path $text -NoNewline
            }
            $copy
        }

        # Runs the generator on some docs; returns the XML file it was asked to write.
        function Invoke-BuildHelp([string] $DocsPath) {
            $out = Join-Path $TestDrive "$(Split-Path $DocsPath -Leaf).xml"
            $null = & $BuildHelp -ModulePath $ModulePath -DocsPath $DocsPath -OutFile $out 3>$null 6>$null
            $out
        }
    }
    AfterAll {
        # The script re-imports the module; leave the session as common.ps1 set it up.
        Import-Module $ModulePath -Force
    }

    It 'writes the help the module ships from docs/en-US' {
        $folder = Join-Path $TestDrive 'fresh'
        $out = Join-Path $folder 'ApprovalTools.dll-Help.xml'
        $null = & $BuildHelp -ModulePath $ModulePath -DocsPath $Docs -OutFile $out 6>$null
        $xml = [xml](Get-Content $out -Raw)
        $xml.helpItems.command.details.name | Sort-Object | Should -Be @('Approve-PipelineAction', 'Deny-PipelineAction', 'Get-ApprovalHistory', 'Get-PendingApproval')
        Get-Content $out -Raw | Should -BeExactly (Get-Content $ShippedHelp -Raw) -Because 'the shipped help should be built from the current Markdown'
        $about = Join-Path (Split-Path $ShippedHelp) 'about_ApprovalTools.help.txt'
        Get-Content (Join-Path $folder 'about_ApprovalTools.help.txt') -Raw | Should -BeExactly (Get-Content $about -Raw)
    }

    It 'fails, naming them, on a missing cmdlet, a missing parameter text and a parameter that no longer exists' {
        $docs = New-DocsCopy 'stale' @{ 'Get-PendingApproval.md' = @(, @("### -Timeout`n", "### -TimeoutSeconds`n")) }
        Remove-Item (Join-Path $docs 'Approve-PipelineAction.md')
        # -Region's text goes, yaml and all.
        $path = Join-Path $docs 'Get-PendingApproval.md'
        $text = Get-Content $path -Raw
        $without = [regex]::Replace($text, '(?ms)^### -Region\n.*?(?=^### )', '')
        $without.Length | Should -BeLessThan $text.Length
        Set-Content $path $without -NoNewline

        $run = { Invoke-BuildHelp $docs }
        $run | Should -Throw -ExpectedMessage '*Approve-PipelineAction has no help: * has no Approve-PipelineAction.md*'
        $run | Should -Throw -ExpectedMessage '*Get-PendingApproval.md: documents -TimeoutSeconds, which Get-PendingApproval does not have*'
        $run | Should -Throw -ExpectedMessage '*Get-PendingApproval.md: parameter -Timeout has no description*'
        $run | Should -Throw -ExpectedMessage '*Get-PendingApproval.md: parameter -Region has no description*Type: String`[`]*Accept wildcard characters: False*'
        Join-Path $TestDrive 'stale.xml' | Should -Not -Exist
    }

    It 'fails on an example that uses a parameter the cmdlet does not have' {
        $docs = New-DocsCopy 'example' @{ 'Get-PendingApproval.md' = @(, @('-Wait -Timeout 1800', '-Wait -TimeoutSeconds 1800')) }
        { Invoke-BuildHelp $docs } | Should -Throw -ExpectedMessage "*Get-PendingApproval.md example 'Gate a runbook on an approval and approve it': *does not bind: A parameter cannot be found that matches parameter name 'TimeoutSeconds'*"
    }

    It 'fails on a yaml default that differs from the code, naming the file and parameter' {
        $edit = @(, @("Position: Named`nDefault value: 16`n", "Position: Named`nDefault value: 8`n"))
        $docs = New-DocsCopy 'default' @{ 'Get-ApprovalHistory.md' = $edit }
        { Invoke-BuildHelp $docs } | Should -Throw -ExpectedMessage "*Get-ApprovalHistory.md -ThrottleLimit: defaults to 16 in code, but the yaml says 'Default value: 8'*"
    }

    It 'fails on yaml facts that differ from the code: <Wrong>' -ForEach @(
        @{ Right = 'Type: String[]'; Wrong = 'Type: String' }
        @{ Right = 'Parameter Sets: (All)'; Wrong = 'Parameter Sets: Window' }
        @{ Right = 'Aliases: Name'; Wrong = 'Aliases: Pipeline' }
        @{ Right = 'Required: False'; Wrong = 'Required: True' }
        @{ Right = 'Position: 0'; Wrong = 'Position: Named' }
        @{ Right = 'Accept pipeline input: True (ByPropertyName, ByValue)'; Wrong = 'Accept pipeline input: False' }
        @{ Right = 'Accept wildcard characters: True'; Wrong = 'Accept wildcard characters: False' }
    ) {
        # The yaml block of Get-ApprovalHistory -PipelineName, with one line changed.
        $yaml = "Type: String[]`nParameter Sets: (All)`nAliases: Name`n`nRequired: False`nPosition: 0`n" +
            "Default value: All pipelines`nAccept pipeline input: True (ByPropertyName, ByValue)`n" +
            "Accept wildcard characters: True`n"
        $yaml.Contains("$Right`n") | Should -BeTrue
        $docs = New-DocsCopy "fact-$($Right -replace '\W')" @{ 'Get-ApprovalHistory.md' = @(, @($yaml, $yaml.Replace("$Right`n", "$Wrong`n"))) }
        $key, $is = $Right -split ': ', 2
        { Invoke-BuildHelp $docs } | Should -Throw -ExpectedMessage "*Get-ApprovalHistory.md -PipelineName: the yaml says '$([WildcardPattern]::Escape($Wrong))', the code says '$([WildcardPattern]::Escape($is))'*"
    }

    It 'fails on a SYNTAX block that no longer matches the parameter sets' {
        $line = ' [-Until <DateTime>] [-Status <String[]>] [-AnsweredBy <String[]>] [-PipelineExecutionId <String>]'
        $docs = New-DocsCopy 'syntax' @{ 'Get-ApprovalHistory.md' = @(, @($line, $line.Replace(' [-Until <DateTime>]', ''))) }
        { Invoke-BuildHelp $docs } |
            Should -Throw -ExpectedMessage '*Get-ApprovalHistory.md: the SYNTAX does not match the cmdlet; for ### Window (Default) it should read:*`[-Until <DateTime>`]*'
    }
}

Describe 'Help text comes from docs/en-US' {
    BeforeAll {
        . (Join-Path $HelpSource 'Markdown.ps1')
        $script:Docs = Join-Path $RepoRoot 'docs' 'en-US'
        $script:PendingDoc = Read-MarkdownFile (Join-Path $Docs 'Get-PendingApproval.md')
    }

    It 'shows a parameter''s Markdown paragraphs, joined, in Get-Help -Full' {
        $section = Split-Subsection $PendingDoc.Sections['PARAMETERS'] | Where-Object Heading -eq '-PollInterval'
        $paragraph = @(Split-MarkdownBlock $section.Lines | Where-Object Kind -eq 'Para')[0].Text
        $paragraph | Should -BeLike 'With -Wait, how many seconds to pause between looks*'
        $help = (Get-Help Get-PendingApproval -Full).parameters.parameter | Where-Object name -eq 'PollInterval'
        @($help.description.Text)[0] | Should -BeExactly $paragraph
        $help.defaultValue | Should -Be '15'
    }

    It 'shows the Markdown examples, titled and in order, with their code' {
        $titles = @(Split-Subsection $PendingDoc.Sections['EXAMPLES'] | ForEach-Object Heading)
        $examples = @((Get-Help Get-PendingApproval -Full).examples.example)
        $examples.Count | Should -Be $titles.Count
        $examples[2].title | Should -Match ([regex]::Escape($titles[2]))
        $examples[2].code | Should -BeLike "Get-PendingApproval -PipelineName release-train -StageName Production -Wait -Timeout 1800*"
        (Get-Help Get-PendingApproval -Examples | Out-String) | Should -BeLike '*Example 3: Gate a runbook on an approval*'
    }

    It 'shows the about topic''s Markdown, with its subtopics' {
        $topic = Get-Help about_ApprovalTools | Out-String
        $topic | Should -Match '(?m)^  TOKEN SAFETY$'
        $topic | Should -Match '(?m)^        ApprovalAlreadyCompleted  that run was already answered$'
        Get-Content (Join-Path $Docs 'about_ApprovalTools.md') -Raw | Should -BeLike '*### TOKEN SAFETY*'
    }

    It 'keeps the Markdown and the generator within 120 columns, and the generator''s files within 300 lines' {
        $files = @(Get-ChildItem $Docs -Filter *.md) + @(Get-ChildItem $HelpSource -Filter *.ps1)
        $files.Count | Should -BeGreaterThan 5
        foreach ($file in $files) {
            $lines = @(Get-Content $file.FullName)
            $lines | Where-Object Length -gt 120 | Should -BeNullOrEmpty -Because "$($file.Name) keeps lines short"
            if ($file.Extension -eq '.ps1') { $lines.Count | Should -BeLessOrEqual 300 -Because $file.Name }
        }
    }
}
