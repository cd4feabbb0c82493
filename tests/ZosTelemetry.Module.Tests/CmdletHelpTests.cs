// Every cmdlet of the built module has complete help: a page in docs/cmdlets with synopsis, description, the exact
// syntax, every parameter described, an example per parameter set and per parameter; and the MAML generated from it
// by dotnet build is what Get-Help reads. A cmdlet added on another branch shows up here by itself, failing with
// the file and the missing piece named.
using System.Xml.Linq;
using ZosTelemetry.Build;
using ZosTelemetry.Build.Help;
using ZosTelemetry.Build.Metadata;

namespace ZosTelemetry.Module.Tests;

public sealed class CmdletHelpTests
{
    private static readonly IReadOnlyList<CmdletModel> Cmdlets = CmdletReader.Read(RepositoryPaths.ModuleAssembly);

    private static string ProjectUri => Program.ProjectUri(RepositoryPaths.Manifest);

    public static TheoryData<string> CmdletNames() => new(Cmdlets.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Cmdlet_HasCompleteHelp(string name)
    {
        var problems = HelpCoverage.Check(Cmdlets.Single(c => c.Name == name), RepositoryPaths.CmdletDocs, ProjectUri);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void CmdletDocs_DocumentOnlyCmdletsTheModuleHas()
    {
        var problems = HelpCoverage.Check(Cmdlets, RepositoryPaths.CmdletDocs, ProjectUri).Where(p => p.Contains("which the module does not have", StringComparison.Ordinal));

        Assert.Empty(problems);
    }

    [Fact]
    public void Cmdlets_DeclareHelpUriOfTheirPage()
    {
        Assert.All(Cmdlets.Where(c => c.HelpUri is not null), c => Assert.Equal(HelpCoverage.OnlineUri(ProjectUri, c.Name), c.HelpUri));
    }

    [Fact]
    public void MamlHelp_AfterBuild_HasOneCommandPerDocumentedCmdlet()
    {
        var names = Maml().Root!.Elements(MamlWriter.Cmd + "command")
            .Select(c => c.Element(MamlWriter.Cmd + "details")!.Element(MamlWriter.Cmd + "name")!.Value);
        var documented = Cmdlets.Where(c => File.Exists(Path.Combine(RepositoryPaths.CmdletDocs, c.Name + ".md"))).Select(c => c.Name);

        Assert.Equal(documented.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void MamlHelp_IsInTheCultureFolderGetHelpSearches_NamedAfterTheAssembly()
    {
        Assert.Equal("ZosTelemetry.PowerShell.dll-Help.xml", Path.GetFileName(RepositoryPaths.MamlHelp));
        Assert.Equal("en-US", Path.GetFileName(Path.GetDirectoryName(RepositoryPaths.MamlHelp)));
        Assert.Equal("maml", (string?)Maml().Root!.Attribute("schema"));
    }

    [Fact]
    public void MamlHelp_EveryCommand_HasSynopsisExamplesAndDescribedParameters()
    {
        foreach (var command in Maml().Root!.Elements(MamlWriter.Cmd + "command"))
        {
            string name = command.Element(MamlWriter.Cmd + "details")!.Element(MamlWriter.Cmd + "name")!.Value;
            var cmdlet = Cmdlets.Single(c => c.Name == name);
            Assert.False(string.IsNullOrWhiteSpace(command.Element(MamlWriter.Cmd + "details")!.Element(MamlWriter.Maml + "description")!.Value), name);
            Assert.Equal(cmdlet.ParameterSets.Count, command.Element(MamlWriter.Cmd + "syntax")!.Elements(MamlWriter.Cmd + "syntaxItem").Count());
            Assert.NotEmpty(command.Descendants(MamlWriter.Cmd + "example"));
            Assert.All(command.Element(MamlWriter.Cmd + "parameters")!.Elements(MamlWriter.Cmd + "parameter"), p =>
                Assert.False(string.IsNullOrWhiteSpace(p.Element(MamlWriter.Maml + "description")!.Value), $"{name} -{p.Element(MamlWriter.Maml + "name")!.Value}"));
            Assert.Equal(HelpCoverage.OnlineUri(ProjectUri, name), command.Descendants(MamlWriter.Maml + "navigationLink").First().Element(MamlWriter.Maml + "uri")!.Value);
        }
    }

    [Fact]
    public void MamlHelp_SyntaxOfCompareTelemetrySystem_HasTheReportAndMarkdownSets()
    {
        var compare = Maml().Root!.Elements(MamlWriter.Cmd + "command").Single(c => c.Descendants(MamlWriter.Cmd + "name").First().Value == "Compare-TelemetrySystem");
        var sets = compare.Element(MamlWriter.Cmd + "syntax")!.Elements(MamlWriter.Cmd + "syntaxItem")
            .Select(i => string.Join(" ", i.Elements(MamlWriter.Cmd + "parameter").Select(p => p.Element(MamlWriter.Maml + "name")!.Value)))
            .ToList();

        Assert.Equal(["SystemA SystemB Database WindowDays Root", "SystemA SystemB AsMarkdown Database WindowDays Root"], sets);
    }

    private static XDocument Maml()
    {
        Assert.True(File.Exists(RepositoryPaths.MamlHelp), $"{RepositoryPaths.MamlHelp} is missing: dotnet build generates it from docs/cmdlets");
        return XDocument.Load(RepositoryPaths.MamlHelp);
    }
}
