// The help generator on small made-up cmdlets: each kind of gap in a page is reported with the file and the
// missing piece, examples are bound to parameter sets as PowerShell would bind them, and the MAML has Get-Help's shape.
using ZosTelemetry.Build.Help;
using ZosTelemetry.Build.Metadata;

namespace ZosTelemetry.Module.Tests;

public sealed class HelpGeneratorTests
{
    private const string Project = "https://github.com/example/Repo";
    private const string Path = "docs/cmdlets/Get-Thing.md";

    // Get-Thing [-Name] <string> [-Count <int>] [-Root <string>]  |  Get-Thing [-Name] <string> -AsText [-Root <string>]
    private static readonly CmdletModel Cmdlet = new(
        "Get-Thing", "Get", "Thing", "GetThingCommand", "Object", false, null,
        [new OutputTypeModel("Example.Thing", ["Object"]), new OutputTypeModel("System.String", ["Text"])],
        [
            Parameter("Name", "System.String", ("__AllParameterSets", new ParameterUse(true, 0, true, false))),
            Parameter("Count", "System.Nullable`1[System.Int32]", ("Object", new ParameterUse(false, null, false, false))),
            Parameter("AsText", "System.Management.Automation.SwitchParameter", ("Text", new ParameterUse(true, null, false, false))),
            Parameter("Root", "System.String", ("__AllParameterSets", new ParameterUse(false, null, false, false))),
        ]);

    private const string GoodPage = """
        # Get-Thing

        ## SYNOPSIS

        Gets things.

        ## SYNTAX

        ```
        Get-Thing [-Name] <string> [-Count <int>] [-Root <string>] [<CommonParameters>]
        ```

        ```
        Get-Thing [-Name] <string> -AsText [-Root <string>] [<CommonParameters>]
        ```

        ## DESCRIPTION

        Gets things
        from the store.

        ## EXAMPLES

        ### Example 1: Two things

        ```powershell
        Get-Thing a -Count 2 -Root ./store
        ```

        Gets two.

        ### Example 2: As text, from the pipeline

        ```powershell
        'a', 'b' |
            Get-Thing -AsText
        ```

        Text.

        ## PARAMETERS

        ### -Name

        The name.

        ### -Count

        How many.

        ### -AsText

        Text instead.

        ### -Root

        The store.

        ## INPUTS

        ### System.String

        Names.

        ## OUTPUTS

        ### Example.Thing

        A thing.

        ### System.String

        Text.

        ## RELATED LINKS

        - [about_Things](../about.md)
        - [Online page](https://example.com/things)
        """;

    private static ParameterModel Parameter(string name, string type, params (string Set, ParameterUse Use)[] sets) =>
        new(name, type, [], [], sets.ToDictionary(s => s.Set, s => s.Use));

    private static IReadOnlyList<string> Check(string page) => HelpCoverage.Check(Cmdlet, CmdletDocReader.Parse(page, Path, Path), Project);

    [Fact]
    public void Check_CompletePage_FindsNoProblem()
    {
        Assert.Empty(Check(GoodPage));
    }

    [Fact]
    public void SyntaxFormatter_PositionalMandatorySwitchAndNullable_FormatsAsPowerShellDoes()
    {
        Assert.Equal(
            ["Get-Thing [-Name] <string> [-Count <int>] [-Root <string>] [<CommonParameters>]", "Get-Thing [-Name] <string> -AsText [-Root <string>] [<CommonParameters>]"],
            SyntaxFormatter.Lines(Cmdlet));
    }

    [Fact]
    public void Check_ParameterWithoutDescription_NamesFileAndParameter()
    {
        var problems = Check(GoodPage.Replace("### -Count\n\nHow many.\n", "", StringComparison.Ordinal));

        Assert.Contains("docs/cmdlets/Get-Thing.md: parameter -Count has no description: add \"### -Count\" with a paragraph under ## PARAMETERS.", problems);
    }

    [Fact]
    public void Check_NoExampleInASet_NamesTheSetAndWhatItNeeds()
    {
        var problems = Check(GoodPage.Replace("Get-Thing -AsText", "Get-Thing", StringComparison.Ordinal));

        Assert.Contains("docs/cmdlets/Get-Thing.md: no example runs in parameter set \"Text\" (it needs -Name, -AsText).", problems);
        Assert.Contains("docs/cmdlets/Get-Thing.md: no example shows -AsText.", problems);
    }

