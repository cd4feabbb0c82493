// The append-only store under one root: events-YYYY-MM.jsonl (bucketed by the event's ts), sessions-YYYY-MM.jsonl
// (bucketed by ts_closed), snapshots-YYYY-MM.jsonl (quality snapshots, by their ts) and alerts-YYYY-MM.jsonl (by the
// alert's ts). Writers validate everything before they touch a file, so a refused batch writes nothing; readers skip
// unusable rows with a warning instead of failing.
using System.Globalization;
using System.Buffers;
using System.Runtime.CompilerServices;
using ZosTelemetry.Detection;
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;
using ZosTelemetry.Snapshots;

namespace ZosTelemetry.Store;

public sealed class TelemetryStore
{
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(2);

    private readonly Action<StoreWarning>? warn;
    private readonly Func<DateTimeOffset> clock;

    public TelemetryStore(string root, Action<StoreWarning>? onWarning = null, Func<DateTimeOffset>? clock = null)
    {
        Root = Path.GetFullPath(root);
        warn = onWarning;
        this.clock = clock ?? (() => DateTimeOffset.UtcNow);
    }

    /// <summary>Opens the store at the root resolved from an explicit path, $ZOS_HOME or the home directory.</summary>
    public static TelemetryStore Open(string? explicitRoot = null, Action<StoreWarning>? onWarning = null) =>
        new(StoreRoot.Resolve(explicitRoot), onWarning);

    public string Root { get; }

    public TimeSpan LockTimeout { get; init; } = DefaultLockTimeout;

    /// <summary>The form in which a user name may be stored: its keyed hash with this store's user.key (created on first use).</summary>
    public string HashUser(string name) => UserIdentity.Hash(UserKey.LoadOrCreate(Root), name);

    /// <summary>
    /// The hash to look a user name up by, for readers: with this store's key, or, when it has none yet, with a
    /// throwaway key, so the lookup matches nothing and a read never creates a file.
    /// </summary>
    public string LookupUserHash(string name) =>
        UserIdentity.Hash(UserKey.TryLoad(Root) ?? System.Security.Cryptography.RandomNumberGenerator.GetBytes(UserKey.KeyBytes), name);

    /// <summary>How much of a file one parallel scan task reads; small values let tests cut files into many chunks.</summary>
    internal long ScanChunkBytes { get; init; } = ParallelScan.DefaultChunkBytes;

    /// <summary>
    /// How many sessions an aggregation over every session (report session, sessions, compare, doctor) holds in memory
    /// before it spills to private scratch files (Store/Spill) and aggregates partition by partition; tests set it
    /// tiny to take the spill path on small stores. 50,000 keeps each of them under 500 MB at any number of sessions.
    /// </summary>
    internal int SpillThreshold { get; init; } = DefaultSpillThreshold;

    internal const int DefaultSpillThreshold = 50_000;

    /// <summary>Validates every event, then appends them all; a refused event means nothing is written. Events without an id get a new random one.</summary>
    /// <summary>Told what the store reads and writes, and how far long scans have come (see IStoreObserver).</summary>
    public IStoreObserver? Observer { get; init; }

    /// <summary>The same store with other listeners: a read on another thread tells them, not a host's own (Reports/Html/BackgroundRead).</summary>
    internal TelemetryStore WithListeners(Action<StoreWarning>? onWarning, IStoreObserver? observer) =>
        new(Root, onWarning, clock) { LockTimeout = LockTimeout, ScanChunkBytes = ScanChunkBytes, SpillThreshold = SpillThreshold, Observer = observer };

