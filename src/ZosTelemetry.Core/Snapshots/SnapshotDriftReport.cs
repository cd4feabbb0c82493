// Drift of every system with snapshots: the last Last days against the Baseline days before them.
namespace ZosTelemetry.Snapshots;

public sealed class SnapshotDriftReport
{
    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Days of the recent window, which ends at GeneratedAt.</summary>
    public int Last { get; init; }

    /// <summary>Days of the baseline window, which ends where the recent window starts.</summary>
    public int Baseline { get; init; }

    public DateTimeOffset RecentSince { get; init; }

    public DateTimeOffset BaselineSince { get; init; }

    /// <summary>Four rows per system (mean confidence, reject rate, entropy, class mix), systems in name order.</summary>
    public IReadOnlyList<SnapshotDrift> Rows { get; init; } = [];

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>True when any row drifted.</summary>
    public bool Drifted => Rows.Any(r => r.Drifted);
}
