// Every object the module emits has a default view, and every view is well formed: PowerShell reports a broken
// format file only when the module is imported, and pwsh is not available to every build.
using System.Xml.Linq;

namespace ZosTelemetry.Module.Tests;

public sealed class FormatViewTests
{
    private readonly XDocument format = XDocument.Load(RepositoryPaths.FormatFile);

    private IEnumerable<XElement> Views => format.Descendants("View");

    private HashSet<string> ViewedTypes => Views.Descendants("ViewSelectedBy").Elements("TypeName").Select(t => t.Value.Trim()).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void OutputTypes_OfTheModule_HaveAView()
    {
        // Framework types (the Markdown string of Compare-TelemetrySystem) display natively and need no view.
        var declared = CmdletMetadata.ReadAll(RepositoryPaths.ModuleAssembly)
            .SelectMany(c => c.OutputTypes)
            .Where(t => t.StartsWith("ZosTelemetry.", StringComparison.Ordinal))
            .Distinct();

        Assert.DoesNotContain(declared, t => !ViewedTypes.Contains(t));
    }

    [Theory]
    [InlineData("ZosTelemetry.Events.TelemetryEvent")]
    [InlineData("ZosTelemetry.Sessions.SessionSummary")]
    [InlineData("ZosTelemetry.Sessions.DailySummary")]
    [InlineData("ZosTelemetry.Detection.CorrectionResult")]
    [InlineData("ZosTelemetry.Comparison.ComparisonReport")]
    [InlineData("ZosTelemetry.Comparison.MetricComparison")]
    [InlineData("ZosTelemetry.Comparison.SystemStatistics")]
    [InlineData("ZosTelemetry.Store.MergeResult")]
    public void OutputType_HasAView(string typeName)
    {
        Assert.Contains(typeName, ViewedTypes);
    }

    [Fact]
    public void ViewedTypes_AllExistInTheCore()
    {
        var coreTypes = CmdletMetadata.PublicTypeNames(RepositoryPaths.CoreAssembly);

        // A view of a type name with a '#' suffix (ModelUsage#Session) is an alternate view of that core type.
        Assert.DoesNotContain(ViewedTypes, t => !coreTypes.Contains(t.Split('#')[0]));
    }

    [Fact]
    public void Views_EachSelectOneTypeAndHaveAUniqueName()
    {
        Assert.All(Views, v => Assert.Single(v.Elements("ViewSelectedBy").Elements("TypeName")));
        var names = Views.Select(v => (string?)v.Element("Name")).ToList();
        Assert.All(names, n => Assert.False(string.IsNullOrWhiteSpace(n)));
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Types_HaveOneDefaultView()
    {
        var types = Views.Select(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value.Trim()).ToList();

        Assert.Equal(types.Count, types.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void TableViews_HaveOneItemPerHeader()
    {
        Assert.All(format.Descendants("TableControl"), table => Assert.Equal(
            table.Element("TableHeaders")!.Elements("TableColumnHeader").Count(),
            table.Descendants("TableRowEntry").Single().Element("TableColumnItems")!.Elements("TableColumnItem").Count()));
    }

    [Fact]
    public void TableColumnItems_EachNameOnePropertyOrScript()
    {
        Assert.All(format.Descendants("TableColumnItem"), item => Assert.Single(item.Elements(), e => e.Name.LocalName is "PropertyName" or "ScriptBlock"));
    }

    [Fact]
    public void ComparisonReportView_ShowsTheMetricTableAndWarnings()
    {
        var script = Views.Single(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value == "ZosTelemetry.Comparison.ComparisonReport")
            .Descendants("ScriptBlock").Single().Value;

        Assert.Contains("$_.Metrics", script, StringComparison.Ordinal);
        Assert.Contains("$_.Warnings", script, StringComparison.Ordinal);
    }
}
