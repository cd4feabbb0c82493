// One line of a drift report: a metric of one system in the recent window against the baseline window, its change,
// and whether the change is past the metric's threshold.
using System.Globalization;

namespace ZosTelemetry.Snapshots;

public sealed class SnapshotDrift
{
    public string System { get; init; } = "";

    /// <summary>mean_confidence, reject_rate, mean_entropy or class_mix.</summary>
    public string Metric { get; init; } = "";

    public string Label { get; init; } = "";

    /// <summary>The baseline window's value; null when it has no snapshot with the figure (class_mix has none: its change is a distance).</summary>
    public double? Baseline { get; init; }

    /// <summary>The recent window's value; null when it has no snapshot with the figure.</summary>
    public double? Recent { get; init; }

    /// <summary>Recent minus baseline; for class_mix, the total variation distance between the two class mixes.</summary>
    public double? Change { get; init; }

    /// <summary>The size of change (either way) that counts as drift.</summary>
    public double Threshold { get; init; }

    /// <summary>True when the change is at least the threshold, either way.</summary>
    public bool Drifted { get; init; }

    public int RecentSnapshots { get; init; }

    public int BaselineSnapshots { get; init; }

    public string FormatBaseline => Show(Baseline);

    public string FormatRecent => Show(Recent);

    /// <summary>The change with its sign; a rate's in percentage points ("+4.0 pp"); "–" when it cannot be computed.</summary>
    public string FormatChange => Change is double c
        ? Metric == SnapshotDriftAnalyzer.RejectRate
            ? (c > 0 ? "+" : "") + (100 * c).ToString("0.0", CultureInfo.InvariantCulture) + " pp"
            : (c > 0 && Metric != SnapshotDriftAnalyzer.ClassMix ? "+" : "") + c.ToString("0.0000", CultureInfo.InvariantCulture)
        : "–";

    public string FormatThreshold => Metric == SnapshotDriftAnalyzer.RejectRate
        ? (100 * Threshold).ToString("0.0", CultureInfo.InvariantCulture) + " pp"
        : Threshold.ToString("0.0000", CultureInfo.InvariantCulture);

    private string Show(double? v) => v is double d
        ? Metric == SnapshotDriftAnalyzer.RejectRate ? (100 * d).ToString("0.0", CultureInfo.InvariantCulture) + "%" : d.ToString("0.0000", CultureInfo.InvariantCulture)
        : "–";
}
