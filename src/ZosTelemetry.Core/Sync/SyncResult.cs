// What one sync did: rows read past the cursors and sent, how many of them the database did not have yet, and what
// stayed home. The database is named without its password.
namespace ZosTelemetry.Sync;

public sealed class SyncResult
{
    public required string Store { get; init; }

    public required string Database { get; init; }

    public long EventsSent { get; init; }

    public long SessionsSent { get; init; }

    public long SnapshotsSent { get; init; }

    public long AlertsSent { get; init; }

    /// <summary>Rows sent that the database did not hold yet (a resend after a killed sync adds nothing).</summary>
    public long RowsNew { get; init; }

    public long RowsLocalOnly { get; init; }

    public long RowsSkipped { get; init; }

    public string SensitivityClass { get; init; } = "";

    public string TransmissionClass { get; init; } = "";

    public long RowsSent => EventsSent + SessionsSent + SnapshotsSent + AlertsSent;
}
