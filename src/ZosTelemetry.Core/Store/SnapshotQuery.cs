// Filters for reading quality snapshots. Time bounds are on the snapshot's own ts and prune whole month files.
using ZosTelemetry.Snapshots;

namespace ZosTelemetry.Store;

public sealed record SnapshotQuery
{
    public string? System { get; init; }

    /// <summary>A user hash (UserIdentity.Hash); only that user's snapshots.</summary>
    public string? User { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    /// <summary>Only the newest N that match; null for all.</summary>
    public int? Last { get; init; }

    public bool Matches(QualitySnapshot s) =>
        (System is null || s.System == System)
        && (User is null || s.User == User)
        && (Since is null || s.Timestamp >= Since)
        && (Until is null || s.Timestamp < Until);

    public bool MayContain(SinkFile file) =>
        (Since is null || file.MonthEnd > Since) && (Until is null || file.MonthStart < Until);
}
