// The stored latest session summaries: .index/sessions.summaries, beside the daily facts and, like them, a cache that is
// never the only copy of anything. It holds the latest summary of every session (the precedence rule of SessionScan: a
// newer sessions file wins, within a file the later ts_closed, then the later line) in the order their ids first
// appear in the store, each field as the row gave it, so a report made from it equals one made from the rows. It
// records the identity of every sessions file it was read from (device, inode, size, modification time) and a hash of
// each file's last bytes, and a checksum of its own bytes. Used only when all of that still matches; when the newest
// file only grew (a close or an import appended to it) or newer files were added, only the new bytes are read and
// folded in; anything else (a rewrite, a prune, a damaged or truncated sidecar) rebuilds it from every row. A store
// with an unusable row gets no sidecar (null), so its readers keep warning about that row as they always have.
using System.Buffers.Binary;
using System.Text;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Facts;

internal static class SessionSummarySidecar
{
    public const string FileName = "sessions.summaries";

    // 1: the first layout. Another layout takes a new magic, and older files are rebuilt.
    private static readonly byte[] Magic = "ZOSSUM1\n"u8.ToArray();

    // The bytes before a file's recorded end that must be unchanged for an append to be folded in alone.
    private const int TailBytes = 4096;

    public static string PathOf(string root) => Path.Combine(root, SessionIndex.DirectoryName, FileName);

    /// <summary>
    /// The latest summary of every session in the order their ids first appear in the store; null when a sessions row
    /// cannot be used (the caller then reads the rows as before, which warns about it).
    /// </summary>
    public static IReadOnlyList<SessionSummary>? Load(TelemetryStore store)
    {
        var files = SinkFiles.List(store.Root, SinkKind.Sessions).Select(f => f.Path).ToList();
        var now = new List<StoredFile>(files.Count);
        foreach (string path in files)
        {
            if (FileIdentity.Of(path) is FileIdentity id)
            {
                now.Add(new StoredFile(Path.GetFileName(path), id, 0));
            }
        }

        string sidecar = PathOf(store.Root);
        var stored = TryRead(sidecar);
        int unchanged = 0;
        var state = stored is not null && Reusable(store.Root, stored.Files, now, out unchanged) ? stored : null;
        if (state is not null && state.Files.Count == now.Count && unchanged == now.Count)
        {
            store.Observer?.Verbose($"Latest session summaries from {sidecar}.");
            return state.Sessions;
        }

        int from = 0;
        if (state is null)
        {
            state = new SidecarState();
            store.Observer?.Verbose("Reading the latest session summaries from every sessions file.");
        }
        else
        {
            from = unchanged; // the files before are as recorded; the next one grew or is new, and so are those after it
            store.Observer?.Verbose($"Folding the rows appended to {now.Count - from} sessions file(s) into {sidecar}.");
        }

        var updated = new List<StoredFile>(now.Count);
        updated.AddRange(state.Files.Take(from));
        for (int f = from; f < now.Count; f++)
        {
            long start = f < state.Files.Count ? state.Files[f].Identity.Size : 0;
            string path = Path.Combine(store.Root, now[f].Name);
            if (!Fold(state, path, f, start, now[f].Identity.Size, store.ScanChunkBytes))
            {
                return null;
            }

            if (FileIdentity.Of(path) != now[f].Identity || TailHash(path, now[f].Identity.Size) is not ulong tail)
            {
                return null; // written to while read, or torn: read the rows as before this time
            }

            updated.Add(now[f] with { Tail = tail });
        }

        var result = new SidecarState { Files = updated, Sessions = state.Sessions, FileOf = state.FileOf };
        TrySave(store.Root, sidecar, result);
        return result.Sessions;
    }

    /// <summary>Deletes the sidecar (reset); best effort, as a stale one is never trusted anyway.</summary>
    public static void Delete(string root)
    {
        try
        {
            File.Delete(PathOf(root));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left behind: it no longer matches the sessions files, so it is rebuilt before anything reads it.
        }
    }

