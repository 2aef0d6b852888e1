# Reading docs/en-US/<Cmdlet>.md (platyPS's cmdlet layout) into the parts the MAML file has. Only the layout is
# checked here; Checks.ps1 compares the result with the cmdlet. Dot-sourced by Build-MamlHelp.ps1 after Markdown.ps1.

$CommandSections = 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES',
'RELATED LINKS'

# The paragraphs of some lines; a list item is a paragraph of its own, marked as in the Markdown. Code and tables
# have no place in them.
function Get-Paragraph {
    param([AllowNull()] [string[]] $Lines, [string] $Where, [System.Collections.Generic.List[string]] $Problems)
    foreach ($block in Split-MarkdownBlock $Lines) {
        switch ($block.Kind) {
            'Para' { $block.Text }
            'List' {
                $number = 0
                foreach ($item in $block.Items) {
                    $number++
                    if ($block.Ordered) { "$number. $item" } else { "- $item" }
                }
            }
            default { $Problems.Add("$($Where): has a $($block.Kind.ToLowerInvariant()) block where text belongs.") }
        }
    }
}

# A yaml block of 'Key: value' lines, as an ordered dictionary.
function ConvertFrom-YamlFact {
    param([string] $Text, [string] $Where, [System.Collections.Generic.List[string]] $Problems)
    $facts = [ordered]@{}
    foreach ($line in $Text -split "`n" | Where-Object { $_.Trim() }) {
        if ($line -match '^([^:]+):(.*)$') { $facts[$Matches[1].Trim()] = $Matches[2].Trim() }
        else { $Problems.Add("$($Where): the yaml line '$line' is not 'Key: value'.") }
    }
    $facts
}

# The '### Example N: Title' subsections: the code block and the text after it.
function Read-ExampleSection {
    param([string[]] $Lines, [string] $File, [System.Collections.Generic.List[string]] $Problems)
    $number = 0
    foreach ($part in Split-Subsection $Lines) {
        $number++
        if ($part.Heading -notmatch '^Example (\d+): (.+)$' -or [int]$Matches[1] -ne $number) {
            $Problems.Add("$($File): '### $($part.Heading)' should read '### Example $($number): <title>'.")
            continue
        }
        $title = $Matches[2].Trim()
        $where = "$File example '$title'"
        $blocks = @(Split-MarkdownBlock $part.Lines)
        $code = @($blocks | Where-Object Kind -eq 'Code')
        if ($code.Count -ne 1) { $Problems.Add("$($where): needs exactly one code block."); continue }
        $rest = @($blocks | Where-Object Kind -ne 'Code' | ForEach-Object {
                if ($_.Kind -eq 'Para') { $_.Text } else { $Problems.Add("$($where): has a $($_.Kind) in its text.") }
            })
        [pscustomobject]@{ Title = $title; Code = $code[0].Text.Trim(); Remarks = $rest; Where = $where }
    }
}

# The '### -Name' subsections: the text and the yaml block, by parameter name.
function Read-ParameterSection {
    param([string[]] $Lines, [string] $File, [System.Collections.Generic.List[string]] $Problems)
    $parameters = [ordered]@{}
    foreach ($part in Split-Subsection $Lines) {
        if ($part.Heading -eq 'CommonParameters') { continue }
        if ($part.Heading -notmatch '^-(\w+)$') {
            $Problems.Add("$($File): '### $($part.Heading)' under PARAMETERS should read '### -<Name>'.")
            continue
        }
        $name = $Matches[1]
        $where = "$File -$name"
        $blocks = @(Split-MarkdownBlock $part.Lines)
        $yaml = @($blocks | Where-Object { $_.Kind -eq 'Code' -and $_.Language -eq 'yaml' })
        $text = @($blocks | Where-Object { -not ($_.Kind -eq 'Code' -and $_.Language -eq 'yaml') })
        $parameters[$name] = [pscustomobject]@{
            Description = @(foreach ($block in $text) {
                    if ($block.Kind -eq 'Para') { $block.Text }
                    else { $Problems.Add("$($where): has a $($block.Kind.ToLowerInvariant()) block in its text.") }
                })
            Facts       = if ($yaml.Count -eq 1) { ConvertFrom-YamlFact $yaml[0].Text $where $Problems }
            Where       = $where
        }
        if ($yaml.Count -ne 1) { $Problems.Add("$($where): needs exactly one ``````yaml block.") }
    }
    $parameters
}

# INPUTS and OUTPUTS: a '### <type name>' per type, with its text.
function Read-TypeSection {
    param([string[]] $Lines, [string] $Where, [System.Collections.Generic.List[string]] $Problems)
    foreach ($part in Split-Subsection $Lines) {
        if (-not $part.Heading) { $Problems.Add("$($Where): text outside a '### <type name>' heading."); continue }
        [pscustomobject]@{ Type = $part.Heading; Description = @(Get-Paragraph $part.Lines $Where $Problems) }
    }
}

# The whole file, as the parts Checks.ps1 compares with the cmdlet.
function Read-CommandDoc {
    param([object] $Doc, [System.Collections.Generic.List[string]] $Problems)
    $file = Split-Path $Doc.Path -Leaf
    foreach ($name in $Doc.Sections.Keys | Where-Object { $_ -notin $CommandSections }) {
        $Problems.Add("$($file): '## $name' is not a section of a cmdlet's help ($($CommandSections -join ', ')).")
    }
    $lines = @{}
    foreach ($name in $CommandSections) {
        $lines[$name] = if ($Doc.Sections.Contains($name)) { @($Doc.Sections[$name]) } else {
            $Problems.Add("$($file): has no '## $name' section.")
            @()
        }
    }
    $syntax = foreach ($part in Split-Subsection $lines.SYNTAX) {
        $code = @(Split-MarkdownBlock $part.Lines | Where-Object Kind -eq 'Code')
        if ($code.Count -ne 1) { $Problems.Add("$($file): each syntax needs one code block."); continue }
        [pscustomobject]@{ Name = $part.Heading; Text = $code[0].Text }
    }
    $links = foreach ($text in Get-Paragraph $lines.'RELATED LINKS' "$file RELATED LINKS" $Problems) {
        if ($text -notmatch '^\[([^\]]+)\]\(([^)]*)\)$') {
            $Problems.Add("$($file): the related link '$text' is not [text](address).")
            continue
        }
        $label = $Matches[1]
        $target = $Matches[2]
        # A link to another help page (Name.md) is a name for Get-Help, not an address.
        [pscustomobject]@{ Text = $label; Uri = $(if ($target -match '^https?://') { $target } else { '' }) }
    }
    [pscustomobject]@{
        File         = $file
        Title        = $Doc.Title
        FrontMatter  = $Doc.FrontMatter
        Synopsis     = @(Get-Paragraph $lines.SYNOPSIS "$file SYNOPSIS" $Problems)
        Syntax       = @($syntax)
        Description  = @(Get-Paragraph $lines.DESCRIPTION "$file DESCRIPTION" $Problems)
        Examples     = @(Read-ExampleSection $lines.EXAMPLES $file $Problems)
        Parameters   = Read-ParameterSection $lines.PARAMETERS $file $Problems
        Inputs       = @(Read-TypeSection $lines.INPUTS "$file INPUTS" $Problems)
        Outputs      = @(Read-TypeSection $lines.OUTPUTS "$file OUTPUTS" $Problems)
        Notes        = @(Get-Paragraph $lines.NOTES "$file NOTES" $Problems)
        RelatedLinks = @($links)
    }
}