    [Fact]
    public void Check_ExampleWithUnknownParameter_NamesTheExample()
    {
        var problems = Check(GoodPage.Replace("-Count 2", "-Colour red", StringComparison.Ordinal));

        Assert.Contains(problems, p => p.StartsWith("docs/cmdlets/Get-Thing.md: example 1 (\"Example 1: Two things\", line", StringComparison.Ordinal) && p.EndsWith("uses -Colour, which Get-Thing does not have.", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_ExampleMixingTwoSets_FitsNone()
    {
        var problems = Check(GoodPage.Replace("Get-Thing a -Count 2", "Get-Thing a -Count 2 -AsText", StringComparison.Ordinal));

        Assert.Contains(problems, p => p.Contains("calls Get-Thing with -Count -AsText -Root 1 positional value(s), which fits none of its parameter sets.", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_WrongSyntax_PrintsTheExpectedBlocks()
    {
        var problems = Check(GoodPage.Replace("[-Count <int>] ", "", StringComparison.Ordinal));

        var problem = Assert.Single(problems);
        Assert.Contains("```\nGet-Thing [-Name] <string> [-Count <int>] [-Root <string>] [<CommonParameters>]\n```", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MissingOutputTypeAndSections_AreEachReported()
    {
        string page = GoodPage.Replace("### System.String\n\nText.\n", "", StringComparison.Ordinal).Replace("## SYNOPSIS\n\nGets things.\n", "", StringComparison.Ordinal);

        var problems = Check(page);

        Assert.Contains("docs/cmdlets/Get-Thing.md: ## OUTPUTS has no \"### System.String\", which Get-Thing declares with [OutputType].", problems);
        Assert.Contains("docs/cmdlets/Get-Thing.md: ## SYNOPSIS is missing or empty (one sentence: what Get-Thing does).", problems);
    }

    [Fact]
    public void Check_UnknownSectionAndStrayParameter_AreReportedWithTheirLine()
    {
        var problems = Check(GoodPage + "\n## USAGE\n\nx\n\n## PARAMETERS\n\n### -Colour\n\nRed.\n");

        Assert.Contains(problems, p => p.Contains("unknown section \"## USAGE\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("\"### -Colour\" documents no parameter of Get-Thing", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_PageMissing_NamesTheFileAndTheTemplate()
    {
        string empty = Directory.CreateTempSubdirectory("zos-help-").FullName;
        try
        {
            var problem = Assert.Single(HelpCoverage.Check(Cmdlet, empty, Project));

            Assert.StartsWith("docs/cmdlets/Get-Thing.md is missing: every cmdlet needs a help page (format and template: docs/cmdlets/README.md).", problem, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void Check_HelpUriElsewhere_IsReported()
    {
        var withUri = Cmdlet with { HelpUri = "https://example.com/elsewhere" };

        var problems = HelpCoverage.Check(withUri, CmdletDocReader.Parse(GoodPage, Path, Path), Project);

        Assert.Contains("GetThingCommand: [Cmdlet] HelpUri is \"https://example.com/elsewhere\"; it must be the cmdlet's page, \"https://github.com/example/Repo/blob/main/docs/cmdlets/Get-Thing.md\".", problems);
    }

    [Fact]
    public void ExampleBinder_CommaListAndBacktickContinuation_AreOneArgumentEach()
    {
        var call = Assert.Single(ExampleBinder.Calls("Get-Thing `\n    -Name 'a b', \"c\" `\n    -Count (1 + 1)", Cmdlet));

        Assert.Equal(["Name", "Count"], call.Named);
        Assert.Equal(0, call.PositionalValues);
    }

    [Fact]
    public void Reader_ParagraphsListsAndCode_KeepTheirShape()
    {
        var doc = CmdletDocReader.Parse(GoodPage.Replace("Gets things\nfrom the store.", "Gets `things`\nfrom the **store**.\n\n- one\n- two", StringComparison.Ordinal), Path, Path);

        Assert.Equal(["Gets `things` from the **store**.", "- one", "- two"], doc.Description.Select(b => b.Text));
        Assert.Equal("Gets things from the store.", Inline.Plain(doc.Description[0].Text));
        Assert.Equal("'a', 'b' |\n    Get-Thing -AsText", doc.Examples[1].Code);
        Assert.Equal([("about_Things", (string?)null), ("Online page", "https://example.com/things")], doc.Links.Select(l => (l.Text, l.Uri)));
    }

    [Fact]
    public void MamlWriter_Command_HasDetailsSyntaxParametersExamplesAndOnlineLinkFirst()
    {
        var doc = CmdletDocReader.Parse(GoodPage, Path, Path);

        var maml = MamlWriter.Document([(Cmdlet, doc)], Project);

        var command = maml.Root!.Element(MamlWriter.Cmd + "command")!;
        Assert.Equal("Gets things.", command.Element(MamlWriter.Cmd + "details")!.Element(MamlWriter.Maml + "description")!.Value);
        Assert.Equal(2, command.Element(MamlWriter.Cmd + "syntax")!.Elements(MamlWriter.Cmd + "syntaxItem").Count());
        var name = command.Element(MamlWriter.Cmd + "parameters")!.Elements(MamlWriter.Cmd + "parameter").First();
        Assert.Equal(("true", "0", "True (ByValue)"), ((string)name.Attribute("required")!, (string)name.Attribute("position")!, (string)name.Attribute("pipelineInput")!));
        Assert.Equal("'a', 'b' |\n    Get-Thing -AsText", command.Descendants(MamlWriter.Dev + "code").Last().Value);
        var links = command.Descendants(MamlWriter.Maml + "navigationLink").Select(l => l.Element(MamlWriter.Maml + "uri")!.Value).ToList();
        Assert.Equal(["https://github.com/example/Repo/blob/main/docs/cmdlets/Get-Thing.md", "", "https://example.com/things"], links);
    }
}
