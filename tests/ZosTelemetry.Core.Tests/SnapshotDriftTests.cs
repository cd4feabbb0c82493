// Drift between the recent and the baseline window of snapshots: record-weighted pools, changes, the total variation
// distance of the class mixes, thresholds, and the three renderings.
using ZosTelemetry.Snapshots;

namespace ZosTelemetry.Tests;

public sealed class SnapshotDriftTests
{
    private static QualitySnapshot S(string system, int daysAgo, long records, double? confidence, double reject, double entropy, params (string Label, double Share)[] mix) => new()
    {
        Timestamp = Make.Now.AddDays(-daysAgo), System = system, TotalWindows = records, RejectRate = reject, MeanEntropy = entropy,
        ConfidenceStats = confidence is double c ? new ConfidenceStats { Mean = c, Median = c, P5 = c, P95 = c } : null,
        ClassDistribution = mix.ToDictionary(m => m.Label, m => m.Share),
    };

    private static readonly DriftOptions Options = new() { Last = 7, Baseline = 30, Now = Make.Now };

    [Fact]
    public void Compare_PoolsByRecordCount_AndComputesEachChange()
    {
        var report = SnapshotDriftAnalyzer.Compare(
            [
                S("router", 20, 300, 0.9, 0.1, 0.5, ("basic", 0.5), ("premium", 0.5)),
                S("router", 10, 100, 0.8, 0.3, 0.7, ("basic", 1.0)),
                S("router", 2, 200, 0.7, 0.2, 0.9, ("premium", 1.0)),
            ],
            Options);

        var rows = report.Rows.ToDictionary(r => r.Metric);
        Assert.Equal(0.875, rows["mean_confidence"].Baseline!.Value, 10); // (0.9*300 + 0.8*100) / 400
        Assert.Equal(0.7, rows["mean_confidence"].Recent);
        Assert.Equal(-0.175, rows["mean_confidence"].Change!.Value, 10);
        Assert.True(rows["mean_confidence"].Drifted);
        Assert.Equal(0.15, rows["reject_rate"].Baseline!.Value, 10);
        Assert.Equal(0.05, rows["reject_rate"].Change!.Value, 10);
        Assert.True(rows["reject_rate"].Drifted);
        Assert.Equal(0.55, rows["mean_entropy"].Baseline!.Value, 10);
        // Baseline mix: basic (150 + 100) / 400 = 0.625, premium 0.375; recent: premium 1. TVD = (0.625 + 0.625) / 2.
        Assert.Equal(0.625, rows["class_mix"].Change!.Value, 10);
        Assert.True(rows["class_mix"].Drifted);
        Assert.Equal((2, 1), (rows["class_mix"].BaselineSnapshots, rows["class_mix"].RecentSnapshots));
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void Compare_SmallChanges_AreNotDrift()
    {
        var report = SnapshotDriftAnalyzer.Compare([S("r", 20, 10, 0.80, 0.10, 0.5, ("a", 0.5), ("b", 0.5)), S("r", 1, 10, 0.78, 0.12, 0.55, ("a", 0.55), ("b", 0.45))], Options);

        Assert.DoesNotContain(report.Rows, r => r.Drifted);
        Assert.False(report.Drifted);
    }

    [Fact]
    public void Compare_SystemWithoutBaseline_HasNoChangeAndAWarning()
    {
        var report = SnapshotDriftAnalyzer.Compare([S("new", 1, 10, 0.8, 0, 0, ("a", 1))], Options);

        Assert.All(report.Rows, r => Assert.Null(r.Change));
        Assert.Contains("baseline", Assert.Single(report.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_SnapshotsOutsideBothWindows_AreIgnored_AndSystemsFiltered()
    {
        var report = SnapshotDriftAnalyzer.Compare([S("r", 40, 10, 0.1, 0, 0), S("r", 20, 10, 0.8, 0, 0), S("r", 1, 10, 0.8, 0, 0), S("other", 1, 10, 0.5, 0, 0)], Options with { System = "r" });

        Assert.All(report.Rows, r => Assert.Equal("r", r.System));
        Assert.Equal(0.8, report.Rows.Single(r => r.Metric == "mean_confidence").Baseline);
    }

    [Fact]
    public void TotalVariationDistance_IsHalfTheSumOfAbsoluteDifferences()
    {
        Assert.Equal(0, SnapshotDriftAnalyzer.TotalVariationDistance(new Dictionary<string, double> { ["a"] = 1 }, new Dictionary<string, double> { ["a"] = 1 }));
        Assert.Equal(1, SnapshotDriftAnalyzer.TotalVariationDistance(new Dictionary<string, double> { ["a"] = 1 }, new Dictionary<string, double> { ["b"] = 1 }));
        Assert.Equal(0.3, SnapshotDriftAnalyzer.TotalVariationDistance(new Dictionary<string, double> { ["a"] = 0.5, ["b"] = 0.5 }, new Dictionary<string, double> { ["a"] = 0.2, ["b"] = 0.5, ["c"] = 0.3 }), 10);
    }

    [Fact]
    public void Compare_WindowOfZeroDays_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => SnapshotDriftAnalyzer.Compare([], Options with { Last = 0 }));
    }

    [Fact]
    public void Renderings_ShowTheRowsAndTheDriftFlag()
    {
        var report = SnapshotDriftAnalyzer.Compare([S("router", 20, 100, 0.9, 0.1, 0.5, ("a", 1)), S("router", 2, 100, 0.7, 0.1, 0.5, ("a", 1))], Options);

        string text = SnapshotText.RenderDrift(report);
        string markdown = SnapshotText.RenderDriftMarkdown(report);
        using var json = System.Text.Json.JsonDocument.Parse(SnapshotText.RenderDriftJson(report));

        Assert.Contains("Mean confidence", text, StringComparison.Ordinal);
        Assert.Contains("DRIFT", text, StringComparison.Ordinal);
        Assert.Contains("-0.2000", text, StringComparison.Ordinal);
        Assert.Contains("| router | Mean confidence | 0.9000 | 0.7000 | -0.2000 | 0.0500 | **drift** |", markdown, StringComparison.Ordinal);
        Assert.True(json.RootElement.GetProperty("drifted").GetBoolean());
        Assert.Equal(4, json.RootElement.GetProperty("rows").GetArrayLength());
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 200));
    }
}
