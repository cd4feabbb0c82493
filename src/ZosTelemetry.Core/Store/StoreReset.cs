// Reset: deletes every sink file of the store (events, session summaries and quality snapshots, with the events'
// daily facts) and the import
// bookkeeping (import-state.json, import-seen.bin: without them a re-import would find its logs already read and add
// nothing) under the import and writer locks, and says how many rows went. Asking first is the caller's job (the
// CLI's --confirm, the cmdlet's ShouldProcess); Plan counts
// without touching anything, so the question can say what is at stake.
using ZosTelemetry.Import;

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

    /// <summary>Import bookkeeping files (import-state.json, import-seen.bin) removed, or that a reset would remove.</summary>
    public int ImportFiles { get; init; }

    /// <summary>What a reset also empties, for the CLI and the cmdlet to say: "" when there is no import bookkeeping.</summary>
    public string ImportNote => ImportFiles == 0 ? "" : $" and the import bookkeeping ({string.Join(", ", StoreReset.ImportBookkeeping)}), so the next import reads every log again";
}

public static class StoreReset
{
    /// <summary>The files that say what has been imported: emptied with the rows they describe.</summary>
    public static readonly IReadOnlyList<string> ImportBookkeeping = [ImportState.FileName, ImportSeenSet.FileName];

    public static ResetResult Plan(TelemetryStore store) => Run(store, remove: false);

    public static ResetResult Reset(TelemetryStore store) => Run(store, remove: true);

    private static ResetResult Run(TelemetryStore store, bool remove)
    {
        if (!Directory.Exists(store.Root))
        {
            return new ResetResult { Root = store.Root, Removed = remove };
        }

        // The import lock first, as an import takes it: a running import would write its state back after the reset.
        // Ownership is checked before it, so a reset refused on another user's store creates no lock file there.
        if (remove)
        {
            StoreOwnership.EnsureOwnedByCurrentUser(store.Root);
        }

        using var importLock = remove ? LogImporter.AcquireLock(store.Root, store.LockTimeout) : null;
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
                    Delete(file.Path);
                    if (kind == SinkKind.Events)
                    {
                        Facts.DailyFactsSidecar.Delete(store.Root, file.Path);
                    }
                    else if (kind == SinkKind.Sessions)
                    {
                        Facts.SessionSummarySidecar.Delete(store.Root);
                    }
                }
            }
        }

        int importFiles = 0;
        foreach (string name in ImportBookkeeping)
        {
            string path = Path.Combine(store.Root, name);
            if (File.Exists(path))
            {
                importFiles++;
                if (remove)
                {
                    Delete(path);
                }
            }
        }

        if (remove)
        {
            StoreRetention.RemoveStaleTempFiles(store.Root);
        }

        return new ResetResult { Root = store.Root, Removed = remove, Files = files, EventRows = events, SessionRows = sessions, SnapshotRows = snapshots, AlertRows = alerts, ImportFiles = importFiles };
    }

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"Cannot delete {path}: {ex.Message}", ex);
        }
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
