#Requires -Version 7.2
<#
.SYNOPSIS
Writes the help of ApprovalTools (MAML and about topics) from the built module and the Markdown in docs/en-US.

.DESCRIPTION
The help is written as Markdown in the layout platyPS uses: one <Cmdlet>.md per cmdlet and about_*.md topics.
This script does what platyPS's New-ExternalHelp would (platyPS is not on NuGet), and checks the Markdown against
the code. It imports the built module into the current session and reads each exported cmdlet's metadata with
Get-Command: parameter sets, mandatory, positions, pipeline input, aliases, types, wildcard support and, from a fresh
instance of the cmdlet, the default values set in code. It writes ApprovalTools.dll-Help.xml (helpItems/
command:command, the schema Get-Help reads) and, beside it, about_<Topic>.help.txt for each about topic.

It throws, listing every problem, each naming its file and parameter or example, when the Markdown and the module
disagree:
  - an exported cmdlet has no <Cmdlet>.md, or a <Cmdlet>.md no cmdlet;
  - a parameter has no text (WhatIf/Confirm excepted: they get standard text), or a documented parameter does not
    exist (a renamed one, say), or documents a common parameter;
  - a yaml block differs from the code in Type, Parameter Sets, Aliases, Required, Position, Accept pipeline input
    or Accept wildcard characters, or its Default value differs from the default in code;
  - the SYNTAX blocks differ from the parameter sets;
  - an example does not bind: an unknown or ambiguous parameter, a parameter set conflict, a syntax error;
  - the text mentions a -Parameter that none of the module's cmdlets has;
  - OUTPUTS differ from the cmdlet's [OutputType], or INPUTS lack a type the cmdlet takes from the pipeline;
  - a section is missing or out of layout.

.EXAMPLE
./src/ApprovalTools.Help/Build-MamlHelp.ps1 -ModulePath output/ApprovalTools/0.1.0/ApprovalTools.psd1 `
    -DocsPath docs/en-US -OutFile output/ApprovalTools/0.1.0/en-US/ApprovalTools.dll-Help.xml
#>
[CmdletBinding()]
param(
    # The built module's manifest.
    [Parameter(Mandatory)]
    [string] $ModulePath,

    # The folder of the Markdown help (docs/en-US).
    [Parameter(Mandatory)]
    [string] $DocsPath,

    # The MAML file to write, normally <module folder>/en-US/ApprovalTools.dll-Help.xml; the about topics go beside it.
    [Parameter(Mandatory)]
    [string] $OutFile
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

foreach ($part in 'Markdown', 'Cmdlets', 'CommandDoc', 'Checks', 'Maml', 'About') {
    . (Join-Path $PSScriptRoot "$part.ps1")
}

$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$DocsPath = (Resolve-Path -LiteralPath $DocsPath).ProviderPath
$OutFile = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutFile)

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
$files = @(Get-ChildItem -LiteralPath $DocsPath -Filter *.md | Sort-Object Name)
$aboutFiles = @($files | Where-Object Name -like 'about_*')
foreach ($file in $files | Where-Object { $_.Name -notlike 'about_*' -and $_.BaseName -notin $cmdlets.Name }) {
    $problems.Add("$($file.Name) documents a cmdlet that $($module.Name) does not export.")
}
$helpFileName = Split-Path $OutFile -Leaf
$helps = foreach ($cmdlet in $cmdlets) {
    $path = Join-Path $DocsPath "$($cmdlet.Name).md"
    if (-not (Test-Path -LiteralPath $path)) {
        $problems.Add("$($cmdlet.Name) has no help: $DocsPath has no $($cmdlet.Name).md.")
        continue
    }
    $doc = Read-CommandDoc (Read-MarkdownFile $path) $problems
    Get-CommandHelp -Command $cmdlet -Doc $doc -HelpFileName $helpFileName -KnownParameters $known `
        -CmdletName $cmdlets.Name -Problems $problems
}
$topics = foreach ($file in $aboutFiles) {
    [pscustomobject]@{
        Name = "$($file.BaseName).help.txt"
        Text = ConvertTo-AboutText (Read-MarkdownFile $file.FullName) $problems
    }
}
if ($problems.Count) {
    # One line each in the build log; the exception carries the whole list for callers that catch it.
    foreach ($problem in $problems) { Write-Warning $problem }
    throw "The help in $DocsPath does not match $($module.Name) ($($problems.Count) problems):`n  - " +
        ($problems -join "`n  - ")
}

$count = Save-MamlHelp @($helps) $OutFile
foreach ($topic in $topics) {
    [IO.File]::WriteAllText((Join-Path (Split-Path $OutFile -Parent) $topic.Name), $topic.Text)
}
Write-Host "Help: $OutFile ($count cmdlets; about topics: $(@($topics.Name) -join ', '))"
