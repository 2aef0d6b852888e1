# Writing an about topic (docs/en-US/about_*.md, platyPS's about-topic layout) as the plain text Get-Help shows:
# TOPIC and the '## ' headings in capitals at the margin, '### ' subtopics indented by two, text by four, wrapped at
# 80 columns; code blocks by eight, as written. Dot-sourced by Build-MamlHelp.ps1 after Markdown.ps1.

$AboutWidth = 80

# The text of an about topic, or problems if its layout is wrong.
function ConvertTo-AboutText {
    param([object] $Doc, [System.Collections.Generic.List[string]] $Problems)
    $file = Split-Path $Doc.Path -Leaf
    $topic = [IO.Path]::GetFileNameWithoutExtension($file)
    if ($Doc.Title -ne $topic) { $Problems.Add("$($file): the title (# ...) must be the topic name, $topic.") }
    foreach ($required in 'SHORT DESCRIPTION', 'LONG DESCRIPTION') {
        if (-not $Doc.Sections.Contains($required)) { $Problems.Add("$($file): has no '## $required' section.") }
    }
    $out = [System.Collections.Generic.List[string]]::new()
    $out.Add('TOPIC')
    $out.Add("    $($Doc.Title)")
    foreach ($section in $Doc.Sections.GetEnumerator()) {
        $out.Add('')
        $out.Add($section.Key.ToUpperInvariant())
        $first = $true
        foreach ($part in Split-Subsection $section.Value) {
            if ($part.Heading) {
                $out.Add('')
                $out.Add('  ' + $part.Heading.ToUpperInvariant())
                $first = $true
            }
            foreach ($block in Split-MarkdownBlock $part.Lines) {
                if (-not $first) { $out.Add('') }
                $first = $false
                foreach ($line in Format-AboutBlock $block) { $out.Add($line.TrimEnd()) }
            }
        }
    }
    ($out -join "`n") + "`n"
}

# One block as lines of text, indented: paragraphs and lists by four, code and tables by eight.
function Format-AboutBlock {
    param([object] $Block)
    switch ($Block.Kind) {
        'Para' { Format-Wrapped $Block.Text ($AboutWidth - 4) | ForEach-Object { "    $_" } }
        'Code' { $Block.Text -split "`n" | ForEach-Object { "        $_" } }
        'List' {
            $number = 0
            foreach ($item in $Block.Items) {
                $number++
                $marker = if ($Block.Ordered) { "$number. " } else { '- ' }
                $lines = @(Format-Wrapped $item ($AboutWidth - 4 - $marker.Length))
                "    $marker$($lines[0])"
                $lines | Select-Object -Skip 1 | ForEach-Object { '    ' + (' ' * $marker.Length) + $_ }
            }
        }
        'Table' { Format-AboutTable $Block.Rows }
    }
}

# A table of two columns without its header row: the first column padded to the width of its longest short entry
# (at most 24), the second wrapped beside it. A row with an empty first cell continues the row above; a first cell
# too long to fit stands on its own line, with the second column below it.
function Format-AboutTable {
    param([object[]] $Rows)
    $merged = [System.Collections.Generic.List[object]]::new()
    foreach ($row in $Rows | Select-Object -Skip 1) {
        if (-not $row[0] -and $merged.Count) { $merged[$merged.Count - 1][1] += ' ' + $row[1] }
        else { $merged.Add([string[]]@($row[0], ($row[1..($row.Count - 1)] -join ' | '))) }
    }
    $short = @($merged | ForEach-Object { $_[0].Length } | Where-Object { $_ -le 24 })
    $width = (($short + 0) | Measure-Object -Maximum).Maximum + 2
    $indent = ' ' * 8
    foreach ($row in $merged) {
        $text = @(Format-Wrapped $row[1] ($AboutWidth - 8 - $width))
        if ($row[0].Length -le 24) {
            $indent + $row[0].PadRight($width) + $text[0]
            $text = $text | Select-Object -Skip 1
        }
        else {
            Format-Wrapped $row[0] ($AboutWidth - 8) | ForEach-Object { $indent + $_ }
        }
        $text | ForEach-Object { $indent + (' ' * $width) + $_ }
    }
}
