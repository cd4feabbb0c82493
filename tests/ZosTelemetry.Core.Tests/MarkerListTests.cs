// An event's markers as text: joined by spaces (what Export-Csv and the export write) and split back only when every
// piece is a namespaced marker, so a CSV round trip keeps the markers and a phrase is never split into words.
using ZosTelemetry.Events;

namespace ZosTelemetry.Tests;

public sealed class MarkerListTests
{
    [Fact]
    public void ToString_JoinsTheMarkersWithSpaces()
    {
        var e = new TelemetryEvent { Markers = ["corr.strong.1", "tool.error"] };

        Assert.Equal("corr.strong.1 tool.error", e.Markers.ToString());
        Assert.Equal("", new TelemetryEvent().Markers.ToString());
    }

    [Fact]
    public void Markers_AreAlwaysAMarkerList()
    {
        Assert.IsType<MarkerList>(new TelemetryEvent { Markers = new List<string> { "a.b" } }.Markers);
        Assert.Same(MarkerList.Empty, new TelemetryEvent { Markers = [] }.Markers);
    }

    [Theory]
    [InlineData("corr.strong.1 tool.error", new[] { "corr.strong.1", "tool.error" })]
    [InlineData("corr.strong.1, tool.error", new[] { "corr.strong.1", "tool.error" })]
    [InlineData("corr.strong.1;tool.error", new[] { "corr.strong.1", "tool.error" })]
    [InlineData("corr.manual", new[] { "corr.manual" })]
    public void Split_NamespacedMarkers_SplitAtSpacesCommasOrSemicolons(string text, string[] expected)
    {
        Assert.Equal(expected, MarkerList.Split(text));
    }

    [Theory]
    [InlineData("fix the bug")]
    [InlineData("Bad Marker")]
    [InlineData("corr.strong.1 word")]
    public void Split_AnythingButNamespacedMarkers_StaysWholeForTheValidator(string text)
    {
        Assert.Equal([text], MarkerList.Split(text));
    }

    [Fact]
    public void ExportRow_WritesTheSameTextAsToString()
    {
        var e = Make.Event(markers: ["corr.strong.1", "tool.error"]);

        var row = Export.TelemetryExport.EventRow(e, Pricing.CostResolver.Shipped, Contracts.ContractRegistry.Embedded.FamilyOfKind(e.Kind));

        Assert.Equal(e.Markers.ToString(), row[Export.TelemetryExport.EventColumns.ToList().IndexOf("markers")]);
    }
}
