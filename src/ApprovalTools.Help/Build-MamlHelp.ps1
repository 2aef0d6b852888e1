#Requires -Version 7.2
<#
.SYNOPSIS
Writes the MAML help file of ApprovalTools from the built module and the help text in ApprovalTools.Help.psd1.

.DESCRIPTION
Imports the built module into the current session and reads each exported cmdlet's metadata with Get-Command:
parameter sets, mandatory, positions, pipeline input, aliases, types, wildcard support and, from a fresh instance
of the cmdlet, the default values set in code. It combines that with the text in the data file and writes
ApprovalTools.dll-Help.xml in the helpItems/command:command schema that Get-Help reads.

It throws, listing every problem, when the data file and the module disagree:
  - an exported cmdlet, or one of its parameters, has no text (PowerShell's common parameters and
    WhatIf/Confirm excepted: those get standard text);
  - the data file documents a cmdlet or a parameter that does not exist (a renamed one, say);
  - an example does not bind: an unknown or ambiguous parameter, a parameter set conflict, a syntax error;
  - the text mentions a -Parameter that none of the module's cmdlets has;
  - a DefaultValue differs from the default in code, or the Outputs differ from the cmdlet's [OutputType].

.EXAMPLE
./src/ApprovalTools.Help/Build-MamlHelp.ps1 -ModulePath output/ApprovalTools/0.1.0/ApprovalTools.psd1 -DataPath src/ApprovalTools.Help/ApprovalTools.Help.psd1 -OutFile output/ApprovalTools/0.1.0/en-US/ApprovalTools.dll-Help.xml
#>
[CmdletBinding()]
param(
    # The built module's manifest.
    [Parameter(Mandatory)]
    [string] $ModulePath,

    # The help text (ApprovalTools.Help.psd1).
    [Parameter(Mandatory)]
    [string] $DataPath,

    # The MAML file to write, normally <module folder>/en-US/ApprovalTools.dll-Help.xml.
    [Parameter(Mandatory)]
    [string] $OutFile
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Namespaces = [ordered]@{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

# Get-Help describes these itself (<CommonParameters>); the data file must not.
$CommonParameters = [System.Collections.Generic.HashSet[string]]::new(
    [string[]][System.Management.Automation.PSCmdlet]::CommonParameters, [StringComparer]::OrdinalIgnoreCase)
# Every SupportsShouldProcess cmdlet has these; the data file may describe them, or they get the standard text.
$ShouldProcessParameters = [System.Collections.Generic.HashSet[string]]::new(
    [string[]][System.Management.Automation.PSCmdlet]::OptionalCommonParameters, [StringComparer]::OrdinalIgnoreCase)
$StandardText = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

#region Reading the data file

# A text in the data file is a string or an array of strings, one paragraph each.
function ConvertTo-Paragraph {
    param([AllowNull()] [object] $Text)
    @($Text | Where-Object { $_ -is [string] -and $_.Trim() } | ForEach-Object { $_.Trim() })
}

# Replaces {{Name}} by the cmdlet's Words entry; an unknown name is a problem.
function Expand-Word {
    param([string] $Text, [hashtable] $Words, [string] $Where, [System.Collections.Generic.List[string]] $Problems)
    [regex]::Replace($Text, '\{\{(\w+)\}\}', {
            param($match)
            $name = $match.Groups[1].Value
            if ($Words.ContainsKey($name)) { return [string]$Words[$name] }
            $Problems.Add("$($Where): {{$name}} is not in the cmdlet's Words.")
            $match.Value
        })
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

#endregion

#region Reading the cmdlets

# The parameters of a cmdlet as Get-Help shows them: common parameters left out, one entry per parameter with
# its view in each of its sets.
function Get-ParameterModel {
    param([System.Management.Automation.CmdletInfo] $Command)
    $models = [ordered]@{}
    # The default set first, so its view of a parameter is the one the parameters section shows.
    foreach ($set in $Command.ParameterSets | Sort-Object -Stable { -not $_.IsDefault }) {
        foreach ($parameter in $set.Parameters) {
            if ($CommonParameters.Contains($parameter.Name)) { continue }
            if (-not $models.Contains($parameter.Name)) {
                $metadata = $Command.Parameters[$parameter.Name]
                $models[$parameter.Name] = [pscustomobject]@{
                    Name           = $parameter.Name
                    Type           = $parameter.ParameterType
                    IsSwitch       = $parameter.ParameterType -eq [switch]
                    Aliases        = @($metadata.Aliases)
                    Globbing       = [bool]($metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
                    Sets           = [System.Collections.Generic.List[object]]::new()
                    Description    = @()
                    DefaultValue   = $null
                    IsShouldProcess = $ShouldProcessParameters.Contains($parameter.Name)
                }
            }
            $models[$parameter.Name].Sets.Add([pscustomobject]@{
                    SetName                         = $set.Name
                    IsMandatory                     = $parameter.IsMandatory
                    Position                        = $parameter.Position
                    ValueFromPipeline               = $parameter.ValueFromPipeline
                    ValueFromPipelineByPropertyName = $parameter.ValueFromPipelineByPropertyName
                })
        }
    }
    # In declaration order (InputObject, the names, ..., the AWS parameters, WhatIf, Confirm).
    foreach ($name in $Command.Parameters.Keys) { if ($models.Contains($name)) { $models[$name] } }
}

# The defaults a fresh instance of the cmdlet has (ThrottleLimit = 16, ...), by parameter name.
function Get-CodeDefault {
    param([System.Management.Automation.CmdletInfo] $Command)
    $defaults = @{}
    try {
        $instance = [Activator]::CreateInstance($Command.ImplementingType)
    }
    catch {
        Write-Warning "Cannot create $($Command.ImplementingType) to read its defaults; they are not checked. $($_.Exception.Message)"
        return $defaults
    }
    try {
        foreach ($name in $Command.Parameters.Keys) {
            $property = $Command.ImplementingType.GetProperty($name)
            if ($null -eq $property -or $property.PropertyType -eq [switch]) { continue }
            $value = $property.GetValue($instance)
            if ($null -ne $value -and "$value" -ne '') { $defaults[$name] = [string]$value }
        }
    }
    finally {
        if ($instance -is [IDisposable]) { $instance.Dispose() }
    }
    $defaults
}

#endregion

#region Combining the two

function Get-CommandHelp {
    param(
        [System.Management.Automation.CmdletInfo] $Command,
        [hashtable] $Entry,
        [hashtable] $SharedParameters,
        [System.Collections.Generic.HashSet[string]] $KnownParameters,
        [string[]] $CmdletName,
        [System.Collections.Generic.List[string]] $Problems
    )
    $name = $Command.Name
    $words = if ($Entry['Words']) { $Entry.Words } else { @{} }
    $text = { param($value, $where) ConvertTo-Paragraph $value | ForEach-Object { Expand-Word $_ $words $where $Problems } }

    $synopsis = @(& $text $Entry['Synopsis'] "$name synopsis")
    if ($synopsis.Count -ne 1) { $Problems.Add("$($name): needs a Synopsis of one paragraph.") }
    $description = @(& $text $Entry['Description'] "$name description")
    if (-not $description) { $Problems.Add("$($name): has no Description.") }

    # Parameter texts: the shared groups the cmdlet names, then its own entries on top.
    $parameterText = @{}
    foreach ($group in @($Entry['SharedParameters'])) {
        if (-not $group) { continue }
        if (-not $SharedParameters.ContainsKey($group)) {
            $Problems.Add("$($name): uses SharedParameters group '$group', which the data file does not define.")
            continue
        }
        foreach ($pair in $SharedParameters[$group].GetEnumerator()) {
            $parameterText[$pair.Key] = @{ Entry = $pair.Value; Source = "SharedParameters.$group" }
        }
    }
    if ($Entry['Parameters']) {
        foreach ($pair in $Entry.Parameters.GetEnumerator()) {
            $parameterText[$pair.Key] = @{ Entry = $pair.Value; Source = "Commands.'$name'.Parameters" }
        }
    }

    $parameters = @(Get-ParameterModel $Command)
    $defaults = Get-CodeDefault $Command
    foreach ($documented in $parameterText.Keys) {
        $source = $parameterText[$documented].Source
        if ($CommonParameters.Contains($documented)) {
            $Problems.Add("$($name): $source documents the common parameter -$documented; Get-Help describes it in about_CommonParameters.")
        }
        elseif ($documented -notin ($parameters | ForEach-Object Name)) {
            $Problems.Add("$($name): $source documents -$documented, which $name does not have.")
        }
    }
    foreach ($parameter in $parameters) {
        $found = $parameterText[$parameter.Name]
        $where = "$name -$($parameter.Name)"
        if ($found) {
            $parameter.Description = @(& $text $found.Entry['Description'] $where)
            $parameter.DefaultValue = $found.Entry['DefaultValue']
        }
        if (-not $parameter.Description) {
            if ($parameter.IsShouldProcess -and $StandardText.ContainsKey($parameter.Name)) {
                $parameter.Description = @($StandardText[$parameter.Name])
            }
            else {
                $Problems.Add("$($name): parameter -$($parameter.Name) has no description (add it to Commands.'$name'.Parameters or to a SharedParameters group the cmdlet uses).")
            }
        }
        $inCode = $defaults[$parameter.Name]
        if ($null -ne $inCode -and "$($parameter.DefaultValue)" -ne $inCode) {
            $Problems.Add("$($where): defaults to $inCode in code, but the data file says '$($parameter.DefaultValue)'.")
        }
        Test-ParameterMention $parameter.Description $KnownParameters $where $Problems
    }

    $inputs = @(foreach ($item in @($Entry['Inputs'])) {
            if ($item) { [pscustomobject]@{ Type = $item.Type; Description = @(& $text $item['Description'] "$name inputs") } }
        })
    if (-not $inputs) { $Problems.Add("$($name): has no Inputs.") }
    if ($inputs | Where-Object { -not $_.Type -or -not $_.Description }) { $Problems.Add("$($name): every Inputs entry needs a Type and a Description.") }
    $inputTypes = @($inputs | ForEach-Object Type)
    foreach ($piped in $parameters | Where-Object { $_.Sets.ValueFromPipeline -contains $true }) {
        $type = if ($piped.Type.IsArray) { $piped.Type.GetElementType() } else { $piped.Type }
        if ($type.FullName -notin $inputTypes -and "$($type.FullName)[]" -notin $inputTypes) {
            $Problems.Add("$($name): -$($piped.Name) takes $($type.FullName) from the pipeline, but Inputs does not list it.")
        }
    }

    $outputs = @(foreach ($item in @($Entry['Outputs'])) {
            if ($item) { [pscustomobject]@{ Type = $item.Type; Description = @(& $text $item['Description'] "$name outputs") } }
        })
    if ($outputs | Where-Object { -not $_.Type -or -not $_.Description }) { $Problems.Add("$($name): every Outputs entry needs a Type and a Description.") }
    $declared = @($Command.OutputType | ForEach-Object Name | Sort-Object -Unique)
    $documentedOutputs = @($outputs | ForEach-Object Type | Sort-Object -Unique)
    if (Compare-Object $declared $documentedOutputs) {
        $Problems.Add("$($name): Outputs lists '$($documentedOutputs -join "', '")' but the cmdlet declares [OutputType] '$($declared -join "', '")'.")
    }

    $notes = @(& $text $Entry['Notes'] "$name notes")

    $examples = @(foreach ($example in @($Entry['Examples'])) {
            if (-not $example) { continue }
            $where = "$name example '$($example['Title'])'"
            $code = ([string]$example['Code']).Trim() -replace '\r\n?', "`n"
            if (-not $example['Title'] -or -not $code) { $Problems.Add("$($where): needs a Title and Code."); continue }
            Test-ExampleCode $code $CmdletName $where $Problems
            $remarks = @(& $text $example['Remarks'] $where)
            if (-not $remarks) { $Problems.Add("$($where): has no Remarks.") }
            Test-ParameterMention $remarks $KnownParameters $where $Problems
            [pscustomobject]@{ Title = $example.Title; Code = $code; Remarks = $remarks }
        })
    if ($examples.Count -lt 3) { $Problems.Add("$($name): has $($examples.Count) examples; at least 3 are needed.") }

    $links = @(foreach ($link in @($Entry['RelatedLinks'])) {
            if ($link) { [pscustomobject]@{ Text = $link.Text; Uri = [string]$link['Uri'] } }
        })
    if ($links | Where-Object { -not $_.Text }) { $Problems.Add("$($name): every RelatedLinks entry needs a Text.") }

    $prose = [ordered]@{
        synopsis    = $synopsis
        description = $description
        inputs      = @($inputs | ForEach-Object Description)
        outputs     = @($outputs | ForEach-Object Description)
        notes       = $notes
    }
    foreach ($part in $prose.GetEnumerator()) {
        Test-ParameterMention $part.Value $KnownParameters "$name $($part.Key)" $Problems
    }

    [pscustomobject]@{
        Command      = $Command
        Synopsis     = $synopsis
        Description  = $description
        Parameters   = $parameters
        Inputs       = $inputs
        Outputs      = $outputs
        Notes        = $notes
        Examples     = $examples
        RelatedLinks = $links
    }
}

#endregion

#region Writing MAML

function Write-Text {
    param([System.Xml.XmlWriter] $Writer, [string] $Prefix, [string] $Name, [string] $Value)
    $Writer.WriteElementString($Prefix, $Name, $Namespaces[$Prefix], $Value)
}

function Write-Description {
    param([System.Xml.XmlWriter] $Writer, [string[]] $Paragraph, [string] $Prefix = 'maml', [string] $Name = 'description')
    $Writer.WriteStartElement($Prefix, $Name, $Namespaces[$Prefix])
    foreach ($p in $Paragraph) { Write-Text $Writer maml para $p }
    $Writer.WriteEndElement()
}

function Write-DevType {
    param([System.Xml.XmlWriter] $Writer, [string] $TypeName)
    $Writer.WriteStartElement('dev', 'type', $Namespaces.dev)
    Write-Text $Writer maml name $TypeName
    $Writer.WriteStartElement('maml', 'uri', $Namespaces.maml)
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()
}

# One command:parameter. $Sets is the parameter's view in one syntax item, or all of its sets for the
# parameters section.
function Write-Parameter {
    param([System.Xml.XmlWriter] $Writer, [object] $Parameter, [object[]] $Sets, [switch] $InSyntax)
    $pipeline = @(
        if ($Sets.ValueFromPipelineByPropertyName -contains $true) { 'ByPropertyName' }
        if ($Sets.ValueFromPipeline -contains $true) { 'ByValue' }
    )
    $Writer.WriteStartElement('command', 'parameter', $Namespaces.command)
    $Writer.WriteAttributeString('required', ([string](-not ($Sets.IsMandatory -contains $false))).ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', ([string]$Parameter.Type.IsArray).ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', ([string]$Parameter.Globbing).ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $(if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }))
    $Writer.WriteAttributeString('position', $(if ($Sets[0].Position -ge 0) { [string]$Sets[0].Position } else { 'named' }))
    $Writer.WriteAttributeString('aliases', $(if ($Parameter.Aliases) { $Parameter.Aliases -join ', ' } else { 'none' }))
    Write-Text $Writer maml name $Parameter.Name
    Write-Description $Writer $Parameter.Description
    if (-not ($InSyntax -and $Parameter.IsSwitch)) {
        $Writer.WriteStartElement('command', 'parameterValue', $Namespaces.command)
        $Writer.WriteAttributeString('required', ([string](-not $Parameter.IsSwitch)).ToLowerInvariant())
        $Writer.WriteAttributeString('variableLength', ([string]$Parameter.Type.IsArray).ToLowerInvariant())
        $Writer.WriteString($Parameter.Type.Name)
        $Writer.WriteEndElement()
    }
    Write-DevType $Writer $Parameter.Type.FullName
    $default = if ($null -ne $Parameter.DefaultValue) { $Parameter.DefaultValue } elseif ($Parameter.IsSwitch) { 'False' } else { 'None' }
    Write-Text $Writer dev defaultValue $default
    $Writer.WriteEndElement()
}

function Write-Command {
    param([System.Xml.XmlWriter] $Writer, [object] $Help)
    $command = $Help.Command
    $Writer.WriteStartElement('command', 'command', $Namespaces.command)
    foreach ($prefix in $Namespaces.Keys) { $Writer.WriteAttributeString('xmlns', $prefix, $null, $Namespaces[$prefix]) }

    $Writer.WriteStartElement('command', 'details', $Namespaces.command)
    Write-Text $Writer command name $command.Name
    Write-Text $Writer command verb $command.Verb
    Write-Text $Writer command noun $command.Noun
    Write-Description $Writer $Help.Synopsis
    $Writer.WriteEndElement()

    Write-Description $Writer $Help.Description

    # One syntax item per parameter set, default set first: positional parameters by position, then the
    # mandatory ones, then the rest in declaration order.
    $Writer.WriteStartElement('command', 'syntax', $Namespaces.command)
    foreach ($set in $command.ParameterSets | Sort-Object -Stable { -not $_.IsDefault }) {
        $Writer.WriteStartElement('command', 'syntaxItem', $Namespaces.command)
        Write-Text $Writer maml name $command.Name
        $inSet = foreach ($parameter in $Help.Parameters) {
            $view = $parameter.Sets | Where-Object SetName -eq $set.Name
            if ($view) { [pscustomobject]@{ Parameter = $parameter; View = $view } }
        }
        $ordered = @($inSet | Where-Object { $_.View.Position -ge 0 } | Sort-Object { $_.View.Position }) +
            @($inSet | Where-Object { $_.View.Position -lt 0 -and $_.View.IsMandatory }) +
            @($inSet | Where-Object { $_.View.Position -lt 0 -and -not $_.View.IsMandatory })
        foreach ($item in $ordered) { Write-Parameter $Writer $item.Parameter @($item.View) -InSyntax }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'parameters', $Namespaces.command)
    foreach ($parameter in $Help.Parameters) { Write-Parameter $Writer $parameter @($parameter.Sets) }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'inputTypes', $Namespaces.command)
    foreach ($item in $Help.Inputs) {
        $Writer.WriteStartElement('command', 'inputType', $Namespaces.command)
        Write-DevType $Writer $item.Type
        Write-Description $Writer $item.Description
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'returnValues', $Namespaces.command)
    foreach ($item in $Help.Outputs) {
        $Writer.WriteStartElement('command', 'returnValue', $Namespaces.command)
        Write-DevType $Writer $item.Type
        Write-Description $Writer $item.Description
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    if ($Help.Notes) {
        $Writer.WriteStartElement('maml', 'alertSet', $Namespaces.maml)
        Write-Description $Writer $Help.Notes -Name alert
        $Writer.WriteEndElement()
    }

    $Writer.WriteStartElement('command', 'examples', $Namespaces.command)
    $number = 0
    foreach ($example in $Help.Examples) {
        $number++
        $Writer.WriteStartElement('command', 'example', $Namespaces.command)
        Write-Text $Writer maml title "--------- Example $($number): $($example.Title) ---------"
        Write-Text $Writer dev code $example.Code
        Write-Description $Writer $example.Remarks -Prefix dev -Name remarks
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'relatedLinks', $Namespaces.command)
    foreach ($link in $Help.RelatedLinks) {
        $Writer.WriteStartElement('maml', 'navigationLink', $Namespaces.maml)
        Write-Text $Writer maml linkText $link.Text
        Write-Text $Writer maml uri $link.Uri
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteEndElement()
}

#endregion

$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$DataPath = (Resolve-Path -LiteralPath $DataPath).ProviderPath
$OutFile = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutFile)

$data = Import-PowerShellDataFile -LiteralPath $DataPath
$shared = if ($data['SharedParameters']) { $data.SharedParameters } else { @{} }
$entries = if ($data['Commands']) { $data.Commands } else { @{} }

$module = Import-Module $ModulePath -Force -PassThru
$cmdlets = @($module.ExportedCmdlets.Values | Sort-Object Name)
if (-not $cmdlets) { throw "$ModulePath exports no cmdlets." }

# What a -Name in the text may refer to: any parameter or alias of the module's cmdlets, or a common one.
$known = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
foreach ($cmdlet in $cmdlets) {
    foreach ($parameter in $cmdlet.Parameters.Values) {
        $null = $known.Add($parameter.Name)
        foreach ($alias in $parameter.Aliases) { $null = $known.Add($alias) }
    }
}

$problems = [System.Collections.Generic.List[string]]::new()
foreach ($documented in $entries.Keys | Where-Object { $_ -notin $cmdlets.Name }) {
    $problems.Add("Commands.'$documented' documents a cmdlet that $($module.Name) does not export.")
}
$helps = foreach ($cmdlet in $cmdlets) {
    if (-not $entries.ContainsKey($cmdlet.Name)) {
        $problems.Add("$($cmdlet.Name): has no entry in Commands.")
        continue
    }
    Get-CommandHelp -Command $cmdlet -Entry $entries[$cmdlet.Name] -SharedParameters $shared `
        -KnownParameters $known -CmdletName $cmdlets.Name -Problems $problems
}
foreach ($group in $shared.Keys) {
    $users = @($entries.Values | Where-Object { $group -in @($_['SharedParameters']) })
    if (-not $users) { $problems.Add("SharedParameters.$group is used by no cmdlet.") }
}
if ($problems.Count) {
    # One line each in the build log; the exception carries the whole list for callers that catch it.
    foreach ($problem in $problems) { Write-Warning $problem }
    throw "The help data in $DataPath does not match $($module.Name) ($($problems.Count) problems):`n  - " + ($problems -join "`n  - ")
}

$null = New-Item -ItemType Directory -Path (Split-Path $OutFile -Parent) -Force
$settings = [System.Xml.XmlWriterSettings]@{
    Indent      = $true
    IndentChars = '  '
    Encoding    = [System.Text.UTF8Encoding]::new($false)
}
$writer = [System.Xml.XmlWriter]::Create($OutFile, $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($help in $helps) { Write-Command $writer $help }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
}
finally {
    $writer.Dispose()
}

# Read it back: a file Get-Help cannot load would only show up as help silently missing.
$written = [xml](Get-Content -LiteralPath $OutFile -Raw)
Write-Host "Help: $OutFile ($($written.helpItems.ChildNodes.Count) cmdlets)"
