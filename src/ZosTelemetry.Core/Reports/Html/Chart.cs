// One figure of the report: a title, the SVG, notes (small-sample warnings, what the data covered) and the plain
// numbers behind it as a table, which the page puts under a disclosure.
namespace ZosTelemetry.Reports.Html;

public sealed class Chart
{
    /// <summary>A stable id, unique in the page (e.g. "h2h-cost_usd_per_session"), used for anchors and tests.</summary>
    public string Id { get; init; } = "";

    public string Title { get; init; } = "";

    /// <summary>The data marks the SVG draws (boxes, dots, lines, bars): the page states it so a test can count them.</summary>
    public int Marks { get; init; }

    /// <summary>The SVG markup, already escaped.</summary>
    internal string Svg { get; init; } = "";

    /// <summary>Warnings shown next to the chart (plain text; escaped when written).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();

    /// <summary>What the chart was drawn from: sessions or events, date range, detector version (plain text).</summary>
    public string Source { get; init; } = "";

    public IReadOnlyList<string> TableHeaders { get; init; } = Array.Empty<string>();

    public IReadOnlyList<IReadOnlyList<string>> TableRows { get; init; } = Array.Empty<IReadOnlyList<string>>();
}
