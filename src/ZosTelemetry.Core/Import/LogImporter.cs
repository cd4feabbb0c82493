// Imports an assistant's own logs into the store: idempotent (every event has a stable id and the ids already stored
// are remembered), incremental (each file is read from where the last import stopped; a file that shrank or whose
// already-read bytes changed is read again from the start), and safe to interrupt (files are committed in groups:
// events appended, then their ids, then the positions; a cancelled or killed import loses at most the group in
// flight, and events appended without their ids being recorded are recovered from the store by the next import).
// Files are parsed in parallel, one file per worker, and a large Claude Code log in pieces (cut at line starts, joined
// in file order), so memory is bounded by the largest files being read and by the ids remembered (8 bytes per event),
// not by the size of the history. Sessions idle for longer than the idle gap are
// closed at the end.
using System.Buffers;
using System.Diagnostics;
using System.IO.Enumeration;
using ZosTelemetry.Detection;
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Import;

public static class LogImporter
{
    private const int MaxFilesPerGroup = 256;
    private const long MaxBytesPerGroup = 16L * 1024 * 1024;
    // A sixteenth of the import per group, within these bounds: the group committed after the last file is parsed is
    // work no worker shares (60 MB import, median wall of 14 interleaved runs: 0.90 s with 16 MB groups, 0.83 s so;
    // issue 15, docs/performance.md).
    private const long MinBytesPerGroup = 2L * 1024 * 1024;
    private const int GroupsPerImport = 16;
    private const int DigestBytes = 1024;
    private const string LockFileName = ".import.lock";

    public static ImportResult Import(TelemetryStore store, ImportOptions options, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        string system = LogSources.SystemName(options.Source);
        var roots = LogLocations.Resolve(options.Source, options.Paths, options.Environment);
        if (roots.Count == 0)
        {
            var looked = LogLocations.Homes(options.Source, options.Environment);
            throw new LogsNotFoundException(looked.Count == 0
                ? $"No {system} logs found: no home directory to look in; give a path."
                : $"No {system} logs found under {string.Join(", ", looked)}.");
        }

        var files = Enumerate(options.Source, roots, options.Warning);
        // Ownership first, then the directory, then the lock: a refused import creates nothing in another user's store.
        StoreOwnership.EnsureWritable(store.Root);
        StoreFiles.EnsureRoot(store.Root);
        using var importLock = AcquireLock(store.Root, store.LockTimeout, out bool lockCreated);
        try
        {
            return ImportLocked(store, options, files, system, clock, cancel);
        }
        catch when (lockCreated)
        {
            // A first import that failed (a full disk, say) takes its lock file with it instead of leaving it behind;
            // it still holds the lock, and AcquireLock checks that the file it locked is the one at the path.
            TryDelete(Path.Combine(store.Root, LockFileName));
            throw;
        }
    }

    private static ImportResult ImportLocked(TelemetryStore store, ImportOptions options, List<LogFile> files, string system, Stopwatch clock, CancellationToken cancel)
    {
        var state = ImportState.Load(store.Root, options.Warning);
        // The remembered keys are loaded only when something is to be added: a re-import with nothing new stays fast.
        var seen = new Lazy<ImportSeenSet>(() => ImportSeenSet.Load(store.Root));
        bool caughtUp = CatchUp(store, state, seen);

        DateTimeOffset now = options.Clock();
        var run = new Run(system, options, store, state, seen, now);
        var plan = run.Plan(files);
        bool cancelled = false;
        int done = files.Count - plan.Count;
        long bytesDone = 0, bytesTotal = plan.Sum(p => p.Size - p.Offset);
        var group = new List<(PlannedFile File, LogFileParse? Parse)>();
        long groupBytes = 0, groupLimit = Math.Clamp(bytesTotal / GroupsPerImport, MinBytesPerGroup, MaxBytesPerGroup);
        void CommitGroup()
        {
            run.Commit(group);
            done += group.Count;
            bytesDone += groupBytes;
            options.Progress?.Invoke(new ImportProgress(system, done, files.Count, bytesDone, bytesTotal));
            group.Clear();
            groupBytes = 0;
        }

        using (var parser = new ReadAhead(run, plan, options.MaxParallelism, cancel))
        {
            for (int i = 0; i < plan.Count; i++)
            {
                if (!parser.TryTake(i, out var parse))
                {
                    cancelled = true;
                    break;
                }

                group.Add((plan[i], parse));
                groupBytes += plan[i].Size - plan[i].Offset;
                if (group.Count >= MaxFilesPerGroup || groupBytes >= groupLimit)
                {
                    CommitGroup();
                }
            }
        }

        if (group.Count > 0)
        {
            CommitGroup(); // whole files only: a cancelled import keeps every file it finished
        }

        // A first import's daily facts, folded beside the closing of sessions (which writes no events file), so that the
        // `report daily` users run next reads them instead of folding them (issue 15, docs/performance.md). Later imports
        // leave them to the reports: a hook that imports every few minutes would fold its month again each time.
        using var facts = !state.Loaded && run.EventsAdded > 0 && !cancelled ? new FactsFold(store) : null;
        var (closedCount, openCount) = run.CloseIdleSessions(closeAny: !cancelled);
        if (plan.Count > 0 || caughtUp || run.SessionsChanged)
        {
            state.Save(store.Root);
        }

        return run.Result(files.Count, plan.Count, closedCount, openCount, cancelled, clock.Elapsed);
    }

