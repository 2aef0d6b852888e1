# Comparing a cmdlet's Markdown (as CommandDoc.ps1 reads it) with the cmdlet, and combining the two into what the
# MAML writer needs. Every disagreement is added to $Problems, naming the file and the parameter or example.
# Dot-sourced by Build-MamlHelp.ps1 after Cmdlets.ps1.

$StandardText = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

# The -Name mentions in prose must be real parameters (catches text left behind by a rename).
function Test-ParameterMention {
    param([string[]] $Paragraph, [System.Collections.Generic.HashSet[string]] $Known, [string] $Where,
        [System.Collections.Generic.List[string]] $Problems)
    foreach ($text in $Paragraph) {
        foreach ($match in [regex]::Matches($text, '(?<![\w-])-([A-Z][A-Za-z]+)')) {
            if (-not $Known.Contains($match.Groups[1].Value)) {
                $Problems.Add("$($Where): mentions -$($match.Groups[1].Value), which no ApprovalTools cmdlet has.")
            }
        }
    }
}

# Each example must parse, and each call of one of the module's cmdlets in it must bind its named and
# positional arguments (unknown or ambiguous names, parameter set conflicts, too many positional values).
function Test-ExampleCode {
    param([string] $Code, [string[]] $CmdletName, [string] $Where, [System.Collections.Generic.List[string]] $Problems)
    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref]$tokens, [ref]$errors)
    foreach ($e in $errors) { $Problems.Add("$($Where): does not parse: $($e.Message)") }
    $calls = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true)
    foreach ($call in $calls) {
        if ($call.GetCommandName() -notin $CmdletName) { continue }
        $binding = [System.Management.Automation.Language.StaticParameterBinder]::BindCommand($call, $true)
        foreach ($failure in $binding.BindingExceptions.Values) {
            $Problems.Add("$($Where): '$($call.Extent.Text)' does not bind: $($failure.BindingException.Message)")
        }
    }
}

# The yaml block of a parameter against the code: type, sets, aliases, required, position, pipeline input,
# wildcards, and the default value where the code sets one.
function Test-ParameterFact {
    param([object] $Parameter, [object] $Entry, [int] $SetCount, [string] $CodeDefault,
        [System.Collections.Generic.List[string]] $Problems)
    if (-not $Entry.Facts) { return }
    $expected = Get-ParameterFact $Parameter @($Parameter.Sets) $SetCount
    foreach ($key in @($expected.Keys) + 'Default value') {
        if (-not $Entry.Facts.Contains($key)) { $Problems.Add("$($Entry.Where): the yaml has no '$($key):' line.") }
    }
    foreach ($key in $expected.Keys | Where-Object { $Entry.Facts.Contains($_) }) {
        $said = $Entry.Facts[$key]
        $is = $expected[$key]
        if ($key -eq 'Aliases') {
            $said = (($said -split ',' | ForEach-Object Trim | Where-Object { $_ } | Sort-Object) -join ', ')
            $is = (($is -split ', ' | Where-Object { $_ } | Sort-Object) -join ', ')
        }
        if ($said -ne $is) { $Problems.Add("$($Entry.Where): the yaml says '$($key): $said', the code says '$is'.") }
    }
    $default = $Entry.Facts['Default value']
    if ($CodeDefault -and $null -ne $default -and $default -ne $CodeDefault) {
        $Problems.Add("$($Entry.Where): defaults to $CodeDefault in code, but the yaml says 'Default value: $default'.")
    }
}

# The parameters of the cmdlet with their text and default value from the Markdown.
function Join-ParameterText {
    param([System.Management.Automation.CmdletInfo] $Command, [object] $Doc,
        [System.Collections.Generic.List[string]] $Problems)
    $parameters = @(Get-ParameterModel $Command)
    $defaults = Get-CodeDefault $Command
    $setCount = @($Command.ParameterSets).Count
    foreach ($documented in $Doc.Parameters.Keys) {
        if ($CommonParameters.Contains($documented)) {
            $Problems.Add("$($Doc.File): documents the common parameter -$documented; Get-Help describes it itself.")
        }
        elseif ($documented -notin $parameters.Name) {
            $Problems.Add("$($Doc.File): documents -$documented, which $($Command.Name) does not have.")
        }
    }
    foreach ($parameter in $parameters) {
        $entry = $Doc.Parameters[$parameter.Name]
        if ($entry) {
            $parameter.Description = $entry.Description
            if ($entry.Facts) { $parameter.DefaultValue = $entry.Facts['Default value'] }
            Test-ParameterFact $parameter $entry $setCount $defaults[$parameter.Name] $Problems
        }
        if (-not $parameter.Description) {
            if ($parameter.IsShouldProcess -and $StandardText.ContainsKey($parameter.Name)) {
                $parameter.Description = @($StandardText[$parameter.Name])
            }
            else {
                $facts = Get-ParameterFact $parameter @($parameter.Sets) $setCount
                $yaml = ($facts.GetEnumerator() | ForEach-Object { "$($_.Key): $($_.Value)".TrimEnd() }) -join "`n"
                $Problems.Add("$($Doc.File): parameter -$($parameter.Name) has no description (add " +
                    "'### -$($parameter.Name)' under PARAMETERS: its text, then a yaml block with a Default value " +
                    "and`n$yaml)")
            }
        }
    }
    $parameters
}