    public IReadOnlyList<TelemetryEvent> Append(IEnumerable<TelemetryEvent> events)
    {
        DateTimeOffset now = Now();
        var valid = new List<TelemetryEvent>();
        int withoutId = 0;
        foreach (var e in events)
        {
            var checkedEvent = EventValidator.Validate(e, now);
            valid.Add(checkedEvent);
            withoutId += checkedEvent.EventId is null ? 1 : 0;
        }

        if (withoutId > 0)
        {
            string[] ids = EventIds.New(withoutId);
            for (int i = 0, k = 0; i < valid.Count; i++)
            {
                if (valid[i].EventId is null)
                {
                    valid[i] = valid[i].WithEventId(ids[k++]);
                }
            }
        }

        if (valid.Count == 0)
        {
            return valid;
        }

        if (valid.Count == 1)
        {
            // A hook's single event: straight to its month file, without the sorted map of month buffers, whose first
            // use (System.Collections and two dozen generic methods to compile) cost a one-event process more than the
            // write itself. The batch path is a method of its own so that compiling this one does not load it either.
            var one = valid[0];
            string file = SinkFiles.FileName(SinkKind.Events, one.Timestamp);
            LockedAppend.Write(Root, LockTimeout, file, RowCodec.EventLine(one), Observer);
            Observer?.Verbose($"Wrote 1 row to {Path.Combine(Root, file)}.");
        }
        else
        {
            AppendBatch(valid);
        }

        return valid;
    }

    /// <summary>Writes validated events, each month file's rows in one write, all under one lock.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AppendBatch(List<TelemetryEvent> valid)
    {
        var buffers = new SortedDictionary<string, ArrayBufferWriter<byte>>(StringComparer.Ordinal);
        foreach (var e in valid)
        {
            string file = SinkFiles.FileName(SinkKind.Events, e.Timestamp);
            if (!buffers.TryGetValue(file, out var buffer))
            {
                buffers[file] = buffer = new ArrayBufferWriter<byte>(256);
            }

            RowCodec.WriteEvent(buffer, e);
            buffer.Write("\n"u8);
        }

        WriteLocked(buffers);
    }

    public TelemetryEvent Append(TelemetryEvent e) => Append([e])[0];

    /// <summary>
    /// Appends rows written by RowCodec.WriteEvent for events that EventValidator.Validate returned (the importer
    /// validates and writes them on its parse workers), each month file's rows in one write, all under one lock.
    /// </summary>
    internal void AppendRows(SortedDictionary<string, ArrayBufferWriter<byte>> buffers) => WriteLocked(buffers);

    /// <summary>
    /// Streams the events that match, oldest month file first, in file order. A query for one session reads through
    /// the session index: that session's rows, not the whole store.
    /// </summary>
    public IEnumerable<TelemetryEvent> ReadEvents(EventQuery? query = null)
    {
        query ??= new EventQuery();
        if (query.SessionId is not null)
        {
            foreach (var e in ReadSessionEvents(query.SessionId))
            {
                if (query.Matches(e))
                {
                    yield return e;
                }
            }

            yield break;
        }

        foreach (var file in SinkFiles.List(Root, SinkKind.Events))
        {
            if (!query.MayContain(file))
            {
                continue;
            }

            Observer?.Verbose($"Reading {file.Path}.");
            foreach (var e in ReadRows<TelemetryEvent>(file.Path, ParseEvent))
            {
                if (query.Matches(e))
                {
                    yield return e;
                }
            }
        }
    }

    /// <summary>
    /// One row per UTC day and system over the events that match. Reads every core's share of the files in parallel
    /// and folds row facts without building an event or a string per row. Events without a recorded cost are priced
    /// with costs (default: the shipped prices), once per model per chunk; those it cannot price are counted in
    /// UnpricedEvents, exactly as DailyRollup.Compute over ReadEvents does.
    /// </summary>
    public IReadOnlyList<DailySummary> ReadDailySummaries(EventQuery? query = null, Pricing.CostResolver? costs = null)
    {
        costs ??= Pricing.CostResolver.Shipped;
        return DailyRollup.Merge(ScanEventFacts(query ?? new EventQuery(), () => new DailyRollupPartial(costs), static (DailyRollupPartial p, in EventFacts f) => p.Add(f)));
    }

