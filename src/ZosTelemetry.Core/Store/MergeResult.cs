// What merging one source store into a target did: rows read, rows added, rows skipped.
namespace ZosTelemetry.Store;

public sealed class MergeResult
{
    /// <summary>The source store's directory.</summary>
    public string Source { get; init; } = "";

    /// <summary>The store the rows were added to.</summary>
    public string Target { get; init; } = "";

    public long EventsRead { get; init; }

    /// <summary>Events the target did not have yet; 0 when the same source is merged again.</summary>
    public long EventsAdded { get; init; }

    public long SessionsRead { get; init; }

    public long SessionsAdded { get; init; }

    public long AlertsRead { get; init; }

    public long AlertsAdded { get; init; }
    public long SnapshotsRead { get; init; }

    public long SnapshotsAdded { get; init; }

    /// <summary>Source rows left out: unreadable lines and rows the validator refuses (each reported as a warning).</summary>
    public long RowsSkipped { get; init; }

    /// <summary>Source rows of families that never leave their store (transmission class local_only), left out.</summary>
    public long RowsLocalOnly { get; init; }

    /// <summary>The highest sensitivity class among the rows read (S0-S2; "" when none), as schemas/index.json names them.</summary>
    public string SensitivityClass { get; init; } = "";

    /// <summary>The transmission the merge made of the rows: always explicit_operator_export.</summary>
    public string TransmissionClass { get; init; } = "";

    /// <summary>none (the source has no user.key), shared, adopted (copied on request) or different.</summary>
    public string UserKey { get; init; } = "";
}

public static class MergeUserKeys
{
    public const string None = "none";
    public const string Shared = "shared";
    public const string Adopted = "adopted";
    public const string Different = "different";
}
