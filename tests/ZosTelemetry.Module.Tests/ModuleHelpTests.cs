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
}
