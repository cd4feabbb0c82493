// Sync: a local store's rows past their cursors into a team database, batch by batch. Each batch is committed before
// its file's cursor moves, so a sync killed at any point resends at most one batch per file, which the rows' keys turn
// into no-ops: nothing is lost, nothing doubled. Reading never takes the store's lock; writers keep appending.
using ZosTelemetry.Contracts;
using ZosTelemetry.Store;

namespace ZosTelemetry.Sync;

public static class TeamSync
{
    public static SyncResult Run(TelemetryStore store, ITeamDatabase database, ContractRegistry? registry = null, Action<StoreWarning>? onWarning = null, int batchRows = 2000)
    {
        if (!Directory.Exists(store.Root))
        {
            throw new StoreNotFoundException(store.Root);
        }

        database.CheckSchema();
        var source = new SyncSource(store, registry, onWarning: onWarning);
        var cursors = SyncCursors.Load(store.Root, database.Target);
        long events = 0, sessions = 0, snapshots = 0, alerts = 0, added = 0;
        foreach (var batch in source.Batches(cursors, batchRows))
        {
            if (batch.Rows.Count > 0)
            {
                added += database.Insert(batch.Rows);
            }

            cursors.Save(batch.File, batch.CursorAfter);
            foreach (var row in batch.Rows)
            {
                switch (row.Sink)
                {
                    case SinkKind.Events: events++; break;
                    case SinkKind.Sessions: sessions++; break;
                    case SinkKind.Snapshots: snapshots++; break;
                    default: alerts++; break;
                }
            }

            store.Observer?.Verbose($"{batch.File}: {batch.Rows.Count} row(s) sent to {database.Display}.");
        }

        return new SyncResult
        {
            Store = store.Root,
            Database = database.Display,
            EventsSent = events,
            SessionsSent = sessions,
            SnapshotsSent = snapshots,
            AlertsSent = alerts,
            RowsNew = added,
            RowsLocalOnly = source.RowsLocalOnly,
            RowsSkipped = source.RowsSkipped,
            SensitivityClass = source.SensitivityClass,
            TransmissionClass = ContractRegistry.ExplicitOperatorExport,
        };
    }
}
