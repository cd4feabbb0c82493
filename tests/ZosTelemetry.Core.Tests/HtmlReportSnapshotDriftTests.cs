// The report's snapshot-drift section as a specification: the drift analyzer's own figures per system (the windows and
// thresholds of `snapshots --compare`), changes past a threshold flagged, marks as many as the snapshots, a plain
// sentence when there are none, and names escaped.
using System.Text.RegularExpressions;
using ZosTelemetry.Reports.Html;
using ZosTelemetry.Snapshots;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed partial class HtmlReportTests
{
    /// <summary>A snapshot of ten records taken daysAgo before Make.Now: rejects of them "unknown", the rest at the confidence.</summary>
    private static void AddSnapshot(string root, string system, double daysAgo, int rejects, double confidence)
    {
        var store = new TelemetryStore(root, clock: () => Make.Now.AddDays(-daysAgo));
        var builder = new SnapshotBuilder(new SnapshotOptions { System = system }, Make.Now.AddDays(-daysAgo));
        for (int i = 0; i < 10; i++)
        {
            builder.Add(i < rejects
                ? new PredictionRecord { Label = "unknown", Confidence = 0.3 }
                : new PredictionRecord { Label = i % 2 == 0 ? "basic" : "premium", Confidence = confidence });
        }

        store.AppendSnapshot(builder);
    }

    /// <summary>router: steady in the baseline, less confident and rejecting more in the last week; intent: steady throughout.</summary>
    private TelemetryStore StoreWithSnapshots()
    {
        var store = Store(("claude-code", 6), ("codex", 6));
        foreach (int day in new[] { 30, 20, 12 })
        {
            AddSnapshot(store.Root, "router", day, 0, 0.9);
            AddSnapshot(store.Root, "intent", day + 0.5, 1, 0.8);
        }

        foreach (int day in new[] { 5, 3, 1 })
        {
            AddSnapshot(store.Root, "router", day, 3, 0.7);
            AddSnapshot(store.Root, "intent", day + 0.5, 1, 0.8);
        }

        return store;
    }

    private static string Section(string html, string id) =>
        Regex.Match(html, $"<section id=\"{id}\">(.*?)</section>", RegexOptions.Singleline).Groups[1].Value;

    [Fact]
    public void Render_NoSnapshots_SaysSoPlainlyAndDrawsNoDriftChart()
    {
        var report = Render(Store(("claude-code", 4), ("codex", 4)));

        Assert.Contains("snapshot-drift", report.Sections);
        Assert.Contains("The store holds no quality snapshots: no drift to show.", Section(report.Html, "snapshot-drift"), StringComparison.Ordinal);
        Assert.DoesNotContain(report.Charts, c => c.StartsWith("drift-", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_Snapshots_ShowsTheDriftAnalyzersOwnFigures()
    {
        var store = StoreWithSnapshots();

        var report = Render(store);

        var drift = SnapshotDriftAnalyzer.Compare(store.ReadSnapshots(), new DriftOptions { Now = Make.Now });
        string section = Section(report.Html, "snapshot-drift");
        Assert.Equal(8, drift.Rows.Count);
        foreach (var r in drift.Rows)
        {
            // The tile and the table row carry the analyzer's figures as its own formats print them.
            Assert.Contains(Html.Escape(SnapshotDriftSection.Figure(r)), section, StringComparison.Ordinal);
            Assert.Contains($"<th scope=\"row\">{r.System}</th><td>{Html.Escape(r.Label)}</td><td>{r.FormatBaseline}</td><td>{r.FormatRecent}</td><td>{r.FormatChange}</td><td>{r.FormatThreshold}</td><td>{(r.Drifted ? "yes ⚠" : "no")}</td>", section, StringComparison.Ordinal);
        }

        Assert.Contains("the last 7 days (2026-06-03 to 2026-06-10) against those of the 30 days before (2026-05-04 to 2026-06-03)", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Snapshots_ChartsWithMarksAsTheSnapshotsImply()
    {
        var report = Render(StoreWithSnapshots());

        var figures = Figures(report.Html).ToDictionary(f => f.Id);
        // Recent against baseline: two systems, two metrics, a baseline and a recent bar each.
        Assert.Equal(2 * 2 * 2, figures["drift-recent"].Drawn);
        // Over time: per system a confidence line and a reject-rate line, and a dot and a diamond per snapshot.
        Assert.Equal(2 * (2 + 6 + 6), figures["drift-over-time"].Drawn);
        Assert.All(figures.Values, f => Assert.Equal(f.Declared, f.Drawn));
        Assert.Contains("Percent (mean confidence as a probability, reject rate as a share of records)", report.Html, StringComparison.Ordinal);
        Assert.Contains("Snapshot time (UTC), 2026", report.Html, StringComparison.Ordinal);
        Assert.Contains("<details><summary>Data: Mean confidence and reject rate per snapshot</summary>", report.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ChangesPastThreshold_FlaggedOnlyForTheSystemThatDrifted()
    {
        string section = Section(Render(StoreWithSnapshots()).Html, "snapshot-drift");

        Assert.Contains("⚠ router: mean confidence changed -0.3200 (0.9000 → 0.5800), past the threshold of 0.0500.", section, StringComparison.Ordinal);
        Assert.Contains("⚠ router: reject rate changed +30.0 pp (0.0% → 30.0%), past the threshold of 5.0 pp.", section, StringComparison.Ordinal);
        Assert.Contains("class=\"sub flag\"", section, StringComparison.Ordinal);
        Assert.DoesNotContain("intent: mean confidence changed", section, StringComparison.Ordinal);
        Assert.DoesNotContain("intent: reject rate changed", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SnapshotsOnlyInTheRecentWindow_WarnsAndDrawsTheRecentBarsOnly()
    {
        var store = Store(("claude-code", 3), ("codex", 3));
        AddSnapshot(store.Root, "router", 2, 1, 0.8);

        var report = Render(store);

        Assert.Contains("router: no snapshot in the baseline window; its changes cannot be computed.", report.Html, StringComparison.Ordinal);
        var figures = Figures(report.Html).ToDictionary(f => f.Id);
        Assert.Equal(2, figures["drift-recent"].Drawn);
        Assert.Equal(2, figures["drift-over-time"].Drawn); // one snapshot: a dot and a diamond, no line
    }

    [Fact]
    public void Render_OnlySnapshotsOlderThanTheDriftWindows_SaysSoAndStillChartsThemOverTime()
    {
        var store = Store(("claude-code", 3), ("codex", 3));
        AddSnapshot(store.Root, "router", 60, 1, 0.8);
        AddSnapshot(store.Root, "router", 50, 2, 0.8);

        var report = Render(store);

        Assert.Contains("No snapshot in the last 37 days: no recent or baseline figures to compare.", report.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("drift-recent", report.Charts);
        Assert.Equal(2 + 2 + 2, Figures(report.Html).Single(f => f.Id == "drift-over-time").Drawn);
    }

    [Fact]
    public void Render_NamedSystemsWithoutSnapshots_SaysSoWithTheNamesEscaped()
    {
        var store = StoreWithSnapshots();

        var report = Render(store, "<b>named</b>", "codex");

        Assert.Contains("The store holds no quality snapshots of &lt;b&gt;named&lt;/b&gt; or codex: no drift to show.", report.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", report.Html, StringComparison.Ordinal);
        Assert.Contains("drift-recent", Render(store, "router", "codex").Charts);
    }

    [Fact]
    public void Render_ManySnapshotsOfASystem_LinesWithoutDotsAndTheTableComplete()
    {
        var store = Store(("claude-code", 3), ("codex", 3));
        int n = SnapshotDriftSection.MaxDotsPerSystem + 1;
        for (int i = 0; i < n; i++)
        {
            AddSnapshot(store.Root, "router", 36 - (i * 0.25), i % 3, 0.8);
        }

        var report = Render(store);

        Assert.Equal(2, Figures(report.Html).Single(f => f.Id == "drift-over-time").Drawn);
        Assert.Contains($"more than {SnapshotDriftSection.MaxDotsPerSystem} snapshots is drawn as lines only", report.Html, StringComparison.Ordinal);
        string over = Regex.Match(report.Html, "<figure class=\"chart\" id=\"drift-over-time\".*?</figure>", RegexOptions.Singleline).Value;
        Assert.Equal(n, Regex.Matches(over, "<tr><th scope=\"row\">2026-").Count);
    }

    [Fact]
    public void Render_Window_ChartsOnlySnapshotsInItButDriftKeepsItsWindows()
    {
        var store = StoreWithSnapshots();

        var report = HtmlReport.Render(store, new HtmlReportOptions { WindowDays = 10, Now = Make.Now });

        // Six snapshots in the last 10 days (5, 3, 1 days and half a day more, of each system), the drift from all twelve.
        Assert.Equal(2 * (2 + 3 + 3), Figures(report.Html).Single(f => f.Id == "drift-over-time").Drawn);
        Assert.Equal(8, Figures(report.Html).Single(f => f.Id == "drift-recent").Drawn);
    }
}