    /// <summary>
    /// A log file. Shown is how messages name it: its place in this import's list, the log directory it was found under
    /// (the one the user named, or the assistant's default) and the start of its key, never its own path, whose
    /// project directory names say what the user works on.
    /// </summary>
    private sealed record LogFile(string Path, string Key, long Size, long ModifiedTicks, string Root)
    {
        public string Shown { get; init; } = "";
    }

    /// <summary>A file to read from Offset; Starts holds where each of its pieces starts (Offset alone: one piece).</summary>
    private sealed record PlannedFile(LogFile File, long Offset, CodexCursor? Cursor, bool Rewritten)
    {
        public long Size => File.Size;

        public long[] Starts { get; init; } = [Offset];

        /// <summary>Where piece <paramref name="piece"/> ends: the next one's start, or (the last) the end of the file.</summary>
        public long Limit(int piece) => piece + 1 < Starts.Length ? Starts[piece + 1] : long.MaxValue;

        /// <summary>The listed bytes of a piece, for the read-ahead window.</summary>
        public long Bytes(int piece) => Math.Max(0, Math.Min(Limit(piece), Size) - Starts[piece]);
    }

    /// <summary>
    /// Every regular .jsonl file under the roots, each once; Claude Code's subagent logs after the sessions they belong
    /// to. A link, pipe, socket or device named *.jsonl is skipped with a warning that names it and says what it is
    /// (never what it holds): a pipe would block the import for ever, and a link could make it read any file.
    /// </summary>
    private static List<LogFile> Enumerate(LogSource source, IReadOnlyList<string> roots, Action<string>? warning)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0, ReturnSpecialDirectories = false };
        var byPath = new Dictionary<string, LogFile>(StringComparer.Ordinal);
        foreach (string root in roots)
        {
            // Found is a class, not a value tuple: the enumerator's code over a reference type is precompiled, over a
            // tuple it was compiled at run time (24 methods in every import).
            var entries = new FileSystemEnumerable<Found>(
                root,
                (ref FileSystemEntry e) => new Found(e.ToFullPath(), e.Length, e.LastWriteTimeUtc.UtcTicks),
                options)
            {
                ShouldIncludePredicate = (ref FileSystemEntry e) => !e.IsDirectory && e.FileName.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase),
            };
            foreach (var (path, size, ticks) in entries)
            {
                if (!OperatingSystem.IsWindows() && UnixFileStatus.TryLStat(path, out var status) && !status.IsRegular)
                {
                    // Named like every other import message: the log directory the user gave and a key, never the path.
                    var key = ImportKeys.Make("f:", path).EventId[^24..];
                    warning?.Invoke($"a log under {root} (key {key[..8]}) is {status.Describe()}, not a regular file; skipped (import reads regular log files only).");
                    continue;
                }

                byPath.TryAdd(path, new LogFile(path, ImportKeys.Make("f:", path).EventId[^24..], size, ticks, root));
            }
        }

        string subagents = Path.DirectorySeparatorChar + "subagents" + Path.DirectorySeparatorChar;
        var ordered = byPath.Values
            .OrderBy(f => source == LogSource.ClaudeCode && f.Path.Contains(subagents, StringComparison.Ordinal) ? 1 : 0)
            .ThenBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        return ordered.Select((f, i) => f with { Shown = $"log file {i + 1} of {ordered.Count} under {f.Root} (key {f.Key[..8]})" }).ToList();
    }

    private sealed record Found(string Path, long Size, long Ticks);

    /// <summary>
    /// The store's daily facts folded and saved on a thread of their own; waited for when disposed. The facts are a
    /// cache that a report rebuilds when it is missing or stale, so a failure here is no failure of the import.
    /// </summary>
    private sealed class FactsFold : IDisposable
    {
        private readonly Thread thread;

        public FactsFold(TelemetryStore store)
        {
            thread = new Thread(() =>
            {
                try
                {
                    store.ReadDailyFacts(new EventQuery());
                }
                catch (Exception)
                {
                    // Whatever went wrong (a full disk, rows it cannot read), the first report folds them again and says so.
                }
            })
            { IsBackground = true, Name = "zos-import-facts" };
            thread.Start();
        }

        public void Dispose() => thread.Join();
    }

    /// <summary>
    /// Records the ids of events the store holds but the seen set may not: rows written after the state was last saved
    /// (all of them when there is no state). True when anything was read.
    /// </summary>
    private static bool CatchUp(TelemetryStore store, ImportState state, Lazy<ImportSeenSet> seen)
    {
        bool read = !state.Loaded;
        foreach (var file in SinkFiles.List(store.Root, SinkKind.Events))
        {
            string name = Path.GetFileName(file.Path);
            long length = new FileInfo(file.Path).Length;
            long from = state.Loaded && state.StoreLengths.TryGetValue(name, out long known) && known <= length ? known : 0;
            if (from < length)
            {
                read = true;
                using var reader = new LogLineReader(file.Path, from);
                while (reader.TryReadLine(out var line))
                {
                    if (RowCodec.TryParseEvent(line, out var e, out _) && e is not null && ImportKeys.TryKeysOfEventId(e.EventId, out var key, out var replay))
                    {
                        seen.Value.Add(key);
                        if (replay is ImportKey r)
                        {
                            seen.Value.Add(r);
                        }

                        if (e.System is LogSources.ClaudeCodeSystem or LogSources.CodexSystem)
                        {
                            seen.Value.Add(SessionKey(e.System, e.SessionId));
                        }
                    }
                }
            }

            state.StoreLengths[name] = length;
        }

        if (seen.IsValueCreated)
        {
            seen.Value.Flush(store.Root);
        }

        return read;
    }

    internal static ImportKey SessionKey(string system, string sessionId) => ImportKeys.KeyOnly("session:", system, sessionId);

    /// <summary>
    /// One import at a time per store: a second would read the same state and append the same events. Only a lock held
    /// by another import is waited for; any other failure (a read-only file system, a lock file the user cannot open) is
    /// reported at once. The file locked must still be the one at the path, since a failed first import deletes its own.
    /// </summary>
    /// <summary>The import lock for others that must not run beside an import (a reset empties its bookkeeping).</summary>
    internal static FileStream AcquireLock(string root, TimeSpan timeout) => AcquireLock(root, timeout, out _);

    private static FileStream AcquireLock(string root, TimeSpan timeout, out bool created)
    {
        string path = Path.Combine(root, LockFileName);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            created = !File.Exists(path);
            FileStream stream;
            try
            {
                stream = PrivateFiles.OpenOrCreate(path, FileShare.None);
            }
            catch (IOException ex) when (PrivateFiles.IsHeldByAnother(ex))
            {
                if (waited.Elapsed >= timeout)
                {
                    throw new StoreBusyException($"Another import into the store at {root} is running; gave up after {timeout.TotalSeconds:0.###} s.");
                }

                Thread.Sleep(25);
                continue;
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new StoreAccessException($"Cannot open the import lock file {path}: {ex.Message} If another user created it, 'zos-telemetry doctor --repair' removes it.", ex);
            }
            catch (IOException ex)
            {
                throw new StoreException($"Cannot open the import lock file {path}: {ex.Message}", ex);
            }

            if (OperatingSystem.IsWindows() || StoreFileGuard.IsSameFile(stream.SafeFileHandle, path))
            {
                return stream;
            }

            stream.Dispose(); // deleted and recreated while we waited: lock the file that is there now
        }
    }

    /// <summary>Why a log could not be read, without the exception's message, which quotes the file's path.</summary>
    private static string Why(Exception ex) => ex switch
    {
        UnauthorizedAccessException => "permission denied",
        FileNotFoundException or DirectoryNotFoundException => "it vanished",
        _ => "an I/O error",
    };

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An empty lock file is harmless; the doctor reports one that belongs to another user.
        }
    }

    /// <summary>Digest of a byte range of a file, to tell a grown file from a rewritten one.</summary>
    private static string RangeDigest(string path, long from, int count)
    {
        if (count <= 0)
        {
            return "";
        }

        byte[] bytes = new byte[count];
        using var handle = StoreFileGuard.OpenReadHandle(path);
        int read = RandomAccess.Read(handle, bytes, from);
        return Xxh64.Hash(bytes.AsSpan(0, read)).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string HeadDigest(string path, long offset) => RangeDigest(path, 0, (int)Math.Min(DigestBytes, offset));

    private static string TailDigest(string path, long offset) =>
        RangeDigest(path, Math.Max(0, offset - DigestBytes), (int)Math.Min(DigestBytes, offset));

    /// <summary>The state of one import run: what it has added and which sessions it touched.</summary>
    private sealed class Run(string system, ImportOptions options, TelemetryStore store, ImportState state, Lazy<ImportSeenSet> lazySeen, DateTimeOffset now)
    {
        private readonly DateTimeOffset latest = now + EventValidator.FutureTolerance;
        private readonly Dictionary<string, long> unpriced = new(StringComparer.Ordinal);
        private long refused;

        public long EventsAdded => added;

        /// <summary>True when sessions were closed or left open by this run: the state must be saved.</summary>
        public bool SessionsChanged { get; private set; }

        private ImportSeenSet Seen => lazySeen.Value;
        private readonly Dictionary<string, SessionTrack> sessions = new(StringComparer.Ordinal);
        private int rewritten;
        private long bytesRead, lines, skipped, added, duplicates, userTurns, corrections, toolCalls, toolFailures, apiErrors;

        public List<PlannedFile> Plan(List<LogFile> files)
        {
            var plan = new List<PlannedFile>();
            PlanFiles(files, plan);
            for (int i = 0; i < plan.Count; i++)
            {
                plan[i] = Cut(plan[i]);
            }

            return plan;
        }

        /// <summary>
        /// A Claude Code log larger than a piece, cut into pieces that start at line starts, so that both cores parse a
        /// large file (at 1 GB, the five largest logs were half of the bytes and one worker parsed each; issue 15).
        /// Codex logs carry a parser state from line to line and are read whole. A file that cannot be read is left
        /// whole, for its parse to report.
        /// </summary>
        private PlannedFile Cut(PlannedFile p)
        {
            long bytes = p.Size - p.Offset;
            if (options.Source != LogSource.ClaudeCode || bytes <= options.PieceBytes)
            {
                return p;
            }

            var starts = new List<long> { p.Offset };
            try
            {
                for (long at = p.Offset + options.PieceBytes; at < p.Size; at = starts[^1] + options.PieceBytes)
                {
                    long start = LogLineReader.NextLineStart(p.File.Path, at, p.Size);
                    if (start < 0)
                    {
                        break;
                    }

                    starts.Add(start);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotRegularFileException)
            {
                return p;
            }

            return starts.Count == 1 ? p : p with { Starts = starts.ToArray() };
        }

        private void PlanFiles(List<LogFile> files, List<PlannedFile> plan)
        {
            foreach (var f in files)
            {
                if (!state.Files.TryGetValue(f.Key, out var known) || known.System != system)
                {
                    plan.Add(new PlannedFile(f, 0, null, false));
                    continue;
                }

                // Unchanged since the last import, and read to its end. A file whose end was held back (a response still
                // being written, an unterminated line) is read again from there even when it has not changed: once its
                // session is idle, that is the only way the held-back response gets in before the session is closed.
                if (known.Size == f.Size && known.ModifiedTicks == f.ModifiedTicks && known.Offset >= f.Size)
                {
                    continue;
                }

                bool intact = f.Size >= known.Offset;
                try
                {
                    intact = intact && HeadDigest(f.Path, known.Offset) == known.Head && TailDigest(f.Path, known.Offset) == known.Tail;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotRegularFileException)
                {
                    options.Warning?.Invoke($"cannot read {f.Shown}: {Why(ex)}.");
                    continue;
                }

                if (intact)
                {
                    plan.Add(new PlannedFile(f, known.Offset, known.Codex, false));
                }
                else
                {
                    rewritten++;
                    plan.Add(new PlannedFile(f, 0, null, true));
                }
            }
        }

        /// <summary>A builder for one parse worker.</summary>
        public ImportedEventBuilder NewBuilder() => new(system, options.CostMode, options.Prices);

        // The repeat signal's salt, one for the run: the pieces of a file compare their turns with each other's.
        private readonly ulong salt = TurnFingerprint.NewSalt();

        /// <summary>
        /// Parses one piece of a file (a whole file, for most) and prepares its events (see Prepare); null when the file
        /// vanished or cannot be read (its position is then left as it was). A Claude Code piece waits for Join.
        /// </summary>
        public LogFileParse? Parse(PlannedFile p, int piece, ImportedEventBuilder builder, CancellationToken cancel)
        {
            LogFileParse parse;
            try
            {
                parse = options.Source == LogSource.ClaudeCode
                    ? ClaudeCodeParser.ParsePiece(p.File.Path, p.Starts[piece], p.Limit(piece), piece == 0, now + EventValidator.FutureTolerance, new SessionTurns(options.DetectorVersion, salt), cancel)
                    : CodexParser.Parse(p.File.Path, p.Offset, p.Cursor, options.DetectorVersion, cancel);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotRegularFileException)
            {
                return null; // a file swapped for a link or a pipe since it was listed is refused by LogLineReader's open
            }

            Prepare(parse, builder);
            return parse;
        }

        /// <summary>A file's parse from its pieces' (ClaudeCodeParser.Join), on the worker that finished the last piece.</summary>
        public LogFileParse Join(LogFileParse[] pieces, ImportedEventBuilder builder)
        {
            if (options.Source != LogSource.ClaudeCode)
            {
                return pieces[0];
            }

            // Few records are prepared again (those next to a cut): each in a buffer of its own.
            DateTimeOffset storeNow = store.Now();
            return ClaudeCodeParser.Join(pieces, now - options.IdleGap, r =>
            {
                var rows = new ArrayBufferWriter<byte>(512);
                return PrepareOne(r, builder, storeNow, rows) with { Row = rows.WrittenMemory };
            });
        }

        /// <summary>
        /// On the parse worker: every record's event built, validated as the store validates it and written as its row,
        /// before anyone knows whether the record is a duplicate (the commit drops those; a re-import's duplicates cost
        /// this work in vain). On the committing thread this work kept it at half of the import's CPU; here, it is a
        /// third (issue 15, docs/performance.md).
        /// </summary>
        private void Prepare(LogFileParse parse, ImportedEventBuilder builder)
        {
            DateTimeOffset storeNow = store.Now(); // the store validates against its own clock
            var records = parse.Records;
            var prepared = new PreparedEvent[records.Count];
            var starts = new int[records.Count];
            var lengths = new int[records.Count];
            var rows = new ArrayBufferWriter<byte>(Math.Max(256, records.Count * 384));
            for (int k = 0; k < records.Count; k++)
            {
                var r = records[k];
                if (r.Timestamp > latest)
                {
                    continue; // refused by the commit, never stored
                }

                starts[k] = rows.WrittenCount;
                prepared[k] = PrepareOne(r, builder, storeNow, rows);
                lengths[k] = rows.WrittenCount - starts[k];
            }

            // Each row a slice of the buffer, taken once the buffer has stopped growing.
            var memory = rows.WrittenMemory;
            for (int k = 0; k < records.Count; k++)
            {
                prepared[k] = prepared[k] with { Row = memory.Slice(starts[k], lengths[k]) };
            }

            parse.Prepared = prepared;
        }

        /// <summary>One record's event, built, validated as the store validates it and written to rows (no Row set yet).</summary>
        private static PreparedEvent PrepareOne(LogRecord r, ImportedEventBuilder builder, DateTimeOffset storeNow, ArrayBufferWriter<byte> rows)
        {
            var e = ImportedEventBuilder.Validated(builder.Build(r, out string? unpricedModel), storeNow);
            if (e is not null)
            {
                RowCodec.WriteEvent(rows, e);
                rows.Write("\n"u8);
            }

            return new PreparedEvent(e, unpricedModel, default);
        }

        /// <summary>
        /// Appends a group's new events, then records their ids, then the files' positions. The events come prepared
        /// by the workers: this de-duplicates, counts and copies rows into one buffer per month file.
        /// </summary>
        public void Commit(List<(PlannedFile File, LogFileParse? Parse)> group)
        {
            // Each month file's rows in one buffer, sized first (duplicates included) so that none is ever grown.
            var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (_, parsed) in group)
            {
                foreach (var p in parsed?.Prepared ?? [])
                {
                    if (p.Event is TelemetryEvent e)
                    {
                        string file = FileOf(e.Timestamp);
                        sizes[file] = sizes.GetValueOrDefault(file) + p.Row.Length;
                    }
                }
            }

            var months = new SortedDictionary<string, ArrayBufferWriter<byte>>(StringComparer.Ordinal);
            var counted = new List<(LogRecord Record, TelemetryEvent Event)>();
            var batchKeys = new HashSet<ulong>();
            var batchReplays = new HashSet<ulong>();
            foreach (var (planned, parsed) in group)
            {
                if (parsed is not { } parse)
                {
                    options.Warning?.Invoke($"cannot read {planned.File.Shown}; it is left for the next import.");
                    continue;
                }

                bytesRead += parse.BytesRead;
                lines += parse.Lines;
                skipped += parse.MalformedLines;
                duplicates += parse.Duplicates;
                long future = parse.FutureRecords;
                foreach (var r in parse.Records)
                {
                    future += r.Timestamp > latest ? 1 : 0;
                }

                if (future > 0)
                {
                    skipped += future;
                    string where = parse.FirstFutureOffset is long at ? $" (the first on the line at byte {at})" : "";
                    options.Warning?.Invoke($"{planned.File.Shown}: {future} record(s) dated more than a day in the future were refused{where}; the records after them were imported. Check the clock of the machine that wrote the log.");
                }

                for (int k = 0; k < parse.Records.Count; k++)
                {
                    var r = parse.Records[k];
                    if (r.Timestamp > latest)
                    {
                        continue;
                    }

                    bool sidechainReplay = r.Kind == LogRecordKind.Assistant && r.Sidechain && r.ReplayKey is ImportKey replay
                        && (Seen.Contains(replay) || batchReplays.Contains(replay.Value));
                    if (sidechainReplay || Seen.Contains(r.Key) || !batchKeys.Add(r.Key.Value))
                    {
                        duplicates++;
                        continue;
                    }

                    if (r.Kind == LogRecordKind.Assistant && !r.Sidechain && r.ReplayKey is ImportKey main)
                    {
                        batchReplays.Add(main.Value);
                    }

                    var p = parse.Prepared[k];
                    if (p.Unpriced is string name)
                    {
                        unpriced[name] = unpriced.GetValueOrDefault(name) + 1;
                    }

                    if (p.Event is not TelemetryEvent e)
                    {
                        refused++;
                        continue;
                    }

                    string file = FileOf(e.Timestamp);
                    if (!months.TryGetValue(file, out var month))
                    {
                        months[file] = month = new ArrayBufferWriter<byte>(sizes[file]);
                    }

                    month.Write(p.Row.Span);
                    counted.Add((r, e));
                }

                parse.Prepared = [];
            }

            if (months.Count > 0)
            {
                store.AppendRows(months);
            }

            for (int k = 0; k < counted.Count; k++)
            {
                var (r, e) = counted[k];
                Seen.Add(r.Key);
                if (r.Kind == LogRecordKind.Assistant && !r.Sidechain && r.ReplayKey is ImportKey replay)
                {
                    Seen.Add(replay);
                }

                Track(e);
            }

            added += counted.Count;
            Seen.Flush(store.Root);
            foreach (var (planned, parsed) in group)
            {
                if (parsed is not { } parse)
                {
                    continue;
                }

                var f = planned.File;
                state.Files[f.Key] = new ImportFileState
                {
                    System = system,
                    Size = f.Size,
                    ModifiedTicks = f.ModifiedTicks,
                    Offset = parse.ResumeOffset,
                    Head = HeadDigest(f.Path, parse.ResumeOffset),
                    Tail = TailDigest(f.Path, parse.ResumeOffset),
                    Codex = parse.Cursor,
                };
            }

            RecordStoreLengths();
            state.Save(store.Root);
        }

        private (int Month, string File) lastFile = (-1, "");

        /// <summary>The event file of a timestamp; the last one is remembered, since consecutive events share their month.</summary>
        private string FileOf(DateTimeOffset ts)
        {
            var utc = ts.UtcDateTime;
            int month = (utc.Year * 12) + utc.Month;
            if (month != lastFile.Month)
            {
                lastFile = (month, SinkFiles.FileName(SinkKind.Events, ts));
            }

            return lastFile.File;
        }

        private void Track(TelemetryEvent e)
        {
            if (!sessions.TryGetValue(e.SessionId, out var track))
            {
                var key = SessionKey(system, e.SessionId);
                bool known = Seen.Contains(key) || state.OpenSessions.ContainsKey(e.SessionId);
                Seen.Add(key);
                sessions[e.SessionId] = track = new SessionTrack(new SessionAccumulator(e.SessionId), known);
            }

            track.Accumulator.Add(e);
            switch (e.Kind)
            {
                case EventKinds.UserMessage:
                    userTurns++;
                    corrections += e.IsCorrection ? 1 : 0;
                    break;
                case ImportedKinds.ToolResult:
                    toolCalls++;
                    toolFailures += e.Markers.Contains(ImportedMarkers.ToolError) ? 1 : 0;
                    break;
                case ImportedKinds.ApiError:
                    apiErrors++;
                    break;
            }
        }

        private void RecordStoreLengths()
        {
            foreach (var file in SinkFiles.List(store.Root, SinkKind.Events))
            {
                state.StoreLengths[Path.GetFileName(file.Path)] = new FileInfo(file.Path).Length;
            }
        }

        /// <summary>
        /// Closes the sessions whose last activity is older than the idle gap, this run's and those left open before.
        /// A session first seen in this run is summarised from the events just added; one with earlier events is
        /// summarised from the store, all such sessions in one pass.
        /// </summary>
        public (int Closed, int Open) CloseIdleSessions(bool closeAny)
        {
            var candidates = new Dictionary<string, (DateTimeOffset First, DateTimeOffset Last)>(StringComparer.Ordinal);
            foreach (var (id, left) in state.OpenSessions.Where(kv => kv.Value.System == system))
            {
                candidates[id] = (left.First, left.Last);
            }

            foreach (var (id, track) in sessions)
            {
                var acc = track.Accumulator;
                candidates[id] = candidates.TryGetValue(id, out var c)
                    ? (Min(c.First, acc.FirstTimestamp), Max(c.Last, acc.LastTimestamp))
                    : (acc.FirstTimestamp, acc.LastTimestamp);
            }

            DateTimeOffset idleBefore = now - options.IdleGap;
            var summaries = new List<SessionSummary>();
            var fromStore = new Dictionary<string, SessionAccumulator>(StringComparer.Ordinal);
            DateTimeOffset since = DateTimeOffset.MaxValue;
            var closedAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
            int open = 0;
            var alerts = new List<Alerts.TelemetryAlert>();

            // An imported session is closed as `close` closes one: its summary, and its alerts beside it.
            void Summarise(SessionAccumulator acc)
            {
                var summary = acc.ToSummary(closedAt); // counted by the detector version that read the turns
                summaries.Add(summary);
                alerts.AddRange(acc.Alerts(summary.System, Alerts.AlertOptions.Default, closedAt));
            }

            foreach (var (id, span) in candidates)
            {
                if (!closeAny || span.Last >= idleBefore)
                {
                    state.OpenSessions[id] = new OpenSession { System = system, First = span.First, Last = span.Last };
                    open++;
                    continue;
                }

                state.OpenSessions.Remove(id);
                if (sessions.TryGetValue(id, out var track) && !track.KnownBefore)
                {
                    Summarise(track.Accumulator);
                }
                else
                {
                    fromStore[id] = new SessionAccumulator(id);
                    since = Min(since, span.First);
                }
            }

            if (fromStore.Count > 0)
            {
                foreach (var e in store.ReadEvents(new EventQuery { Since = since }))
                {
                    if (fromStore.TryGetValue(e.SessionId, out var acc))
                    {
                        acc.Add(e);
                    }
                }

                foreach (var acc in fromStore.Values.Where(a => a.Events > 0))
                {
                    Summarise(acc);
                }
            }

            store.AppendSessions(summaries, alerts);
            SessionsChanged = summaries.Count > 0 || sessions.Count > 0;
            return (summaries.Count, open);
        }

        public ImportResult Result(int files, int read, int closed, int open, bool cancelled, TimeSpan elapsed) => new()
        {
            System = system,
            Files = files,
            FilesRead = read,
            FilesRewritten = rewritten,
            BytesRead = bytesRead,
            Lines = lines,
            LinesSkipped = skipped + refused,
            EventsAdded = added,
            Duplicates = duplicates,
            UserTurns = userTurns,
            Corrections = corrections,
            ToolCalls = toolCalls,
            ToolFailures = toolFailures,
            ApiErrors = apiErrors,
            SessionsClosed = closed,
            SessionsOpen = open,
            UnpricedModels = unpriced,
            Cancelled = cancelled,
            Elapsed = elapsed,
        };

        private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

        private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

        private sealed record SessionTrack(SessionAccumulator Accumulator, bool KnownBefore);
    }

    /// <summary>
    /// Parses files on worker threads, a bounded window ahead of the thread that commits them, and hands the results back
    /// in file order: parsing uses every core while appends, progress and state stay on the calling thread (which is
    /// what lets a cmdlet call WriteProgress), and no more than the window's results are held at once. The window is a few
    /// files, or more while the files ahead add up to little: behind a file of hundreds of MB (which the commit must wait
    /// for, in order) the other workers go on through the small files after it instead of stopping four files on.
    /// The work items are the files' pieces, in file order; the worker that finishes a file's last piece joins them.
    /// Dedicated threads and plain monitor waits: on a machine of two cores, the spinning of pooled threads and task
    /// waits cost a third of the CPU.
    /// </summary>
    private sealed class ReadAhead : IDisposable
    {
        private readonly object gate = new();
        private readonly Run run;
        private readonly List<PlannedFile> plan;
        private readonly LogFileParse?[] results;
        private readonly bool[] finished;
        private readonly LogFileParse?[][] pieces;
        private readonly int[] piecesLeft;
        private readonly bool[] unread; // a piece of the file could not be read (or the import was cancelled)
        private readonly int[] itemFile;
        private readonly int[] itemPiece;
        private readonly Thread[] threads;
        private readonly CancellationToken cancel;
        // Always this many files ahead of the commit; up to MaxFilesAhead while their bytes stay within MaxBytesAhead.
        private const int MaxFilesAhead = 256;
        private const long MaxBytesAhead = 64L * 1024 * 1024;
        private readonly int window;
        private int next; // the next work item
        private int consumed;
        private long bytesAhead; // input bytes of the pieces started or parsed in files [consumed, ...), not yet taken
        private bool stopping;
        private Exception? failure;

        public ReadAhead(Run run, List<PlannedFile> plan, int parallelism, CancellationToken cancel)
        {
            this.run = run;
            this.plan = plan;
            this.cancel = cancel;
            results = new LogFileParse?[plan.Count];
            finished = new bool[plan.Count];
            pieces = new LogFileParse?[plan.Count][];
            piecesLeft = new int[plan.Count];
            unread = new bool[plan.Count];
            int items = 0;
            for (int f = 0; f < plan.Count; f++)
            {
                items += plan[f].Starts.Length;
            }

            itemFile = new int[items];
            itemPiece = new int[items];
            for (int f = 0, item = 0; f < plan.Count; f++)
            {
                int count = plan[f].Starts.Length;
                pieces[f] = new LogFileParse?[count];
                piecesLeft[f] = count;
                for (int k = 0; k < count; k++, item++)
                {
                    itemFile[item] = f;
                    itemPiece[item] = k;
                }
            }

            int workers = Math.Clamp(parallelism, 1, Math.Max(1, items));
            window = Math.Max(2, workers * 2);
            threads = new Thread[items == 0 ? 0 : workers];
            for (int t = 0; t < threads.Length; t++)
            {
                threads[t] = new Thread(Work) { IsBackground = true, Name = "zos-import-parse" };
                threads[t].Start();
            }
        }

        /// <summary>The parse of file <paramref name="index"/>, waiting for it; false when the import was cancelled.</summary>
        public bool TryTake(int index, out LogFileParse? parse)
        {
            parse = null;
            lock (gate)
            {
                while (!finished[index] && failure is null && !cancel.IsCancellationRequested)
                {
                    Monitor.Wait(gate, 50);
                }

                if (failure is not null)
                {
                    throw new InvalidOperationException("Parsing a log file failed.", failure);
                }

                if (!finished[index] || cancel.IsCancellationRequested)
                {
                    return false;
                }

                parse = results[index];
                results[index] = null;
                consumed = index + 1;
                bytesAhead -= plan[index].Size - plan[index].Offset;
                Monitor.PulseAll(gate);
                return true;
            }
        }

        private void Work()
        {
            var builder = run.NewBuilder();
            while (true)
            {
                int item;
                lock (gate)
                {
                    while (!stopping && next < itemFile.Length && !MayStart(next))
                    {
                        Monitor.Wait(gate);
                    }

                    if (stopping || next >= itemFile.Length)
                    {
                        return;
                    }

                    item = next++;
                    bytesAhead += plan[itemFile[item]].Bytes(itemPiece[item]);
                }

                int file = itemFile[item];
                LogFileParse? parse = null;
                Exception? error = null;
                try
                {
                    parse = run.Parse(plan[file], itemPiece[item], builder, cancel);
                }
                catch (OperationCanceledException)
                {
                }
                catch (Exception ex)
                {
                    error = ex;
                }

                bool last;
                lock (gate)
                {
                    pieces[file][itemPiece[item]] = parse;
                    unread[file] |= parse is null;
                    last = --piecesLeft[file] == 0;
                    failure ??= error;
                    if (failure is not null)
                    {
                        Monitor.PulseAll(gate);
                        continue;
                    }
                }

                if (!last)
                {
                    continue;
                }

                LogFileParse? joined = null;
                try
                {
                    joined = unread[file] ? null : run.Join(Array.ConvertAll(pieces[file], p => p!), builder);
                }
                catch (Exception ex)
                {
                    error = ex;
                }

                lock (gate)
                {
                    pieces[file] = [];
                    results[file] = joined;
                    finished[file] = joined is not null || (error is null && !cancel.IsCancellationRequested);
                    failure ??= error;
                    Monitor.PulseAll(gate);
                }
            }
        }

        private bool MayStart(int item)
        {
            int file = itemFile[item];
            return file < consumed + window
                || (file < consumed + MaxFilesAhead && bytesAhead + plan[file].Bytes(itemPiece[item]) <= MaxBytesAhead);
        }

        public void Dispose()
        {
            lock (gate)
            {
                stopping = true;
                Monitor.PulseAll(gate);
            }

            foreach (var t in threads)
            {
                t.Join();
            }
        }
    }
}
