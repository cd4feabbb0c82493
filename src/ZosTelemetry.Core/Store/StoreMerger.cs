// Merging stores: the rows of other stores (one per CI runner, say) are added to a target store, each row at most as
// often as its source has it, so merging the same source again adds nothing. Rows are compared by RowIdentity: the
// event_id when there is one, else a hash of the canonical row. Counting occurrences (a multiset, not a set) keeps
// two genuinely identical id-less events of one source as two.
//
// Every source row passes the same validator as an append, so a merge can never bring into the store what an
// append would refuse; refused and unreadable rows are skipped with a warning and counted. The target's lock is
// held for the whole merge, so two merges into one target cannot both add the same row. A merge that is stopped
// half-way leaves whole rows behind and is completed by running it again.
//
// Merging is a transmission too: only rows whose family (schemas/index.json) allows an operator's export are merged,
// a content-bearing (S3) family is refused outright, and each result says the classes it carried. The source's
// user.key is never copied unless asked (WithUserKey, for a target that has none); a target that shares the source's
// key groups users alike, and one with another key is told its user hashes will not match the source's.
using System.Buffers;
using ZosTelemetry.Contracts;
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;

namespace ZosTelemetry.Store;

public sealed class StoreMerger
{
    // Pending rows are written out in chunks of about this size, so a large source costs no more memory than this.
    private const int FlushBytes = 4 * 1024 * 1024;

    private readonly TelemetryStore target;
    private readonly Action<StoreWarning>? warn;
    private readonly Func<DateTimeOffset> clock;

    public StoreMerger(TelemetryStore target, Action<StoreWarning>? onWarning = null, Func<DateTimeOffset>? clock = null, ContractRegistry? registry = null)
    {
        this.target = target;
        warn = onWarning;
        this.clock = clock ?? (() => DateTimeOffset.UtcNow);
        this.registry = registry ?? ContractRegistry.Embedded;
    }

    private readonly ContractRegistry registry;

    /// <summary>Copy a source's user.key to a target that has none, so both hash user names alike from now on.</summary>
    public bool WithUserKey { get; init; }

    /// <summary>
    /// Adds the rows of each source store to the target, in order, and returns what each source contributed.
    /// Every source is checked before anything is written: a missing one, a file, or the target itself stops the merge.
    /// </summary>
    public IReadOnlyList<MergeResult> Merge(IReadOnlyList<string> sourceRoots)
    {
        var sources = sourceRoots.Select(Path.GetFullPath).ToList();
        foreach (string source in sources)
        {
            if (File.Exists(source))
            {
                throw new StoreException($"Cannot merge from {source}: it is a file; a store is a directory.");
            }

            if (!Directory.Exists(source))
            {
                throw new StoreNotFoundException(source);
            }

            if (SamePath(source, target.Root))
            {
                throw new ArgumentException($"Cannot merge the store at {source} into itself.");
            }
        }

        StoreFiles.EnsureRoot(target.Root);
        using var @lock = StoreLock.Acquire(target.Root, target.LockTimeout, target.Observer);
        DateTimeOffset now = clock();

        var events = new Dictionary<UInt128, int>();
        foreach (var e in target.ReadEvents())
        {
            Increment(events, RowIdentity.Of(Normalised(e, now)));
        }

        var sessions = new Dictionary<UInt128, int>();
        foreach (var s in target.ReadSessionRows())
        {
            Increment(sessions, RowIdentity.Of(s));
        }

        var snapshots = new Dictionary<UInt128, int>();
        foreach (var s in target.ReadSnapshots())
        {
            Increment(snapshots, RowIdentity.Of(s));
        }

        var results = new List<MergeResult>(sources.Count);
        foreach (string source in sources)
        {
            target.Observer?.Progress("Merging stores", results.Count, sources.Count);
            target.Observer?.Verbose($"Merging {source} into {target.Root}.");
            var result = MergeOne(source, events, sessions, snapshots, now);
            target.Observer?.Verbose($"{source}: {result.EventsAdded} of {result.EventsRead} event row(s) and {result.SessionsAdded} of {result.SessionsRead} session row(s) added.");
            results.Add(result);
        }

        target.Observer?.Progress("Merging stores", sources.Count, sources.Count);

        return results;
    }