    /// <summary>
    /// The store's one aggregating scan of events: the event files the query may touch, cut into chunks read on every
    /// core, each row's facts (no event, no string per row) that match the query folded into that chunk's partial.
    /// The partials come back in chunk order, so a merge does not depend on scheduling; unusable rows are warned about
    /// with their file and absolute line number.
    /// </summary>
    internal IReadOnlyList<TPartial> ScanEventFacts<TPartial>(EventQuery query, Func<TPartial> create, EventFactsFold<TPartial> fold)
    {
        var filter = query.ToFilter();
        var files = SinkFiles.List(Root, SinkKind.Events).Where(query.MayContain).Select(f => f.Path).ToList();
        var chunks = ParallelScan.Split(files, ScanChunkBytes);
        Observer?.Verbose(string.Create(CultureInfo.InvariantCulture, $"Scanning {files.Count} event file(s) of {Root} in {chunks.Count} chunk(s): {string.Join(", ", files.Select(Path.GetFileName))}."));
        var results = ScanChunks(chunks, chunk =>
        {
            var partial = create();
            // Optimised from the first row: a one-shot scan ends before tiered compilation would get to it.
            var report = ParallelScan.ReadLines(chunk, (line, _) =>
            {
                if (!EventRowReader.TryRead(line, out var facts, out string? reason))
                {
                    return reason;
                }

                if (filter.Matches(facts))
                {
                    fold(partial, facts);
                }

                return null;
            });
            return (Partial: partial, Report: report);
        });
        ParallelScan.Warn(chunks, results.Select(r => r.Report).ToList(), warn);
        return results.Select(r => r.Partial).ToList();
    }

    /// <summary>
    /// The daily facts (Facts/DailyFactTable) of the event files the query may touch, from their sidecars where these
    /// still match the files, else folded from the rows and saved. Only the query's System, Since and Until prune files.
    /// </summary>
    internal Facts.DailyFacts ReadDailyFacts(EventQuery query)
    {
        var files = SinkFiles.List(Root, SinkKind.Events).Where(query.MayContain).Select(f => f.Path).ToList();
        return new Facts.DailyFacts(Facts.DailyFactsSidecar.Load(this, files));
    }

    /// <summary>
    /// Folds the lines of one events file that begin in [from, to) into one daily facts partial per fixed chunk
    /// (ParallelScan.SplitFixed), on every core; the first chunk goes on with <paramref name="open"/> when given (a
    /// fold resumed after an append). Unusable rows are warned about only in a fold from the start, where their line
    /// numbers are known; a resumed fold that meets one is dropped by its caller for a whole fold, which warns.
    /// </summary>
    internal (List<Facts.DailyFactPartial> Partials, long Skipped) FoldDailyFacts(string path, long from, long to, long chunkBytes, Facts.DailyFactPartial? open = null)
    {
        var chunks = ParallelScan.SplitFixed(path, from, to, chunkBytes);
        var results = ScanChunks(chunks, chunk =>
        {
            var partial = chunk.Index == 0 && open is not null ? open : new Facts.DailyFactPartial();
            if (chunk.From >= chunk.To)
            {
                return (Partial: partial, Report: new ChunkReport());
            }

            var report = ParallelScan.ReadLines(chunk, (line, _) =>
            {
                if (!EventRowReader.TryRead(line, out var facts, out string? reason))
                {
                    return reason;
                }

                partial.Add(facts);
                return null;
            });
            return (Partial: partial, Report: report);
        });
        if (from == 0)
        {
            ParallelScan.Warn(chunks, results.Select(r => r.Report).ToList(), warn);
        }

        return (results.Select(r => r.Partial).ToList(), results.Sum(r => (long)r.Report.Skipped.Count));
    }

