# The module's release notes are the CHANGELOG.md section of its version: build.ps1 writes them into the built
# manifest (PrivateData.PSData.ReleaseNotes), which the package then carries; tests/Package.Tests.ps1 checks both.
Set-StrictMode -Version Latest

<#
.SYNOPSIS
A version's section in a Keep a Changelog file: its heading `## [<Version>]` (with or without a date after it) and
the lines under it up to the next `## ` heading or the link definitions at the end, without blank lines at the end.
#>
function Get-ChangelogSection {
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [string] $Version
    )
    $lines = @(Get-Content -LiteralPath $Path)
    $heading = '^##\s+\[' + [regex]::Escape($Version) + '\](\s|$)'
    $start = @(0..($lines.Count - 1) | Where-Object { $lines[$_] -match $heading })
    if ($start.Count -ne 1) {
        throw "$Path has $($start.Count) sections for version $Version (## [$Version]); one is needed."
    }
    $body = [Collections.Generic.List[string]]::new()
    for ($i = $start[0] + 1; $i -lt $lines.Count; $i++) {
        if ($lines[$i] -match '^##\s' -or $lines[$i] -match '^\[[^\]]+\]:\s') { break }
        $body.Add($lines[$i].TrimEnd())
    }
    $text = ($body -join "`n").Trim("`n")
    if (-not $text.Trim()) { throw "The section of version $Version in $Path is empty." }
    $lines[$start[0]].TrimEnd() + "`n`n" + $text
}

<#
.SYNOPSIS
Writes release notes into a module manifest whose source says `ReleaseNotes = ''`, as a single-quoted here-string.
#>
function Set-ManifestReleaseNotes {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $ManifestPath,
        [Parameter(Mandatory)] [string] $ReleaseNotes
    )
    # A line starting with '@ would end the here-string early.
    if ($ReleaseNotes -match "(?m)^'@") { throw "Release notes may not have a line that starts with '@." }
    $text = Get-Content -LiteralPath $ManifestPath -Raw
    $placeholder = [regex]::new("(?m)^(?<indent>[ \t]*)ReleaseNotes(?<pad>[ \t]*)=[ \t]*''[ \t]*\r?$")
    if ($placeholder.Matches($text).Count -ne 1) { throw "$ManifestPath has no single line ReleaseNotes = '' to fill." }
    $text = $placeholder.Replace($text, { param($m)
            "$($m.Groups['indent'].Value)ReleaseNotes$($m.Groups['pad'].Value)= @'`n$ReleaseNotes`n'@" })
    Set-Content -LiteralPath $ManifestPath -Value $text -NoNewline
    $written = (Import-PowerShellDataFile -LiteralPath $ManifestPath).PrivateData.PSData.ReleaseNotes
    if ($written -cne $ReleaseNotes) {
        throw "The release notes read back from $ManifestPath differ from those written."
    }
}

Export-ModuleMember -Function Get-ChangelogSection, Set-ManifestReleaseNotes
