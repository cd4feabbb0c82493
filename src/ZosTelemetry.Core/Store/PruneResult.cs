// What a prune removed (or, for a dry run, would remove).
namespace ZosTelemetry.Store;

public sealed class PruneResult
{
    public string Root { get; init; } = "";

    /// <summary>Rows before this instant were removed.</summary>
    public DateTimeOffset Horizon { get; init; }

    /// <summary>True when nothing was changed: the figures say what a real run would do.</summary>
    public bool DryRun { get; init; }

    public long EventsRemoved { get; init; }

    public long SessionRowsRemoved { get; init; }

    /// <summary>Quality snapshot rows removed.</summary>
    public long SnapshotRowsRemoved { get; init; }

    public long AlertRowsRemoved { get; init; }

    public long RowsRemoved => EventsRemoved + SessionRowsRemoved + SnapshotRowsRemoved + AlertRowsRemoved;

    /// <summary>Rows kept in the files that were rewritten.</summary>
    public long RowsKept { get; init; }

    /// <summary>Lines that could not be read, in the month that straddles the horizon: their time is unknown, so they are kept.</summary>
    public long UnreadableLinesKept { get; init; }

    /// <summary>Month files removed whole (all their rows were older than the horizon).</summary>
    public IReadOnlyList<string> FilesDeleted { get; init; } = Array.Empty<string>();

    /// <summary>Month files rewritten without their old rows (normally the one month that straddles the horizon).</summary>
    public IReadOnlyList<string> FilesRewritten { get; init; } = Array.Empty<string>();

    /// <summary>Temporary files left by an interrupted rewrite, removed first.</summary>
    public int StaleTempFilesRemoved { get; init; }
}
