// Writes PowerShell's external help (MAML, <assembly>.dll-Help.xml) in the shape Get-Help reads: helpItems of
// command:command, each with details, description, syntax (one syntaxItem per parameter set), parameters,
// inputTypes, returnValues, alertSet (notes), examples and relatedLinks, the first link being the online page.
// Names, types and binding come from the assembly; prose from the cmdlet's Markdown page.
using System.Xml;
using System.Xml.Linq;
using ZosTelemetry.Build.Metadata;

namespace ZosTelemetry.Build.Help;

public static class MamlWriter
{
    public static readonly XNamespace Msh = "http://msh";
    public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    public static readonly XNamespace Cmd = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    public static readonly XNamespace MSHelp = "http://msdn.microsoft.com/mshelp";

    /// <summary>The help of every cmdlet that has a page; cmdlets without one are left to PowerShell's default help.</summary>
    public static XDocument Document(IEnumerable<(CmdletModel Cmdlet, CmdletDoc Doc)> cmdlets, string projectUri) =>
        new(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                Msh + "helpItems",
                new XAttribute("schema", "maml"),
                cmdlets.Select(c => CommandElement(c.Cmdlet, c.Doc, projectUri))));

    public static void Save(XDocument document, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false), NewLineChars = "\n" };
        using var writer = XmlWriter.Create(path, settings);
        document.Save(writer);
    }

    private static XElement CommandElement(CmdletModel cmdlet, CmdletDoc doc, string projectUri) =>
        new(
            Cmd + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Cmd),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XAttribute(XNamespace.Xmlns + "MSHelp", MSHelp),
            new XElement(
                Cmd + "details",
                new XElement(Cmd + "name", cmdlet.Name),
                new XElement(Cmd + "verb", cmdlet.Verb),
                new XElement(Cmd + "noun", cmdlet.Noun),
                Description(doc.Synopsis)),
            Description(doc.Description),
            new XElement(Cmd + "syntax", cmdlet.ParameterSets.Select(set => SyntaxItem(cmdlet, doc, set))),
            new XElement(Cmd + "parameters", cmdlet.Parameters.Select(p => Parameter(p, Use(p), doc, inSyntax: false))),
            new XElement(Cmd + "inputTypes", doc.Inputs.Select(i => TypeEntry("inputType", i))),
            new XElement(Cmd + "returnValues", doc.Outputs.Select(o => TypeEntry("returnValue", o))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(doc.Notes))),
            new XElement(Cmd + "examples", doc.Examples.Select((e, i) => Example(e, i + 1))),
            new XElement(
                Cmd + "relatedLinks",
                Link("Online Version:", HelpCoverage.OnlineUri(projectUri, cmdlet.Name)),
                doc.Links.Select(l => Link(l.Text, l.Uri))));

    private static XElement SyntaxItem(CmdletModel cmdlet, CmdletDoc doc, string set) =>
        new(
            Cmd + "syntaxItem",
            new XElement(Maml + "name", cmdlet.Name),
            SyntaxFormatter.DisplayOrder(cmdlet, set).Select(x => Parameter(x.Parameter, x.Use, doc, inSyntax: true)));

    // In the PARAMETERS section a parameter is described once for all its sets: required when it is in every one.
    private static ParameterUse Use(ParameterModel p)
    {
        var uses = p.Sets.Values.ToList();
        return new ParameterUse(
            p.IsAlwaysMandatory,
            uses.Select(u => u.Position).Distinct().Count() == 1 ? uses[0].Position : null,
            uses.Any(u => u.ValueFromPipeline),
            uses.Any(u => u.ValueFromPipelineByPropertyName));
    }

    private static XElement Parameter(ParameterModel p, ParameterUse use, CmdletDoc doc, bool inSyntax)
    {
        string pipeline = (use.ValueFromPipeline, use.ValueFromPipelineByPropertyName) switch
        {
            (true, true) => "True (ByValue, ByPropertyName)",
            (true, false) => "True (ByValue)",
            (false, true) => "True (ByPropertyName)",
            _ => "False",
        };
        var element = new XElement(
            Cmd + "parameter",
            new XAttribute("required", use.Mandatory ? "true" : "false"),
            new XAttribute("variableLength", p.TypeName.EndsWith("[]", StringComparison.Ordinal) ? "true" : "false"),
            new XAttribute("globbing", "false"),
            new XAttribute("pipelineInput", pipeline),
            new XAttribute("position", use.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named"),
            new XAttribute("aliases", p.Aliases.Count == 0 ? "none" : string.Join(", ", p.Aliases)),
            new XElement(Maml + "name", p.Name),
            Description(ParameterText(p, doc)));

        if (p.ValidValues.Count > 0)
        {
            element.Add(new XElement(
                Cmd + "parameterValueGroup",
                p.ValidValues.Select(v => new XElement(Cmd + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))));
        }

        if (!p.IsSwitch || !inSyntax)
        {
            element.Add(new XElement(
                Cmd + "parameterValue",
                new XAttribute("required", p.IsSwitch ? "false" : "true"),
                new XAttribute("variableLength", "false"),
                p.IsSwitch ? "SwitchParameter" : p.FriendlyType));
        }

        element.Add(
            new XElement(Dev + "type", new XElement(Maml + "name", p.TypeName), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", p.IsSwitch ? "False" : "None"));
        return element;
    }

    private static List<Block> ParameterText(ParameterModel p, CmdletDoc doc)
    {
        if (doc.Parameter(p.Name) is { Body.Count: > 0 } documented)
        {
            return documented.Body;
        }

        return p.Name switch
        {
            "WhatIf" => [new Block("Shows what would happen if the cmdlet ran. Nothing is written.")],
            "Confirm" => [new Block("Asks for confirmation before anything is written.")],
            _ => [],
        };
    }

    private static XElement TypeEntry(string kind, SubsectionDoc entry) =>
        new(
            Cmd + kind,
            new XElement(Dev + "type", new XElement(Maml + "name", entry.Name)),
            Description(entry.Body));

    private static XElement Example(ExampleDoc example, int number)
    {
        string title = example.Title.StartsWith("Example", StringComparison.OrdinalIgnoreCase) ? example.Title : $"Example {number}: {example.Title}";
        return new XElement(
            Cmd + "example",
            new XElement(Maml + "title", $"--------- {title} ---------"),
            new XElement(Dev + "code", example.Code ?? ""),
            new XElement(Dev + "remarks", Paras(example.Remarks)));
    }

    private static XElement Link(string text, string? uri) =>
        new(Maml + "navigationLink", new XElement(Maml + "linkText", text), new XElement(Maml + "uri", uri ?? ""));

    private static XElement Description(IReadOnlyList<Block> blocks) => new(Maml + "description", Paras(blocks));

    private static IEnumerable<XElement> Paras(IReadOnlyList<Block> blocks) =>
        blocks.Count == 0
            ? [new XElement(Maml + "para")]
            : blocks.Select(b => new XElement(Maml + "para", b.IsCode ? b.Text : Inline.Plain(b.Text)));
}
