// A rendered HTML report and what it holds: the page itself, its size, its sections and charts, and what the store held.
namespace ZosTelemetry.Reports.Html;

public sealed class HtmlReportResult
{
    /// <summary>The whole self-contained page.</summary>
    public string Html { get; init; } = "";

    /// <summary>The page's size in UTF-8 bytes.</summary>
    public long Bytes { get; init; }

    /// <summary>The systems charted (the first two head to head when the report has a comparison).</summary>
    public IReadOnlyList<string> Systems { get; init; } = Array.Empty<string>();

    public int? WindowDays { get; init; }

    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Closed sessions in the window.</summary>
    public long Sessions { get; init; }

    public DateTimeOffset? FirstActivity { get; init; }

    public DateTimeOffset? LastActivity { get; init; }

    public IReadOnlyList<int> DetectorVersions { get; init; } = Array.Empty<int>();

    /// <summary>The section ids in page order.</summary>
    public IReadOnlyList<string> Sections { get; init; } = Array.Empty<string>();

    /// <summary>The charts' ids in page order.</summary>
    public IReadOnlyList<string> Charts { get; init; } = Array.Empty<string>();

    /// <summary>The page, so that `Set-Content report.html` and string conversion write the HTML.</summary>
    public override string ToString() => Html;
}
