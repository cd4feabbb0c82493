// The about_ topic exists in the standard layout and covers every exported cmdlet.
namespace ZosTelemetry.Module.Tests;

public sealed class ModuleHelpTests
{
    [Fact]
    public void AboutTopic_Exists()
    {
        Assert.True(File.Exists(RepositoryPaths.AboutHelp), RepositoryPaths.AboutHelp);
    }

    [Theory]
    [InlineData("TOPIC")]
    [InlineData("SHORT DESCRIPTION")]
    [InlineData("LONG DESCRIPTION")]
    [InlineData("EXAMPLES")]
    [InlineData("NOTE")]
    [InlineData("SEE ALSO")]
    public void AboutTopic_HasStandardSection(string heading)
    {
        Assert.Contains(heading, File.ReadAllLines(RepositoryPaths.AboutHelp));
    }

    [Fact]
    public void AboutTopic_NamesItsTopicFirst()
    {
        var lines = File.ReadAllLines(RepositoryPaths.AboutHelp);

        Assert.Equal(["TOPIC", "    about_ZosTelemetry"], lines.Take(2));
    }

    [Fact]
    public void AboutTopic_DescribesEveryExportedCmdlet()
    {
        string text = File.ReadAllText(RepositoryPaths.AboutHelp);

        Assert.DoesNotContain(ModuleManifest.Load(RepositoryPaths.Manifest).List("CmdletsToExport"), c => !text.Contains(c, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("about_ZosTelemetry_Store")]
    [InlineData("about_ZosTelemetry_Privacy")]
    public void ConceptTopic_IsInTheCultureFolderWithItsNameFirstAndStandardSections(string topic)
    {
        string path = Path.Combine(RepositoryPaths.HelpFolder, topic + ".help.txt");
        var lines = File.ReadAllLines(path);

        Assert.Equal(["TOPIC", "    " + topic], lines.Take(2));
        Assert.All(new[] { "SHORT DESCRIPTION", "LONG DESCRIPTION", "EXAMPLES", "SEE ALSO" }, h => Assert.Contains(h, lines));
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"{topic}: a line of {l.Length} characters is wider than an 80-column console: {l}"));
    }
}
