// Rows of one sink file read past its cursor, and the cursor to save once the database has committed them: a sync
// killed between the commit and the save sends the batch again, which the rows' keys make a no-op.
namespace ZosTelemetry.Sync;

public sealed class SyncBatch
{
    public required string File { get; init; }

    public required IReadOnlyList<SyncRow> Rows { get; init; }

    public required SyncFileCursor CursorAfter { get; init; }
}