    /// <summary>
    /// ScanEventFacts for consumers that must not hold every chunk's partial at once: the partials are yielded in chunk
    /// order as they are ready (a bounded look-ahead of chunks is read meanwhile), and the skipped rows are warned about
    /// when the last one has been yielded.
    /// </summary>
    internal IEnumerable<TPartial> StreamEventFacts<TPartial>(EventQuery query, Func<TPartial> create, EventFactsFold<TPartial> fold)
    {
        var filter = query.ToFilter();
        var files = SinkFiles.List(Root, SinkKind.Events).Where(query.MayContain).Select(f => f.Path).ToList();
        var chunks = ParallelScan.Split(files, ScanChunkBytes);
        var reports = new List<ChunkReport>(chunks.Count);
        foreach (var (partial, report) in ParallelScan.MapOrdered(chunks, chunk =>
        {
            var partial = create();
            var report = ParallelScan.ReadLines(chunk, (line, _) =>
            {
                if (!EventRowReader.TryRead(line, out var facts, out string? reason))
                {
                    return reason;
                }

                if (filter.Matches(facts))
                {
                    fold(partial, facts);
                }

                return null;
            });
            return (partial, report);
        }))
        {
            reports.Add(report);
            Observer?.Progress("Reading events", reports.Count, chunks.Count);
            yield return partial;
        }

        ParallelScan.Warn(chunks, reports, warn);
    }

    /// <summary>Every stored summary row, including superseded ones, in file order.</summary>
    public IEnumerable<SessionSummary> ReadSessionRows()
    {
        foreach (var file in SinkFiles.List(Root, SinkKind.Sessions))
        {
            foreach (var s in ReadRows<SessionSummary>(file.Path, ParseSession))
            {
                yield return s;
            }
        }
    }

    /// <summary>
    /// The latest summary row per session that matches, streamed newest first: the newest sessions file's sessions
    /// (by ts_closed, newest first), then the next older file's, and so on. The first session is yielded after one month file
    /// has been read; memory holds session ids, not summaries. A row in a newer file supersedes older ones; within a
    /// file the later ts_closed wins, then the later line.
    /// </summary>
    public IEnumerable<SessionSummary> StreamSessions(SessionQuery? query = null) =>
        SessionScan.Stream(Root, query ?? new SessionQuery(), ScanChunkBytes, warn, SpillThreshold);

