// Retention: removes every row older than a horizon, under the store's writer lock. Month files wholly past the
// horizon are deleted; a file that holds rows on both sides (the month that straddles the horizon) is rewritten
// atomically with only the newer rows. Every row's own time decides (ts for events and snapshots, ts_closed for
// summaries), so a
// row filed in an unexpected month is never lost. Unreadable lines are kept in the straddling month (their time is
// unknown) and go with files whose whole month is past the horizon.
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;

namespace ZosTelemetry.Store;

public static class StoreRetention
{
    public static PruneResult Prune(TelemetryStore store, DateTimeOffset horizon, bool dryRun = false) =>
        Prune(store, horizon, dryRun, beforeRename: null);

    internal static PruneResult Prune(TelemetryStore store, DateTimeOffset horizon, bool dryRun, Action<string>? beforeRename)
    {
        if (!Directory.Exists(store.Root))
        {
            return new PruneResult { Root = store.Root, Horizon = horizon, DryRun = dryRun };
        }

        using var @lock = dryRun ? null : StoreLock.Acquire(store.Root, store.LockTimeout);
        int stale = dryRun ? 0 : RemoveStaleTempFiles(store.Root);
        var deleted = new List<string>();
        var rewritten = new List<string>();
        long events = 0, sessions = 0, snapshots = 0, alerts = 0, kept = 0, unreadableKept = 0;
        foreach (var kind in SinkFiles.AllKinds)
        {
            foreach (var file in SinkFiles.List(store.Root, kind))
            {
                if (file.MonthStart >= horizon)
                {
                    continue; // the whole month is inside the horizon (and rows are filed by their own month)
                }

                bool wholeMonthOld = file.MonthEnd <= horizon;
                var count = Count(file, horizon, wholeMonthOld);
                if (count.Old == 0)
                {
                    continue;
                }

                switch (kind)
                {
                    case SinkKind.Events: events += count.Old; break;
                    case SinkKind.Sessions: sessions += count.Old; break;
                    case SinkKind.Alerts: alerts += count.Old; break;
                    default: snapshots += count.Old; break;
                }

                string name = Path.GetFileName(file.Path);
                if (count.Keep == 0)
                {
                    deleted.Add(name);
                    if (!dryRun)
                    {
                        Delete(file.Path);
                        Facts.DailyFactsSidecar.Delete(store.Root, file.Path);
                    }
                }
                else
                {
                    rewritten.Add(name);
                    kept += count.Keep;
                    unreadableKept += count.UnreadableKept;
                    if (!dryRun)
                    {
                        AtomicFile.Write(file.Path, output => CopyKept(file, horizon, wholeMonthOld, output), PrivateFiles.FileMode, beforeRename);
                        Facts.DailyFactsSidecar.Delete(store.Root, file.Path); // stale now (another inode); rebuilt on the next report
                    }
                }
            }
        }

        return new PruneResult
        {
            Root = store.Root, Horizon = horizon, DryRun = dryRun, EventsRemoved = events, SessionRowsRemoved = sessions,
            SnapshotRowsRemoved = snapshots, AlertRowsRemoved = alerts,
            RowsKept = kept, UnreadableLinesKept = unreadableKept, FilesDeleted = deleted, FilesRewritten = rewritten,
            StaleTempFilesRemoved = stale,
        };
    }

    /// <summary>Removes temporary files of rewrites that never reached their rename. Callers hold the lock.</summary>
    internal static int RemoveStaleTempFiles(string root)
    {
        int removed = 0;
        foreach (string path in Directory.EnumerateFiles(root, ".*" + AtomicFile.TempSuffix))
        {
            if (AtomicFile.IsTempFile(Path.GetFileName(path)))
            {
                Delete(path);
                removed++;
            }
        }

        return removed;
    }

    private enum Verdict
    {
        Keep,
        Old,
        UnreadableKept,
        UnreadableDropped,
    }

    private static (long Old, long Keep, long UnreadableKept) Count(SinkFile file, DateTimeOffset horizon, bool wholeMonthOld)
    {
        long old = 0, keep = 0, unreadable = 0;
        ForEachRow(file, horizon, wholeMonthOld, (_, verdict) =>
        {
            switch (verdict)
            {
                case Verdict.Old or Verdict.UnreadableDropped:
                    old++;
                    break;
                case Verdict.UnreadableKept:
                    unreadable++;
                    keep++;
                    break;
                default:
                    keep++;
                    break;
            }
        });
        return (old, keep, unreadable);
    }

    private static void CopyKept(SinkFile file, DateTimeOffset horizon, bool wholeMonthOld, Stream output) =>
        ForEachRow(file, horizon, wholeMonthOld, (line, verdict) =>
        {
            if (verdict is Verdict.Keep or Verdict.UnreadableKept)
            {
                output.Write(line);
                output.WriteByte((byte)'\n');
            }
        });

    private delegate void RowAction(ReadOnlySpan<byte> line, Verdict verdict);

    private static void ForEachRow(SinkFile file, DateTimeOffset horizon, bool wholeMonthOld, RowAction action)
    {
        JsonlReader reader;
        try
        {
            reader = new JsonlReader(file.Path);
        }
        catch (FileNotFoundException)
        {
            return;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"Cannot read {file.Path}: {ex.Message}", ex);
        }

        using (reader)
        {
            while (reader.TryReadLine(out var line))
            {
                if (line.Trim(" \t"u8).IsEmpty)
                {
                    continue;
                }

                DateTimeOffset? time = RowTime(file.Kind, line);
                Verdict verdict = time is DateTimeOffset t
                    ? (t < horizon ? Verdict.Old : Verdict.Keep)
                    : (wholeMonthOld ? Verdict.UnreadableDropped : Verdict.UnreadableKept);
                action(line, verdict);
            }
        }
    }

    private static DateTimeOffset? RowTime(SinkKind kind, ReadOnlySpan<byte> line)
    {
        if (kind == SinkKind.Events)
        {
            return RowCodec.TryParseEvent(line, out TelemetryEvent? e, out _) ? e!.Timestamp : null;
        }

        if (kind == SinkKind.Alerts)
        {
            return RowCodec.TryParseAlert(line, out var a, out _) ? a!.Timestamp : null;
        }

        if (kind == SinkKind.Snapshots)
        {
            return SnapshotRowCodec.TryParse(line, out var snapshot, out _) ? snapshot!.Timestamp : null;
        }

        return RowCodec.TryParseSession(line, out SessionSummary? s, out _) ? s!.ClosedAt : null;
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
}
