# Reading the Markdown of docs/en-US, in the layout platyPS uses: YAML front matter, a '# Title', '## SECTION'
# headings, '### Subsection' headings inside them, paragraphs, fenced code blocks, lists and tables.
# Dot-sourced by Build-MamlHelp.ps1. Text is taken literally: no inline Markdown is interpreted.

# The lines of a file, split into front matter, title and sections (each a list of lines, by heading).
function Read-MarkdownFile {
    param([string] $Path)
    $lines = @((Get-Content -LiteralPath $Path -Raw) -replace '\r\n?', "`n" -split "`n")
    $front = [ordered]@{}
    $at = 0
    if ($lines[0] -eq '---') {
        for ($at = 1; $at -lt $lines.Count -and $lines[$at] -ne '---'; $at++) {
            if ($lines[$at] -match '^([^:]+):\s*(.*)$') { $front[$Matches[1].Trim()] = $Matches[2].Trim() }
        }
        $at++
    }
    $title = $null
    $sections = [ordered]@{}
    $current = $null
    $inCode = $false
    for (; $at -lt $lines.Count; $at++) {
        $line = $lines[$at]
        if ($line -match '^```') { $inCode = -not $inCode }
        if (-not $inCode -and $line -match '^# (.+)$' -and $null -eq $title) { $title = $Matches[1].Trim(); continue }
        if (-not $inCode -and $line -match '^## (.+)$') {
            $current = [System.Collections.Generic.List[string]]::new()
            $sections[$Matches[1].Trim()] = $current
            continue
        }
        if ($null -ne $current) { $current.Add($line) }
    }
    [pscustomobject]@{ Path = $Path; FrontMatter = $front; Title = $title; Sections = $sections }
}

# A section's lines, split at its '### ' headings: the lines before the first one come under the heading ''.
function Split-Subsection {
    param([AllowNull()] [string[]] $Lines)
    $parts = [System.Collections.Generic.List[object]]::new()
    $current = [pscustomobject]@{ Heading = ''; Lines = [System.Collections.Generic.List[string]]::new() }
    $parts.Add($current)
    $inCode = $false
    foreach ($line in @($Lines)) {
        if ($line -match '^```') { $inCode = -not $inCode }
        if (-not $inCode -and $line -match '^### (.+)$') {
            $current = [pscustomobject]@{
                Heading = $Matches[1].Trim(); Lines = [System.Collections.Generic.List[string]]::new()
            }
            $parts.Add($current)
        }
        else { $current.Lines.Add($line) }
    }
    $parts | Where-Object { $_.Heading -or ($_.Lines -join '').Trim() }
}

# The blocks of some lines: Para (lines joined by one space), Code (the fence's language and its lines kept as they
# are), List (items, each its lines joined; Ordered tells 1. from -) and Table (rows of cells, the header row first).
function Split-MarkdownBlock {
    param([AllowNull()] [string[]] $Lines)
    $blocks = [System.Collections.Generic.List[object]]::new()
    $buffer = [System.Collections.Generic.List[string]]::new()
    $kind = $null
    $language = ''
    $flush = {
        if ($buffer.Count) {
            $blocks.Add((ConvertTo-MarkdownBlock $kind $buffer $language))
            $buffer.Clear()
        }
        $kind = $null
    }
    foreach ($line in @($Lines)) {
        if ($kind -eq 'Code') {
            if ($line -match '^```\s*$') { . $flush } else { $buffer.Add($line) }
            continue
        }
        if ($line -match '^```(\S*)') { . $flush; $kind = 'Code'; $language = $Matches[1]; $buffer.Add(''); continue }
        if (-not $line.Trim()) { . $flush; continue }
        $lineKind = if ($line -match '^\|') { 'Table' } elseif ($line -match '^(- |\d+\. )') { 'List' } else { $null }
        if (-not $kind) { $kind = if ($lineKind) { $lineKind } else { 'Para' } }
        elseif ($lineKind -eq 'Table' -and $kind -ne 'Table') { . $flush; $kind = 'Table' }
        $buffer.Add($line)
    }
    . $flush
    $blocks
}

function ConvertTo-MarkdownBlock {
    param([string] $Kind, [string[]] $Lines, [string] $Language)
    switch ($Kind) {
        'Code' {
            [pscustomobject]@{ Kind = 'Code'; Language = $Language; Text = ($Lines | Select-Object -Skip 1) -join "`n" }
        }
        'Table' {
            $rows = @($Lines | Where-Object { $_ -notmatch '^\|[\s:|-]+\|\s*$' } | ForEach-Object {
                    , @($_.Trim().Trim('|') -split '\|' | ForEach-Object Trim)
                })
            [pscustomobject]@{ Kind = 'Table'; Rows = $rows }
        }
        'List' {
            $items = [System.Collections.Generic.List[string]]::new()
            foreach ($line in $Lines) {
                if ($line -match '^(- |\d+\. )(.*)$') { $items.Add($Matches[2].Trim()) }
                else { $items[$items.Count - 1] += ' ' + $line.Trim() }
            }
            [pscustomobject]@{ Kind = 'List'; Ordered = $Lines[0] -match '^\d'; Items = $items.ToArray() }
        }
        default { [pscustomobject]@{ Kind = 'Para'; Text = ($Lines | ForEach-Object Trim) -join ' ' } }
    }
}

# Words wrapped into lines of at most $Width characters (a longer word stands alone). A line never starts with a
# word that Markdown would read as a list, heading, quote or table (-, 1., #, >, |): it takes the word before along.
function Format-Wrapped {
    param([string] $Text, [int] $Width = 120)
    $lines = [System.Collections.Generic.List[string]]::new()
    $line = ''
    foreach ($word in $Text -split ' ' | Where-Object { $_ }) {
        if ($line -and $line.Length + 1 + $word.Length -gt $Width) {
            $lines.Add($line)
            $line = $word
            if ($word -match '^([-*+>|#=]|\d+[.)])') {
                $previous = $lines[$lines.Count - 1]
                $cut = $previous.LastIndexOf(' ')
                if ($cut -gt 0) {
                    $lines[$lines.Count - 1] = $previous.Substring(0, $cut)
                    $line = $previous.Substring($cut + 1) + ' ' + $word
                }
            }
        }
        elseif ($line) { $line += ' ' + $word }
        else { $line = $word }
    }
    if ($line) { $lines.Add($line) }
    $lines
}