    /// <summary>The latest summary row per session (see StreamSessions), ordered by first activity, then id.</summary>
    public IReadOnlyList<SessionSummary> ReadSessions(SessionQuery? query = null) =>
        StreamSessions(query)
            .OrderBy(s => s.FirstTimestamp)
            .ThenBy(s => s.SessionId, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The latest summary of every session whose latest row belongs to one of the systems, read on all cores without
    /// an object per row. The summaries are light (no id, context or model): enough for statistics, nothing more.
    /// Up to <paramref name="orderBelow"/> sessions they come ordered by first activity, then by a hash of the id:
    /// an order that depends on the sessions only, not on how rows lie in the files, so that the bootstrap (which
    /// draws by position) gives the same interval. Above that they come in the order the ids first appear in the
    /// store, which is as reproducible and spares sorting a million of them for the normal approximation.
    /// </summary>
    /// <remarks>
    /// With a scratch directory (for stores past SpillThreshold, see SessionsPastSpillThreshold) through scratch files in
    /// it (LatestSessionsSpill), in the same order, without a table of every id.
    /// </remarks>
    internal IEnumerable<SessionSummary> ReadLatestSessionsOf(string systemA, string systemB, int orderBelow, Spill.SpillDirectory? scratch = null)
    {
        var files = SinkFiles.List(Root, SinkKind.Sessions);
        return scratch is not null
            ? LatestSessionsSpill.Read(scratch, files, ScanChunkBytes, warn, SessionScan.EstimatedRows(files), SpillThreshold, systemA, systemB, orderBelow)
            : ReadLatestSessionsInMemory(systemA, systemB, orderBelow);
    }

    /// <summary>Whether the sessions files may hold more rows than SpillThreshold (estimated from their size).</summary>
    internal bool SessionsPastSpillThreshold() => SessionScan.EstimatedRows(SinkFiles.List(Root, SinkKind.Sessions)) > SpillThreshold;

    private IEnumerable<SessionSummary> ReadLatestSessionsInMemory(string systemA, string systemB, int orderBelow)
    {
        byte[] a = System.Text.Encoding.UTF8.GetBytes(systemA), b = System.Text.Encoding.UTF8.GetBytes(systemB);
        var winners = SessionScan.Collect(Root, ScanChunkBytes, warn, (in SessionFacts f, UInt128 key) =>
            f.System.SequenceEqual(a) ? new SessionNumbers(f, key, true) : f.System.SequenceEqual(b) ? new SessionNumbers(f, key, false) : (SessionNumbers?)null);
        if (winners.Count <= orderBelow)
        {
            winners.Sort(SessionNumbers.ScanOrder);
        }

        foreach (var n in winners)
        {
            yield return n.ToSummary(n.IsA ? systemA : systemB);
        }
    }

    /// <summary>
    /// Summarises a session from all its events and appends the summary row. Closing again writes a newer row.
    /// Events without a recorded cost are priced with costs (default: the shipped prices) as of this close.
    /// Corrections are counted by the detector version that read the user turns; asking for another version
    /// (detectorVersion) throws DetectorRecountException, as the text to read them again is not kept. The options
    /// give the outcome and attempts where no session_end event carried them, and the alert thresholds. The session's
    /// repeat-signal state (TurnStateFiles) is deleted: the session is over.
    /// </summary>
    public SessionSummary Close(string sessionId, Pricing.CostResolver? costs = null, int? detectorVersion = null, SessionCloseOptions? options = null)
    {
        EventValidator.ValidateSessionId(sessionId);
        options = (options ?? SessionCloseOptions.None).Checked();
        StoreOwnership.EnsureWritable(Root); // before the session index is read, which may write its cache
        var acc = new SessionAccumulator(sessionId, costs);
        foreach (var e in ReadSessionEvents(sessionId))
        {
            acc.Add(e);
        }

        if (acc.Events == 0)
        {
            throw new SessionNotFoundException(sessionId);
        }

        DateTimeOffset now = Now();
        var closedAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var summary = acc.ToSummary(closedAt, detectorVersion, options);
        EnsureStorable(summary);
        var buffers = new SortedDictionary<string, ArrayBufferWriter<byte>>(StringComparer.Ordinal);
        AddRow(buffers, SinkFiles.FileName(SinkKind.Sessions, closedAt), buffer => RowCodec.WriteSession(buffer, summary));

        // The session's alerts go in under the same lock as its summary, so a hook that runs close sees them at once.
        foreach (var alert in acc.Alerts(summary.System, options.AlertOptions, closedAt))
        {
            AddRow(buffers, SinkFiles.FileName(SinkKind.Alerts, alert.Timestamp), buffer => RowCodec.WriteAlert(buffer, alert));
        }

        WriteLocked(buffers);
        TurnStateFiles.Forget(Root, sessionId);
        return summary;
    }

    /// <summary>
    /// Appends summary rows computed by the caller from events it has just appended (the log importer closes
    /// thousands of sessions at once and summarises them in one pass instead of one store scan per Close).
    /// </summary>
    public void AppendSessions(IReadOnlyCollection<SessionSummary> summaries, IReadOnlyCollection<Alerts.TelemetryAlert>? alerts = null)
    {
        var buffers = new SortedDictionary<string, ArrayBufferWriter<byte>>(StringComparer.Ordinal);
        foreach (var alert in alerts ?? [])
        {
            AddRow(buffers, SinkFiles.FileName(SinkKind.Alerts, alert.Timestamp), buffer => RowCodec.WriteAlert(buffer, alert));
        }

        foreach (var s in summaries)
        {
            EventValidator.ValidateSessionId(s.SessionId);
            EventValidator.ValidateName("system", s.System, required: true);
            EnsureStorable(s);
            string file = SinkFiles.FileName(SinkKind.Sessions, s.ClosedAt);
            if (!buffers.TryGetValue(file, out var buffer))
            {
                buffers[file] = buffer = new ArrayBufferWriter<byte>(512);
            }

            RowCodec.WriteSession(buffer, s);
            buffer.Write("\n"u8);
        }

        if (buffers.Count > 0)
        {
            WriteLocked(buffers);
        }
    }

    /// <summary>Every stored alert row (those of superseded closes too), oldest month file first, in file order.</summary>
    public IEnumerable<Alerts.TelemetryAlert> ReadAlertRows()
    {
        foreach (var file in SinkFiles.List(Root, SinkKind.Alerts))
        {
            foreach (var a in ReadRows<Alerts.TelemetryAlert>(file.Path, RowCodec.TryParseAlert))
            {
                yield return a;
            }
        }
    }

    private static void AddRow(SortedDictionary<string, ArrayBufferWriter<byte>> buffers, string file, Action<ArrayBufferWriter<byte>> write)
    {
        if (!buffers.TryGetValue(file, out var buffer))
        {
            buffers[file] = buffer = new ArrayBufferWriter<byte>(512);
        }

        write(buffer);
        buffer.Write("\n"u8);
    }

    /// <summary>
    /// One session's events, oldest month file first, in file order, found through the session index (which catches up
    /// with rows appended since it was last used). Where the index cannot answer for a file, that file is scanned.
    /// </summary>
    private IEnumerable<TelemetryEvent> ReadSessionEvents(string sessionId)
    {
        var index = new SessionIndex(Root, ScanChunkBytes);
        foreach (var file in SinkFiles.List(Root, SinkKind.Events))
        {
            List<TelemetryEvent>? rows;
            try
            {
                rows = index.TryReadSession(file.Path, sessionId);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                rows = null; // the index is a cache: when it fails, read the file itself
            }

            foreach (var e in rows ?? ReadRows<TelemetryEvent>(file.Path, ParseEvent).Where(e => e.SessionId == sessionId))
            {
                yield return e;
            }
        }
    }

    /// <summary>The distinct system names in the store's summaries and in the newest events and snapshots files, for tab completion.</summary>
    public IReadOnlyList<string> KnownSystems()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var s in ReadSessionRows())
        {
            names.Add(s.System);
        }