    private MergeResult MergeOne(string source, Dictionary<UInt128, int> targetEvents, Dictionary<UInt128, int> targetSessions, Dictionary<UInt128, int> targetSnapshots, DateTimeOffset now)
    {
        long skipped = 0;
        var reader = new TelemetryStore(source, w =>
        {
            skipped++;
            warn?.Invoke(w);
        });
        var pending = new PendingRows(target.Root);
        string userKey = MergeUserKey(source);
        string? sensitivity = null;
        long localOnly = 0;

        long eventsRead = 0, eventsAdded = 0;
        var seenInSource = new Dictionary<UInt128, int>();
        foreach (var row in reader.ReadEvents())
        {
            eventsRead++;
            TelemetryEvent e;
            try
            {
                e = EventValidator.Validate(row, now);
            }
            catch (TelemetryValidationException ex)
            {
                // The message never quotes the refused value, and neither does this: the row's text may be the canary.
                skipped++;
                warn?.Invoke(new StoreWarning(source, 0, $"event {eventsRead} refused: {ex.Message}"));
                continue;
            }

            var family = registry.FamilyOfKind(e.Kind);
            if (!ContractRegistry.AllowsExport(family, "merge"))
            {
                localOnly++;
                continue;
            }

            sensitivity = ContractRegistry.Higher(sensitivity, family.SensitivityClass);
            if (AddsOccurrence(RowIdentity.Of(e), seenInSource, targetEvents))
            {
                pending.Add(SinkFiles.FileName(SinkKind.Events, e.Timestamp), buffer => RowCodec.WriteEvent(buffer, e));
                eventsAdded++;
            }
        }

        long sessionsRead = 0, sessionsAdded = 0;
        seenInSource.Clear();
        var summaries = registry.FamilyOfRowType(RowTypes.SessionSummary) ?? throw new ContractViolationException("merge refused: the registry declares no session_summary family.");
        bool mergeSummaries = ContractRegistry.AllowsExport(summaries, "merge");
        foreach (var s in reader.ReadSessionRows())
        {
            if (!mergeSummaries)
            {
                localOnly++;
                continue;
            }

            sessionsRead++;
            try
            {
                ContractCheck.ValidateSession(s);
            }
            catch (TelemetryValidationException ex)
            {
                skipped++;
                warn?.Invoke(new StoreWarning(source, 0, $"session summary {sessionsRead} refused: {ex.Message}"));
                continue;
            }

            sensitivity = ContractRegistry.Higher(sensitivity, summaries.SensitivityClass);

            if (AddsOccurrence(RowIdentity.Of(s), seenInSource, targetSessions))
            {
                pending.Add(SinkFiles.FileName(SinkKind.Sessions, s.ClosedAt), buffer => RowCodec.WriteSession(buffer, s));
                sessionsAdded++;
            }
        }

        // Snapshot rows are read through the same row rules as any reader, so a refused one is an unreadable line here.
        long snapshotsRead = 0, snapshotsAdded = 0;
        seenInSource.Clear();
        var snapshotFamily = registry.FamilyOfRowType(RowTypes.QualitySnapshot) ?? throw new ContractViolationException("merge refused: the registry declares no quality_snapshot family.");
        bool mergeSnapshots = ContractRegistry.AllowsExport(snapshotFamily, "merge");
        foreach (var s in reader.ReadSnapshots())
        {
            snapshotsRead++;
            if (!mergeSnapshots)
            {
                localOnly++;
                continue;
            }

            sensitivity = ContractRegistry.Higher(sensitivity, snapshotFamily.SensitivityClass);
            if (AddsOccurrence(RowIdentity.Of(s), seenInSource, targetSnapshots))
            {
                pending.Add(SinkFiles.FileName(SinkKind.Snapshots, s.Timestamp), buffer => SnapshotRowCodec.Write(buffer, s));
                snapshotsAdded++;
            }
        }

        // Alerts have no id: a row is the same alert when its bytes are, which holds for rows written by any close.
        var targetAlerts = new Dictionary<UInt128, int>();
        foreach (var a in target.ReadAlertRows())
        {
            Increment(targetAlerts, AlertKey(a));
        }

        long alertsRead = 0, alertsAdded = 0;
        seenInSource.Clear();
        foreach (var a in reader.ReadAlertRows())
        {
            alertsRead++;
            if (AddsOccurrence(AlertKey(a), seenInSource, targetAlerts))
            {
                pending.Add(SinkFiles.FileName(SinkKind.Alerts, a.Timestamp), buffer => RowCodec.WriteAlert(buffer, a));
                alertsAdded++;
            }
        }

        pending.Flush();
        return new MergeResult
        {
            Source = source,
            Target = target.Root,
            EventsRead = eventsRead,
            EventsAdded = eventsAdded,
            SessionsRead = sessionsRead,
            SessionsAdded = sessionsAdded,
            AlertsRead = alertsRead,
            AlertsAdded = alertsAdded,
            SnapshotsRead = snapshotsRead,
            SnapshotsAdded = snapshotsAdded,
            RowsSkipped = skipped,
            RowsLocalOnly = localOnly,
            SensitivityClass = sensitivity ?? "",
            TransmissionClass = ContractRegistry.ExplicitOperatorExport,
            UserKey = userKey,
        };
    }