    /// <summary>
    /// Whether the recorded files are the store's files or a prefix of them that at most grew at its end: every file
    /// as recorded except perhaps the last recorded one, which may have grown in place (same device and inode, longer,
    /// the bytes before its recorded end unchanged). <paramref name="unchanged"/> counts the files as recorded.
    /// </summary>
    private static bool Reusable(string root, IReadOnlyList<StoredFile> recorded, List<StoredFile> now, out int unchanged)
    {
        unchanged = 0;
        if (recorded.Count > now.Count)
        {
            return false;
        }

        for (int i = 0; i < recorded.Count; i++)
        {
            var (was, @is) = (recorded[i], now[i]);
            if (was.Name != @is.Name)
            {
                return false;
            }

            if (was.Identity == @is.Identity)
            {
                unchanged++;
                continue;
            }

            bool grew = i == recorded.Count - 1 && was.Identity.Device == @is.Identity.Device && was.Identity.Inode == @is.Identity.Inode
                && @is.Identity.Size > was.Identity.Size && TailHash(Path.Combine(root, was.Name), was.Identity.Size) == was.Tail;
            if (!grew)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads the rows of one sessions file that begin in [from, to) on all cores and folds them in, in line order.</summary>
    private static bool Fold(SidecarState state, string path, int file, long from, long to, long chunkBytes)
    {
        if (to <= from)
        {
            return true;
        }

        var chunks = ParallelScan.SplitRange(path, from, to, chunkBytes);
        var parts = ParallelScan.Map(chunks, chunk =>
        {
            var rows = new List<SessionSummary>();
            Utf8Names systems = new(), contexts = new(), models = new();
            var report = ParallelScan.ReadLines(chunk, (line, _) =>
            {
                if (!SessionRowReader.TryRead(line, out var facts, out string? reason))
                {
                    return reason;
                }

                rows.Add(SessionRowReader.ToSummary(facts, systems, contexts, models));
                return null;
            });
            return (Rows: rows, Report: report);
        });
        if (parts.Any(p => p.Report.Skipped.Count > 0))
        {
            return false;
        }

        foreach (var part in parts)
        {
            foreach (var s in part.Rows)
            {
                state.Add(s, file);
            }
        }

        return true;
    }

    /// <summary>The hash of the up to TailBytes bytes before size; null unless they end a line (a torn row is not kept).</summary>
    internal static ulong? TailHash(string path, long size)
    {
        if (size == 0)
        {
            return 0;
        }

        try
        {
            using var stream = StoreFileGuard.OpenRead(path);
            int n = (int)Math.Min(TailBytes, size);
            byte[] tail = new byte[n];
            stream.Seek(size - n, SeekOrigin.Begin);
            stream.ReadExactly(tail);
            return tail[^1] == (byte)'\n' ? Import.Xxh64.Hash(tail) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotRegularFileException)
        {
            return null;
        }
    }

    internal static SidecarState? TryRead(string sidecar)
    {
        if (SidecarFrame.TryRead(sidecar, Magic, Magic.Length) is not byte[] bytes)
        {
            return null;
        }

        try
        {
            return Decode(bytes, Magic.Length, bytes.Length - Magic.Length - SidecarFrame.ChecksumBytes);
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException or ArgumentException or OverflowException or IndexOutOfRangeException)
        {
            return null; // the checksum matched bytes we cannot read: another layout under the same magic
        }
    }

    private static void TrySave(string root, string sidecar, SidecarState state)
    {
        if (!StoreOwnership.IsOwnedByCurrentUser(root))
        {
            return; // a reader running as another user leaves no file the owner's writers could not replace
        }

        try
        {
            PrivateFiles.CreateDirectory(Path.Combine(root, SessionIndex.DirectoryName));
            using var stream = new MemoryStream();
            stream.Write(Magic);
            Encode(stream, state);
            byte[] bytes = new byte[stream.Length + SidecarFrame.ChecksumBytes];
            stream.GetBuffer().AsSpan(0, (int)stream.Length).CopyTo(bytes);
            SidecarFrame.Write(sidecar, bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or StoreException)
        {
            // A cache that cannot be written (read-only store, full disk) costs the next report a read of the rows.
        }
    }

    // Nullable numbers: a bit each in one flags byte, then the values that are there.
    private const int HasToolCalls = 1, HasToolFailures = 2, HasAttempts = 4, HasAlerts = 8, HasErrors = 16, FirstShotKnown = 32, FirstShotTrue = 64;

    private static void Encode(Stream stream, SidecarState state)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write7BitEncodedInt(state.Files.Count);
        foreach (var f in state.Files)
        {
            w.Write(f.Name);
            w.Write(f.Identity.Device);
            w.Write(f.Identity.Inode);
            w.Write(f.Identity.Size);
            w.Write(f.Identity.ModifiedNanoseconds);
            w.Write(f.Tail);
        }

        // Systems, contexts, models, outcomes, variants and error categories are few: one table of them, then indexes.
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var table = new List<string>();
        int Name(string? s)
        {
            if (s is null)
            {
                return 0;
            }

            if (!names.TryGetValue(s, out int i))
            {
                names[s] = i = table.Count;
                table.Add(s);
            }

            return i + 1;
        }

        var body = new MemoryStream();
        using (var b = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            b.Write7BitEncodedInt(state.Sessions.Count);
            for (int i = 0; i < state.Sessions.Count; i++)
            {
                var s = state.Sessions[i];
                b.Write7BitEncodedInt(state.FileOf[i]);
                b.Write(s.SessionId);
                b.Write7BitEncodedInt(Name(s.System));
                b.Write7BitEncodedInt(Name(s.Context));
                b.Write7BitEncodedInt(Name(s.Model));
                b.Write7BitEncodedInt(Name(s.Outcome));
                b.Write7BitEncodedInt(Name(s.Variant));
                b.Write7BitEncodedInt(s.DetectorVersion);
                foreach (long v in (ReadOnlySpan<long>)[s.Turns, s.UserTurns, s.Corrections, s.Events, s.TokensIn, s.TokensOut, s.UnpricedEvents])
                {
                    b.Write7BitEncodedInt64(v);
                }

                b.Write(s.CostUsd); // the exact bits: a report from the sidecar equals the report from the rows
                b.Write(s.DurationSeconds);
                b.Write(s.FirstTimestamp.UtcTicks);
                b.Write(s.LastTimestamp.UtcTicks);
                b.Write(s.ClosedAt.UtcTicks);
                int flags = (s.ToolCalls is null ? 0 : HasToolCalls) | (s.ToolFailures is null ? 0 : HasToolFailures) | (s.Attempts is null ? 0 : HasAttempts)
                    | (s.Alerts is null ? 0 : HasAlerts) | (s.ErrorsByCategory is null ? 0 : HasErrors)
                    | (s.FirstShotSuccess is null ? 0 : FirstShotKnown) | (s.FirstShotSuccess == true ? FirstShotTrue : 0);
                b.Write((byte)flags);
                foreach (long? v in (ReadOnlySpan<long?>)[s.ToolCalls, s.ToolFailures, s.Attempts, s.Alerts])
                {
                    if (v is long x)
                    {
                        b.Write7BitEncodedInt64(x);
                    }
                }

                if (s.ErrorsByCategory is { } errors)
                {
                    b.Write7BitEncodedInt(errors.Count);
                    foreach (var (category, count) in errors) // in the row's order, which Errors shows
                    {
                        b.Write7BitEncodedInt(Name(category));
                        b.Write7BitEncodedInt64(count);
                    }
                }
            }
        }

        w.Write7BitEncodedInt(table.Count);
        foreach (string name in table)
        {
            w.Write(name);
        }

        w.Flush();
        body.Position = 0;
        body.CopyTo(stream);
    }

    // Optimised from the first call: one call reads every session, before tiered compilation would reach it. A span
    // reader rather than a BinaryReader: a warm report's whole read of 100,000 sessions is this loop.
    private static SidecarState Decode(byte[] bytes, int offset, int length)
    {
        var r = new SpanReader(bytes.AsSpan(offset, length));
        int fileCount = r.Count();
        var files = new List<StoredFile>(fileCount);
        for (int i = 0; i < fileCount; i++)
        {
            string name = r.String();
            files.Add(new StoredFile(name, new FileIdentity(r.Int64(), r.Int64(), r.Int64(), r.Int64()), (ulong)r.Int64()));
        }

        int nameCount = r.Count();
        var table = new string?[nameCount + 1];
        for (int i = 1; i <= nameCount; i++)
        {
            table[i] = r.String();
        }

        int count = r.Count();
        var sessions = new List<SessionSummary>(count);
        var fileOf = new List<int>(count);
        for (int i = 0; i < count; i++)
        {
            int file = r.Count();
            if (file >= fileCount)
            {
                throw new FormatException("a file out of range");
            }

            string id = r.String();
            string system = table[r.Index(table.Length)] ?? throw new FormatException("a session without a system");
            string? context = table[r.Index(table.Length)], model = table[r.Index(table.Length)], outcome = table[r.Index(table.Length)], variant = table[r.Index(table.Length)];
            int detector = r.Count();
            long turns = r.Var64(), userTurns = r.Var64(), corrections = r.Var64(), events = r.Var64();
            long tokensIn = r.Var64(), tokensOut = r.Var64(), unpriced = r.Var64();
            double cost = BitConverter.Int64BitsToDouble(r.Int64()), duration = BitConverter.Int64BitsToDouble(r.Int64());
            long first = r.Int64(), last = r.Int64(), closed = r.Int64();
            int flags = r.Byte();
            long? toolCalls = (flags & HasToolCalls) != 0 ? r.Var64() : null;
            long? toolFailures = (flags & HasToolFailures) != 0 ? r.Var64() : null;
            long? attempts = (flags & HasAttempts) != 0 ? r.Var64() : null;
            long? alerts = (flags & HasAlerts) != 0 ? r.Var64() : null;
            IReadOnlyDictionary<string, long>? errors = null;
            if ((flags & HasErrors) != 0)
            {
                int n = r.Count();
                var counts = n == 0 ? null : new Dictionary<string, long>(n, StringComparer.Ordinal);
                for (int e = 0; e < n; e++)
                {
                    counts!.Add(table[r.Index(table.Length)] ?? throw new FormatException("an error category without a name"), r.Var64());
                }

                // Most sessions count no error ("errors":{}): one shared empty map, not one each (8 MB at 100k sessions).
                errors = counts ?? (IReadOnlyDictionary<string, long>)System.Collections.ObjectModel.ReadOnlyDictionary<string, long>.Empty;
            }

            sessions.Add(new SessionSummary
            {
                SessionId = id,
                System = system,
                Context = context,
                Model = model,
                DetectorVersion = detector,
                Turns = turns,
                UserTurns = userTurns,
                Corrections = corrections,
                Events = events,
                TokensIn = tokensIn,
                TokensOut = tokensOut,
                CostUsd = cost,
                UnpricedEvents = unpriced,
                DurationSeconds = duration,
                FirstTimestamp = new DateTimeOffset(first, TimeSpan.Zero),
                LastTimestamp = new DateTimeOffset(last, TimeSpan.Zero),
                ClosedAt = new DateTimeOffset(closed, TimeSpan.Zero),
                ToolCalls = toolCalls,
                ToolFailures = toolFailures,
                ErrorsByCategory = errors,
                Outcome = outcome,
                FirstShotSuccess = (flags & FirstShotKnown) == 0 ? null : (flags & FirstShotTrue) != 0,
                Attempts = attempts,
                Alerts = alerts,
                Variant = variant,
            });
            fileOf.Add(file);
        }

        return r.AtEnd ? new SidecarState { Files = files, Sessions = sessions, FileOf = fileOf } : throw new FormatException("trailing bytes");
    }

    /// <summary>Reads what BinaryWriter wrote (7-bit counts, little-endian numbers, length-prefixed UTF-8) from a span.</summary>
    internal ref struct SpanReader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> bytes = bytes;
        private int at;

        public readonly bool AtEnd => at == bytes.Length;

        public int Byte() => bytes[at++];

        public int Int32()
        {
            int v = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
            at += 4;
            return v;
        }

        public long Int64()
        {
            long v = BinaryPrimitives.ReadInt64LittleEndian(bytes[at..]);
            at += 8;
            return v;
        }

        public long Var64()
        {
            ulong v = 0;
            for (int shift = 0; shift < 70; shift += 7)
            {
                byte b = bytes[at++];
                v |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return (long)v;
                }
            }

            throw new FormatException("a number too long");
        }

        /// <summary>A count or index: 0 to int.MaxValue.</summary>
        public int Count()
        {
            long v = Var64();
            return v is >= 0 and <= int.MaxValue ? (int)v : throw new FormatException("a count out of range");
        }

        public int Index(int length)
        {
            int i = Count();
            return i < length ? i : throw new FormatException("a name out of range");
        }

        public string String()
        {
            int n = Count();
            string s = Encoding.UTF8.GetString(bytes.Slice(at, n));
            at += n;
            return s;
        }
    }