        var newest = SinkFiles.List(Root, SinkKind.Events).LastOrDefault();
        if (newest is not null)
        {
            foreach (var e in ReadRows<TelemetryEvent>(newest.Path, ParseEvent))
            {
                names.Add(e.System);
            }
        }

        // A classifier that only ever writes snapshots is a system too.
        foreach (var snapshot in ReadSnapshots(new SnapshotQuery { Last = 1000 }))
        {
            names.Add(snapshot.System);
        }

        return names.ToList();
    }

    /// <summary>A summary row is written only if readers would accept it: the same ranges for both (RowRules).</summary>
    private static void EnsureStorable(SessionSummary s)
    {
        if (RowRules.SessionReason(s.ClosedAt.UtcTicks, s.FirstTimestamp.UtcTicks, s.LastTimestamp.UtcTicks, s.DetectorVersion, s.Turns, s.UserTurns,
            s.Corrections, s.Events, s.TokensIn, s.TokensOut, s.CostUsd, s.UnpricedEvents, s.DurationSeconds) is string reason)
        {
            throw new TelemetryValidationException("session", $"The summary of session {s.SessionId} cannot be stored: {reason}.");
        }
    }

    internal DateTimeOffset Now() => clock();

    /// <summary>Tells the store's warning sink about a row it skipped.</summary>
    internal void Warn(StoreWarning w) => warn?.Invoke(w);

    /// <summary>
    /// Computes the snapshot of the records the builder holds and appends it, with a suggestion event per suggested
    /// record, in one locked write (see SnapshotSink.Append).
    /// </summary>
    public QualitySnapshot AppendSnapshot(SnapshotBuilder builder) => SnapshotSink.Append(this, builder);

    /// <summary>The snapshots that match, newest last; with Last, read from the end of the newest files (SnapshotSink.Read).</summary>
    public IEnumerable<QualitySnapshot> ReadSnapshots(SnapshotQuery? query = null) => SnapshotSink.Read(this, query ?? new SnapshotQuery());

    private void WriteLocked(SortedDictionary<string, ArrayBufferWriter<byte>> buffers)
    {
        LockedAppend.Write(Root, LockTimeout, buffers, Observer);
        foreach (var (file, buffer) in buffers)
        {
            int rows = buffer.WrittenSpan.Count((byte)'\n');
            Observer?.Verbose(string.Create(CultureInfo.InvariantCulture, $"Wrote {rows} row(s) to {Path.Combine(Root, file)}."));
        }
    }

    // Without an observer, all chunks on all cores at once; with one, in order with a bounded look-ahead, so that each
    // finished chunk can be reported as progress from this thread.
    private List<T> ScanChunks<T>(IReadOnlyList<ScanChunk> chunks, Func<ScanChunk, T> work)
    {
        if (Observer is null || chunks.Count < 2)
        {
            return [.. ParallelScan.Map(chunks, work)];
        }

        var results = new List<T>(chunks.Count);
        foreach (var result in ParallelScan.MapOrdered(chunks, work))
        {
            results.Add(result);
            Observer.Progress("Reading events", results.Count, chunks.Count);
        }

        return results;
    }

    internal delegate void EventFactsFold<in TPartial>(TPartial partial, in EventFacts facts);

    internal delegate bool RowParser<T>(ReadOnlySpan<byte> line, out T? row, out string? reason);

    private static bool ParseEvent(ReadOnlySpan<byte> line, out TelemetryEvent? row, out string? reason) =>
        RowCodec.TryParseEvent(line, out row, out reason);

    private static bool ParseSession(ReadOnlySpan<byte> line, out SessionSummary? row, out string? reason) =>
        RowCodec.TryParseSession(line, out row, out reason);

    internal IEnumerable<T> ReadRows<T>(string path, RowParser<T> parse)
        where T : class
    {
        JsonlReader reader;
        try
        {
            reader = new JsonlReader(path);
        }
        catch (FileNotFoundException)
        {
            yield break; // removed between listing and opening: nothing to read
        }

        using (reader)
        {
            while (true)
            {
                T? row;
                string? reason;
                bool unterminated;
                long lineNumber;
                if (!NextRow(reader, parse, out row, out reason, out unterminated, out lineNumber))
                {
                    yield break;
                }

                if (row is not null)
                {
                    yield return row;
                }
                else if (reason is not null)
                {
                    warn?.Invoke(new StoreWarning(path, lineNumber, unterminated ? "torn last line (a writer stopped mid-row): " + reason : reason));
                }
            }
        }
    }

    // Spans cannot live across a yield, so one line is read and parsed here, outside the iterator.
    private static bool NextRow<T>(JsonlReader reader, RowParser<T> parse, out T? row, out string? reason, out bool unterminated, out long lineNumber)
        where T : class
    {
        row = null;
        reason = null;
        if (!reader.TryReadLine(out var line))
        {
            unterminated = false;
            lineNumber = reader.LineNumber;
            return false;
        }

        unterminated = reader.LastLineUnterminated;
        lineNumber = reader.LineNumber;
        if (!line.IsEmpty && !line.Trim(" \t"u8).IsEmpty)
        {
            parse(line, out row, out reason);
        }

        return true;
    }
}