    /// <summary>How the source's user.key relates to the target's: none, shared, adopted (copied on request) or different.</summary>
    private string MergeUserKey(string source)
    {
        byte[]? theirs = UserKey.TryLoad(source);
        if (theirs is null)
        {
            return MergeUserKeys.None;
        }

        byte[]? ours = UserKey.TryLoad(target.Root);
        if (ours is null && WithUserKey)
        {
            ours = UserKey.Install(target.Root, theirs);
            return ours.AsSpan().SequenceEqual(theirs) ? MergeUserKeys.Adopted : MergeUserKeys.Different;
        }

        if (ours is not null && ours.AsSpan().SequenceEqual(theirs))
        {
            return MergeUserKeys.Shared;
        }

        warn?.Invoke(new StoreWarning(source, 0, "its users were hashed with another user.key than this store's: the same person has different user hashes in the two (share one key on purpose: README \"Sharing a user key\")."));
        return MergeUserKeys.Different;
    }

    private static UInt128 AlertKey(Alerts.TelemetryAlert a)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        RowCodec.WriteAlert(buffer, a);
        return KeyHash.Hash128(buffer.WrittenSpan);
    }

    /// <summary>
    /// The n-th occurrence of a row in a source is added when the target has fewer than n of it, so that after the
    /// merge the target holds as many as the larger of the two: the same source merged again adds nothing.
    /// </summary>
    private static bool AddsOccurrence(UInt128 key, Dictionary<UInt128, int> seenInSource, Dictionary<UInt128, int> inTarget)
    {
        int n = Increment(seenInSource, key);
        if (n <= inTarget.GetValueOrDefault(key))
        {
            return false;
        }

        Increment(inTarget, key);
        return true;
    }

    private static int Increment(Dictionary<UInt128, int> counts, UInt128 key)
    {
        int n = counts.GetValueOrDefault(key) + 1;
        counts[key] = n;
        return n;
    }

    // A target row as the validator would have written it, so that it matches the validated copy of the same source row;
    // a row the validator refuses is compared as it is.
    private static TelemetryEvent Normalised(TelemetryEvent e, DateTimeOffset now)
    {
        try
        {
            return EventValidator.Validate(e, now);
        }
        catch (TelemetryValidationException)
        {
            return e;
        }
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(
            Path.TrimEndingDirectorySeparator(a),
            Path.TrimEndingDirectorySeparator(b),
            OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>Rows waiting to be appended, per sink file; written when they reach FlushBytes and at the end.</summary>
    private sealed class PendingRows(string root)
    {
        private readonly SortedDictionary<string, ArrayBufferWriter<byte>> buffers = new(StringComparer.Ordinal);
        private long bytes;

        public void Add(string file, Action<IBufferWriter<byte>> write)
        {
            if (!buffers.TryGetValue(file, out var buffer))
            {
                buffers[file] = buffer = new ArrayBufferWriter<byte>(4096);
            }

            int before = buffer.WrittenCount;
            write(buffer);
            buffer.Write("\n"u8);
            bytes += buffer.WrittenCount - before;
            if (bytes >= FlushBytes)
            {
                Flush();
            }
        }

        public void Flush()
        {
            foreach (var (file, buffer) in buffers)
            {
                StoreFiles.AppendLines(Path.Combine(root, file), buffer.WrittenSpan);
            }

            buffers.Clear();
            bytes = 0;
        }
    }
}