    /// <summary>One sessions file as the sidecar recorded it: its name, identity and the hash of its last bytes.</summary>
    internal readonly record struct StoredFile(string Name, FileIdentity Identity, ulong Tail);

    /// <summary>The latest summaries in first-appearance order, the file each came from, and where each id is.</summary>
    internal sealed class SidecarState
    {
        public IReadOnlyList<StoredFile> Files { get; init; } = [];

        public List<SessionSummary> Sessions { get; init; } = [];

        public List<int> FileOf { get; init; } = [];

        // Built on the first fold only: a warm read never needs it.
        private Dictionary<string, int>? index;

        /// <summary>
        /// Folds in the next row in store order (file, then line): a row of a newer file wins, within a file the later
        /// ts_closed and, at the same ts_closed, the later line (this one). A new id takes the next place.
        /// </summary>
        public void Add(SessionSummary s, int file)
        {
            if (index is null)
            {
                index = new Dictionary<string, int>(Sessions.Count, StringComparer.Ordinal);
                for (int j = 0; j < Sessions.Count; j++)
                {
                    index[Sessions[j].SessionId] = j;
                }
            }

            if (index.TryGetValue(s.SessionId, out int i))
            {
                if (file > FileOf[i] || s.ClosedAt.UtcTicks >= Sessions[i].ClosedAt.UtcTicks)
                {
                    Sessions[i] = s;
                    FileOf[i] = file;
                }

                return;
            }

            index[s.SessionId] = Sessions.Count;
            Sessions.Add(s);
            FileOf.Add(file);
        }
    }
}