# The Markdown of one cmdlet against the cmdlet: the help object the MAML writer takes.
function Get-CommandHelp {
    param(
        [System.Management.Automation.CmdletInfo] $Command,
        [object] $Doc,
        [string] $HelpFileName,
        [System.Collections.Generic.HashSet[string]] $KnownParameters,
        [string[]] $CmdletName,
        [System.Collections.Generic.List[string]] $Problems
    )
    $file = $Doc.File
    $front = @{ 'external help file' = $HelpFileName; 'Module Name' = $Command.ModuleName; 'schema' = '2.0.0' }
    foreach ($key in $front.Keys) {
        if ($Doc.FrontMatter[$key] -ne $front[$key]) {
            $Problems.Add("$($file): the front matter needs '$($key): $($front[$key])'.")
        }
    }
    if ($Doc.Title -ne $Command.Name) { $Problems.Add("$($file): the title (# ...) must be $($Command.Name).") }
    if ($Doc.Synopsis.Count -ne 1) { $Problems.Add("$($file): needs a SYNOPSIS of one paragraph.") }
    if (-not $Doc.Description) { $Problems.Add("$($file): has no DESCRIPTION.") }

    $parameters = @(Join-ParameterText $Command $Doc $Problems)
    foreach ($parameter in $parameters) {
        Test-ParameterMention $parameter.Description $KnownParameters "$file -$($parameter.Name)" $Problems
    }

    $expected = @(Get-SyntaxBlock $Command $parameters)
    $normal = { param($text) ($text -replace '\s+', ' ').Trim() }
    $written = @($Doc.Syntax | ForEach-Object { "$($_.Name)|$(& $normal $_.Text)" })
    foreach ($block in $expected | Where-Object { "$($_.Name)|$(& $normal $_.Text)" -notin $written }) {
        $heading = if ($block.Name) { "### $($block.Name)" } else { '(no heading)' }
        $Problems.Add("$($file): the SYNTAX does not match the cmdlet; for $heading it should read:`n$($block.Text)")
    }
    if ($written.Count -ne $expected.Count) {
        $Problems.Add("$($file): the SYNTAX has $($written.Count) blocks; " +
            "the cmdlet has $($expected.Count) parameter sets.")
    }

    if (-not $Doc.Inputs) { $Problems.Add("$($file): has no INPUTS.") }
    foreach ($item in @($Doc.Inputs) + @($Doc.Outputs) | Where-Object { -not $_.Description }) {
        $Problems.Add("$($file): the type $($item.Type) under INPUTS or OUTPUTS has no text.")
    }
    foreach ($piped in $parameters | Where-Object { $_.Sets.ValueFromPipeline -contains $true }) {
        $type = if ($piped.Type.IsArray) { $piped.Type.GetElementType() } else { $piped.Type }
        if ($type.FullName -notin $Doc.Inputs.Type -and "$($type.FullName)[]" -notin $Doc.Inputs.Type) {
            $Problems.Add("$($file): -$($piped.Name) takes $($type.FullName) from the pipeline, " +
                'but INPUTS does not list it.')
        }
    }
    $declared = @($Command.OutputType | ForEach-Object Name | Sort-Object -Unique)
    $documented = @($Doc.Outputs | ForEach-Object Type | Sort-Object -Unique)
    if (Compare-Object $declared $documented) {
        $Problems.Add("$($file): OUTPUTS lists '$($documented -join "', '")' but the cmdlet declares " +
            "[OutputType] '$($declared -join "', '")'.")
    }

    foreach ($example in $Doc.Examples) {
        Test-ExampleCode $example.Code $CmdletName $example.Where $Problems
        if (-not $example.Remarks) { $Problems.Add("$($example.Where): has no text after its code.") }
        Test-ParameterMention $example.Remarks $KnownParameters $example.Where $Problems
    }
    if ($Doc.Examples.Count -lt 3) {
        $Problems.Add("$($file): has $($Doc.Examples.Count) examples; at least 3 are needed.")
    }

    $prose = [ordered]@{
        SYNOPSIS = $Doc.Synopsis; DESCRIPTION = $Doc.Description; INPUTS = @($Doc.Inputs.Description)
        OUTPUTS = @($Doc.Outputs.Description); NOTES = $Doc.Notes
    }
    foreach ($part in $prose.GetEnumerator()) {
        Test-ParameterMention $part.Value $KnownParameters "$file $($part.Key)" $Problems
    }

    [pscustomobject]@{
        Command      = $Command
        Synopsis     = $Doc.Synopsis
        Description  = $Doc.Description
        Parameters   = $parameters
        Inputs       = $Doc.Inputs
        Outputs      = $Doc.Outputs
        Notes        = $Doc.Notes
        Examples     = $Doc.Examples
        RelatedLinks = $Doc.RelatedLinks
    }
}
