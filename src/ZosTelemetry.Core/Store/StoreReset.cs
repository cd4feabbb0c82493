// Reset: deletes every sink file of the store (events, session summaries and quality snapshots) under the writer lock and says how
// many rows went. Asking first is the caller's job (the CLI's --confirm, the cmdlet's ShouldProcess); Plan counts
// without touching anything, so the question can say what is at stake.
namespace ZosTelemetry.Store;

public sealed class ResetResult
{
    public string Root { get; init; } = "";

    /// <summary>False for a plan: nothing was removed, and the figures say what a reset would remove.</summary>
    public bool Removed { get; init; }

    public int Files { get; init; }

    /// <summary>Non-blank lines of the event files (readable or not).</summary>
    public long EventRows { get; init; }

    /// <summary>Non-blank lines of the session files, superseded summaries included.</summary>
    public long SessionRows { get; init; }

    /// <summary>Non-blank lines of the snapshot files.</summary>
    public long SnapshotRows { get; init; }

    /// <summary>Non-blank lines of the alert files.</summary>
    public long AlertRows { get; init; }

    public long Rows => EventRows + SessionRows + SnapshotRows + AlertRows;
}

public static class StoreReset
{
    public static ResetResult Plan(TelemetryStore store) => Run(store, remove: false);

    public static ResetResult Reset(TelemetryStore store) => Run(store, remove: true);

    private static ResetResult Run(TelemetryStore store, bool remove)
    {
        if (!Directory.Exists(store.Root))
        {
            return new ResetResult { Root = store.Root, Removed = remove };
        }

        using var @lock = remove ? StoreLock.Acquire(store.Root, store.LockTimeout) : null;
        int files = 0;
        long events = 0, sessions = 0, snapshots = 0, alerts = 0;
        foreach (var kind in SinkFiles.AllKinds)
        {
            foreach (var file in SinkFiles.List(store.Root, kind))
            {
                long rows = CountRows(file.Path);
                switch (kind)
                {
                    case SinkKind.Events: events += rows; break;
                    case SinkKind.Sessions: sessions += rows; break;
                    case SinkKind.Alerts: alerts += rows; break;
                    default: snapshots += rows; break;
                }

                files++;
                if (remove)
                {
                    try
                    {
                        File.Delete(file.Path);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        throw new StoreException($"Cannot delete {file.Path}: {ex.Message}", ex);
                    }
                }
            }
        }

        if (remove)
        {
            StoreRetention.RemoveStaleTempFiles(store.Root);
        }

        return new ResetResult { Root = store.Root, Removed = remove, Files = files, EventRows = events, SessionRows = sessions, SnapshotRows = snapshots, AlertRows = alerts };
    }

    private static long CountRows(string path)
    {
        try
        {
            using var reader = new JsonlReader(path);
            long rows = 0;
            while (reader.TryReadLine(out var line))
            {
                rows += line.Trim(" \t"u8).IsEmpty ? 0 : 1;
            }

            return rows;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"Cannot read {path}: {ex.Message}", ex);
        }
    }
}
