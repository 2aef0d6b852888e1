# House rules for what a maintainer reads in src/ and docs/: no file over 300 lines, no line over 120 characters.
# What counts: source and documents, by extension (.cs .ps1 .psm1 .psd1 .md .ps1xml .csproj .props). Data files
# (.json, .csv, ...) and build output (bin/, obj/) do not. Each finding names file:line.
# One exception to the length (not the width): a cmdlet's help, docs/en-US/<Verb>-<Noun>.md. platyPS's layout gives
# each parameter its own section and yaml block (about 20 lines), and Approve-PipelineAction has 22 parameters, so
# one file per cmdlet in that layout cannot fit in 300 lines.
BeforeAll {
    $script:RepoRoot = Split-Path $PSScriptRoot -Parent
    $script:MaxLines = 300
    $script:MaxColumns = 120
    $script:Counted = '.cs', '.ps1', '.psm1', '.psd1', '.md', '.ps1xml', '.csproj', '.props'

    # The files of a folder the rules apply to (none when it does not exist).
    function Get-HouseFile([string] $Folder) {
        if (-not (Test-Path $Folder)) { return }
        Get-ChildItem $Folder -Recurse -File |
            Where-Object { $_.Extension -in $Counted } |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
    }

    # One finding per line over the width and per file over the length, as "path:line: what" (path from the root).
    function Find-HouseViolation([IO.FileInfo[]] $File, [string] $Root = $RepoRoot) {
        foreach ($f in $File) {
            $relative = [IO.Path]::GetRelativePath($Root, $f.FullName) -replace '\\', '/'
            $lines = @(Get-Content -LiteralPath $f.FullName)
            $cmdletHelp = $relative -match '(^|/)docs/en-US/[A-Z][a-z]+-[A-Za-z]+\.md$'
            if ($lines.Count -gt $MaxLines -and -not $cmdletHelp) {
                "$($relative):$($MaxLines + 1): the file has $($lines.Count) lines (at most $MaxLines)"
            }
            for ($i = 0; $i -lt $lines.Count; $i++) {
                $width = [Globalization.StringInfo]::new($lines[$i]).LengthInTextElements
                if ($width -gt $MaxColumns) {
                    "$($relative):$($i + 1): the line has $width characters (at most $MaxColumns)"
                }
            }
        }
    }

    $script:Files = @('src', 'docs' | ForEach-Object { Get-HouseFile (Join-Path $RepoRoot $_) })
}

Describe 'House rules in src/ and docs/' {
    It 'apply to the source and documents there' {
        $Files.Count | Should -BeGreaterThan 100
        $names = $Files.Name
        $names | Should -Contain 'EmulatorServer.cs'
        $names | Should -Contain 'ApprovalTools.Emulator.csproj'
        $names | Should -Not -Contain 'service-2.json'
    }

    It 'have no file over 300 lines and no line over 120 characters' {
        $findings = @(Find-HouseViolation $Files)
        $findings -join "`n" | Should -BeNullOrEmpty -Because "$($findings.Count) findings"
    }

    It 'find a line over 120 characters and a file over 300 lines, naming file:line' {
        $long = New-Item (Join-Path $TestDrive 'src' 'Long.cs') -Force -Value (
            (@('// short') * 4 + @('// ' + 'x' * 118) + @('// fits exactly' + ' ' * 105)) -join "`n")
        $tall = New-Item (Join-Path $TestDrive 'docs' 'Tall.md') -Force -Value ((@('line') * 301) -join "`n")
        $help = New-Item (Join-Path $TestDrive 'docs' 'en-US' 'Get-Thing.md') -Force -Value ((@('line') * 400) -join "`n")
        $data = New-Item (Join-Path $TestDrive 'src' 'Data.json') -Force -Value ('"' + 'x' * 200 + '"')
        $found = @(Get-HouseFile (Join-Path $TestDrive 'src')) + @(Get-HouseFile (Join-Path $TestDrive 'docs'))
        $found.Name | Should -Be @('Long.cs', 'Tall.md', 'Get-Thing.md')
        $findings = @(Find-HouseViolation $found -Root $TestDrive)
        $findings | Should -Be @(
            'src/Long.cs:5: the line has 121 characters (at most 120)'
            'docs/Tall.md:301: the file has 301 lines (at most 300)')
        @(Find-HouseViolation $data -Root $TestDrive).Count | Should -Be 1 -Because 'the check itself reads any file'
    }
}
