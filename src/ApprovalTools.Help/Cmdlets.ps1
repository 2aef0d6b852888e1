# Reading the cmdlets: what the code says about each parameter, in the words the Markdown's yaml blocks and syntax
# blocks use. Dot-sourced by Build-MamlHelp.ps1; one place for each fact, read by the checks and the MAML writer.

# Get-Help describes these itself (<CommonParameters>); the Markdown documents only the cmdlet's own.
$CommonParameters = [System.Collections.Generic.HashSet[string]]::new(
    [string[]][System.Management.Automation.PSCmdlet]::CommonParameters, [StringComparer]::OrdinalIgnoreCase)
# Every SupportsShouldProcess cmdlet has these.
$ShouldProcessParameters = [System.Collections.Generic.HashSet[string]]::new(
    [string[]][System.Management.Automation.PSCmdlet]::OptionalCommonParameters, [StringComparer]::OrdinalIgnoreCase)

# The parameter sets of a command, the default one first (its view of a parameter is the one the parameters
# section shows).
function Get-OrderedParameterSet {
    param([System.Management.Automation.CmdletInfo] $Command)
    $Command.ParameterSets | Sort-Object -Stable { -not $_.IsDefault }
}

# The parameters of a cmdlet as Get-Help shows them: common parameters left out, one entry per parameter with
# its view in each of its sets, in declaration order.
function Get-ParameterModel {
    param([System.Management.Automation.CmdletInfo] $Command)
    $models = [ordered]@{}
    foreach ($set in Get-OrderedParameterSet $Command) {
        foreach ($parameter in $set.Parameters) {
            if ($CommonParameters.Contains($parameter.Name)) { continue }
            if (-not $models.Contains($parameter.Name)) {
                $metadata = $Command.Parameters[$parameter.Name]
                $wildcards = $metadata.Attributes |
                    Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }
                $models[$parameter.Name] = [pscustomobject]@{
                    Name            = $parameter.Name
                    Type            = $parameter.ParameterType
                    IsSwitch        = $parameter.ParameterType -eq [switch]
                    Aliases         = @($metadata.Aliases)
                    Globbing        = [bool]$wildcards
                    Sets            = [System.Collections.Generic.List[object]]::new()
                    Description     = @()
                    DefaultValue    = $null
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
        Write-Warning ("Cannot create $($Command.ImplementingType) to read its defaults; they are not checked. " +
            $_.Exception.Message)
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

# A type as help shows it, as PowerShell's own syntax does: DateTime for a Nullable<DateTime>.
function Get-TypeLabel {
    param([type] $Type)
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $underlying.Name } else { $Type.Name }
}

# What the code says in a parameter's yaml block, as platyPS writes it. $Sets is the parameter's view in the sets
# that matter (all of them for the parameters section, one for a syntax item); $SetCount is how many the cmdlet has.
function Get-ParameterFact {
    param([object] $Parameter, [object[]] $Sets, [int] $SetCount)
    $pipeline = @(
        if ($Sets.ValueFromPipelineByPropertyName -contains $true) { 'ByPropertyName' }
        if ($Sets.ValueFromPipeline -contains $true) { 'ByValue' }
    )
    $inAll = $Sets.Count -eq $SetCount -or $Sets.SetName -contains '__AllParameterSets'
    [ordered]@{
        'Type'                       = Get-TypeLabel $Parameter.Type
        'Parameter Sets'             = if ($inAll) { '(All)' } else { $Sets.SetName -join ', ' }
        'Aliases'                    = $Parameter.Aliases -join ', '
        'Required'                   = [string](-not ($Sets.IsMandatory -contains $false))
        'Position'                   = if ($Sets[0].Position -ge 0) { [string]$Sets[0].Position } else { 'Named' }
        'Accept pipeline input'      = if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }
        'Accept wildcard characters' = [string]$Parameter.Globbing
    }
}

# The parameters of one set in syntax order: positional ones by position, then the mandatory ones, then the rest in
# declaration order. Each item has the Parameter and its View in that set.
function Get-SyntaxParameter {
    param([object[]] $Parameters, [string] $SetName)
    $inSet = foreach ($parameter in $Parameters) {
        $view = $parameter.Sets | Where-Object SetName -eq $SetName
        if ($view) { [pscustomobject]@{ Parameter = $parameter; View = $view } }
    }
    @($inSet | Where-Object { $_.View.Position -ge 0 } | Sort-Object { $_.View.Position }) +
    @($inSet | Where-Object { $_.View.Position -lt 0 -and $_.View.IsMandatory }) +
    @($inSet | Where-Object { $_.View.Position -lt 0 -and -not $_.View.IsMandatory })
}

# The syntax blocks of a cmdlet, one per parameter set (default first), as the SYNTAX section shows them: Name is
# the set's heading ('' when the cmdlet has one set) and Text the syntax, wrapped at 120 characters.
function Get-SyntaxBlock {
    param([System.Management.Automation.CmdletInfo] $Command, [object[]] $Parameters)
    $sets = @(Get-OrderedParameterSet $Command)
    foreach ($set in $sets) {
        $words = @($Command.Name) + @(foreach ($item in Get-SyntaxParameter $Parameters $set.Name) {
                $p = $item.Parameter
                $name = if ($item.View.Position -ge 0) { "[-$($p.Name)]" } else { "-$($p.Name)" }
                $text = if ($p.IsSwitch) { $name } else { "$name <$(Get-TypeLabel $p.Type)>" }
                if ($item.View.IsMandatory) { $text } else { "[$text]" }
            }) + '[<CommonParameters>]'
        $lines = [System.Collections.Generic.List[string]]::new()
        $line = ''
        foreach ($word in $words) {
            if ($line -and $line.Length + 1 + $word.Length -gt 120) { $lines.Add($line); $line = ' ' + $word }
            elseif ($line) { $line += ' ' + $word }
            else { $line = $word }
        }
        $lines.Add($line)
        $heading = if ($sets.Count -eq 1) { '' } elseif ($set.IsDefault) { "$($set.Name) (Default)" } else { $set.Name }
        [pscustomobject]@{ Name = $heading; Text = $lines -join "`n" }
    }
}
