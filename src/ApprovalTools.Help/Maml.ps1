# Writing MAML (helpItems/command:command, the schema Get-Help reads) from the help objects Checks.ps1 makes.
# Dot-sourced by Build-MamlHelp.ps1 after Cmdlets.ps1.

$Namespaces = [ordered]@{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

function Write-Text {
    param([System.Xml.XmlWriter] $Writer, [string] $Prefix, [string] $Name, [string] $Value)
    $Writer.WriteElementString($Prefix, $Name, $Namespaces[$Prefix], $Value)
}

function Write-Description {
    param([System.Xml.XmlWriter] $Writer, [string[]] $Paragraph, [string] $Prefix = 'maml',
        [string] $Name = 'description')
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
# parameters section; the attributes are the facts of the yaml blocks (Cmdlets.ps1), in MAML's spelling.
function Write-Parameter {
    param([System.Xml.XmlWriter] $Writer, [object] $Parameter, [object[]] $Sets, [switch] $InSyntax)
    $facts = Get-ParameterFact $Parameter $Sets 0
    $Writer.WriteStartElement('command', 'parameter', $Namespaces.command)
    $Writer.WriteAttributeString('required', $facts.Required.ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', ([string]$Parameter.Type.IsArray).ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', $facts.'Accept wildcard characters'.ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $facts.'Accept pipeline input')
    $Writer.WriteAttributeString('position', $facts.Position.ToLowerInvariant())
    $Writer.WriteAttributeString('aliases', $(if ($facts.Aliases) { $facts.Aliases } else { 'none' }))
    Write-Text $Writer maml name $Parameter.Name
    Write-Description $Writer $Parameter.Description
    if (-not ($InSyntax -and $Parameter.IsSwitch)) {
        $Writer.WriteStartElement('command', 'parameterValue', $Namespaces.command)
        $Writer.WriteAttributeString('required', ([string](-not $Parameter.IsSwitch)).ToLowerInvariant())
        $Writer.WriteAttributeString('variableLength', ([string]$Parameter.Type.IsArray).ToLowerInvariant())
        $Writer.WriteString($facts.Type)
        $Writer.WriteEndElement()
    }
    Write-DevType $Writer $Parameter.Type.FullName
    $default = if ($null -ne $Parameter.DefaultValue) { $Parameter.DefaultValue }
    elseif ($Parameter.IsSwitch) { 'False' }
    else { 'None' }
    Write-Text $Writer dev defaultValue $default
    $Writer.WriteEndElement()
}

# A list of typed entries (inputs or outputs) under $ListName, each a $ItemName.
function Write-TypeList {
    param([System.Xml.XmlWriter] $Writer, [string] $ListName, [string] $ItemName, [object[]] $Items)
    $Writer.WriteStartElement('command', $ListName, $Namespaces.command)
    foreach ($item in $Items) {
        $Writer.WriteStartElement('command', $ItemName, $Namespaces.command)
        Write-DevType $Writer $item.Type
        Write-Description $Writer $item.Description
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-Command {
    param([System.Xml.XmlWriter] $Writer, [object] $Help)
    $command = $Help.Command
    $Writer.WriteStartElement('command', 'command', $Namespaces.command)
    foreach ($prefix in $Namespaces.Keys) {
        $Writer.WriteAttributeString('xmlns', $prefix, $null, $Namespaces[$prefix])
    }

    $Writer.WriteStartElement('command', 'details', $Namespaces.command)
    Write-Text $Writer command name $command.Name
    Write-Text $Writer command verb $command.Verb
    Write-Text $Writer command noun $command.Noun
    Write-Description $Writer $Help.Synopsis
    $Writer.WriteEndElement()

    Write-Description $Writer $Help.Description

    # One syntax item per parameter set, default set first, in the order of the SYNTAX blocks.
    $Writer.WriteStartElement('command', 'syntax', $Namespaces.command)
    foreach ($set in Get-OrderedParameterSet $command) {
        $Writer.WriteStartElement('command', 'syntaxItem', $Namespaces.command)
        Write-Text $Writer maml name $command.Name
        foreach ($item in Get-SyntaxParameter $Help.Parameters $set.Name) {
            Write-Parameter $Writer $item.Parameter @($item.View) -InSyntax
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'parameters', $Namespaces.command)
    foreach ($parameter in $Help.Parameters) { Write-Parameter $Writer $parameter @($parameter.Sets) }
    $Writer.WriteEndElement()

    Write-TypeList $Writer inputTypes inputType $Help.Inputs
    Write-TypeList $Writer returnValues returnValue $Help.Outputs

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

# The MAML file of all the cmdlets, read back: a file Get-Help cannot load would only show up as help silently missing.
function Save-MamlHelp {
    param([object[]] $Helps, [string] $OutFile)
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
        foreach ($help in $Helps) { Write-Command $writer $help }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally {
        $writer.Dispose()
    }
    ([xml](Get-Content -LiteralPath $OutFile -Raw)).helpItems.ChildNodes.Count
}
