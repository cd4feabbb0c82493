// The stored daily facts: one file per events file, .index/events-YYYY-MM.facts, beside the session index and, like it,
// a cache that is never the only copy of anything. Each records the identity of the events file it was folded from
// (device, inode, size, modification time: the store's writers only append to an events file or replace it whole) and
// a checksum of its own bytes. It is used only when both still match; otherwise that month is folded again from its
// rows and the file rewritten (atomically, 0600), except when the file only grew (same device and inode, longer, the
// last bytes before its recorded end unchanged and ending a line): then only the appended lines are read, and the fold
// resumed from the sidecar's open chunk (DailyFactFold) gives the same bits as a fold of the whole file. A month with
// unusable rows gets no sidecar, so its scan keeps
// warning about them as every other report does. `doctor` lists sidecars that the next read would not use (Stale; one
// whose events file only grew is healthy, as the next read resumes it) and
// `doctor --repair` deletes them; reset and prune delete those of the events files they delete or rewrite.
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using ZosTelemetry.Store;

namespace ZosTelemetry.Facts;

internal static class DailyFactsSidecar
{
    public const string Extension = ".facts";

    // 2: the fold in fixed chunks, with its open chunk and the hash of the events file's last bytes (1: neither). A new
    // fold (another field, another slot size) takes a new magic, and older files are rebuilt.
    private static readonly byte[] Magic = "ZOSFCT2\n"u8.ToArray();
    private const int IdentityOffset = 8, IdentitySize = 32, TailOffset = IdentityOffset + IdentitySize, HeaderSize = TailOffset + 9;

    /// <summary>The sidecar of an events file: .index/events-YYYY-MM.facts.</summary>
    public static string PathOf(string root, string eventsPath) =>
        Path.Combine(root, SessionIndex.DirectoryName, Path.GetFileNameWithoutExtension(eventsPath) + Extension);

    /// <summary>
    /// The facts of each events file, in file order: read from its sidecar when that still matches the file; when the
    /// file only grew, the sidecar's fold resumed with the appended lines; else folded from all the file's rows (warning
    /// about unusable ones). A new fold is saved when the file did not change meanwhile.
    /// </summary>
    public static List<DailyFactTable> Load(TelemetryStore store, IReadOnlyList<string> eventsPaths)
    {
        var tables = new List<DailyFactTable>(eventsPaths.Count);
        foreach (string path in eventsPaths)
        {
            var before = FileIdentity.Of(path);
            if (before is null)
            {
                continue; // pruned between listing and reading
            }

            string sidecar = PathOf(store.Root, path);
            var stored = TryRead(sidecar);
            var state = StateOf(path, stored, before.Value);
            if (state == FactsState.Fresh)
            {
                store.Observer?.Verbose($"Daily facts of {Path.GetFileName(path)} from {sidecar}.");
                tables.Add(stored!.Value.Table);
                continue;
            }

            var table = state == FactsState.Grown ? Resume(store, path, stored!.Value.Table, stored.Value.Identity.Size, before.Value.Size) : null;
            if (table is null)
            {
                store.Observer?.Verbose($"Folding the daily facts of {path}.");
                var (partials, skipped) = store.FoldDailyFacts(path, 0, before.Value.Size, store.ScanChunkBytes);
                table = DailyFactFold.Fold(partials, store.ScanChunkBytes, OpenStart(before.Value.Size, store.ScanChunkBytes));
                if (skipped != 0)
                {
                    tables.Add(table);
                    continue; // no sidecar for a month with an unusable row: every report warns about it
                }
            }

            tables.Add(table);
            if (FileIdentity.Of(path) == before)
            {
                TrySave(store.Root, sidecar, table, before.Value, SessionSummarySidecar.TailHash(path, before.Value.Size));
            }
        }

        return tables;
    }

    /// <summary>Where the open chunk of a fold of the first size bytes begins: the last multiple of chunkBytes.</summary>
    private static long OpenStart(long size, long chunkBytes) => size / chunkBytes * chunkBytes;

    /// <summary>What the next read does with a sidecar: use it, resume its fold with the appended lines, or fold anew.</summary>
    internal enum FactsState
    {
        /// <summary>Folded from the events file as it is: read as it stands.</summary>
        Fresh,

        /// <summary>The events file only grew since: the next read resumes the stored fold with the appended lines.</summary>
        Grown,

        /// <summary>Missing, damaged, or the events file was replaced, truncated or rewritten: folded anew.</summary>
        Stale,
    }

    /// <summary>
    /// The one rule the read (Load) and doctor (Stale) share. Grown: the events file is the one the sidecar was folded
    /// from, grown by an append (same device and inode, longer, the bytes before the recorded end as they were: their
    /// hash, taken when they ended a line), and the sidecar's open chunk is where a fold of the recorded size put it.
    /// </summary>
    internal static FactsState StateOf(string eventsPath, (DailyFactTable Table, FileIdentity Identity, ulong? Tail)? stored, FileIdentity now)
    {
        if (stored is not { } s)
        {
            return FactsState.Stale;
        }

        if (s.Identity == now)
        {
            return FactsState.Fresh;
        }

        bool grew = s.Tail is ulong t && s.Identity.Device == now.Device && s.Identity.Inode == now.Inode && now.Size > s.Identity.Size
            && s.Table.Open is { } open && open.Start == OpenStart(s.Identity.Size, open.ChunkBytes)
            && SessionSummarySidecar.TailHash(eventsPath, s.Identity.Size) == t;
        return grew ? FactsState.Grown : FactsState.Stale;
    }

    /// <summary>
    /// The stored fold (Grown: its open chunk where a fold of the recorded size put it) resumed with the lines appended
    /// after <paramref name="from"/>; null when that cannot be done exactly (open rows that do not fit the table, which
    /// the checksum vouched for; an appended row that cannot be used): then the whole file is folded, which warns about
    /// such rows as every report does.
    /// </summary>
    private static DailyFactTable? Resume(TelemetryStore store, string path, DailyFactTable stored, long from, long to)
    {
        long chunkBytes = stored.Open!.ChunkBytes;
        DailyFactFold fold;
        DailyFactPartial open;
        try
        {
            (fold, open) = DailyFactFold.Resume(stored);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            return null;
        }

        store.Observer?.Verbose(string.Create(CultureInfo.InvariantCulture, $"Folding the {to - from} bytes appended to {path} into its daily facts."));
        var (partials, skipped) = store.FoldDailyFacts(path, from, to, chunkBytes, open);
        return skipped == 0 ? fold.Finish(partials, chunkBytes, OpenStart(to, chunkBytes)) : null;
    }

    /// <summary>
    /// The sidecars that the next read would not use (events file gone, replaced, truncated or rewritten; sidecar
    /// damaged): doctor's stale facts, which its repair deletes. <paramref name="grown"/> gets those whose events file
    /// only grew: healthy, as the next read resumes their fold with the appended lines (StateOf, the read's own rule).
    /// </summary>
    public static IReadOnlyList<string> Stale(string root, out IReadOnlyList<string> grown)
    {
        var resumable = new List<string>();
        grown = resumable;
        string directory = Path.Combine(root, SessionIndex.DirectoryName);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        // Temporary files of a save that a kill or a full disk stopped before its rename are stale too.
        var stale = Directory.EnumerateFiles(directory, ".events-*" + Extension + ".*")
            .Where(p => AtomicFile.IsTempFile(Path.GetFileName(p))).ToList();
        foreach (string sidecar in Directory.EnumerateFiles(directory, "events-*" + Extension).Order(StringComparer.Ordinal))
        {
            string events = Path.Combine(root, Path.GetFileNameWithoutExtension(sidecar) + ".jsonl");
            var state = FileIdentity.Of(events) is FileIdentity now ? StateOf(events, TryRead(sidecar), now) : FactsState.Stale;
            (state == FactsState.Stale ? stale : state == FactsState.Grown ? resumable : null)?.Add(sidecar);
        }

        return stale;
    }

    /// <summary>Deletes the sidecar of an events file (reset, prune); best effort, as a stale one is never trusted anyway.</summary>
    public static void Delete(string root, string eventsPath)
    {
        try
        {
            File.Delete(PathOf(root, eventsPath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left behind: it no longer matches its events file, so no report reads it and doctor names it.
        }
    }

    /// <summary>A sidecar's table, the identity of the events file it was folded from and the hash of that file's last
    /// bytes (null when they did not end a line); null when the sidecar is missing, damaged or of another layout.</summary>
    internal static (DailyFactTable Table, FileIdentity Identity, ulong? Tail)? TryRead(string sidecar)
    {
        if (SidecarFrame.TryRead(sidecar, Magic, HeaderSize) is not byte[] bytes)
        {
            return null;
        }

        try
        {
            ulong? tail = bytes[TailOffset] == 1 ? BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(TailOffset + 1)) : null;
            return (Decode(bytes.AsSpan(HeaderSize, bytes.Length - HeaderSize - SidecarFrame.ChecksumBytes)), FileIdentity.ReadFrom(bytes.AsSpan(IdentityOffset)), tail);
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException or ArgumentException or OverflowException or IndexOutOfRangeException)
        {
            return null; // the checksum matched bytes we cannot read: another layout under the same magic
        }
    }

    private static void TrySave(string root, string sidecar, DailyFactTable table, FileIdentity identity, ulong? tail)
    {
        if (!StoreOwnership.IsOwnedByCurrentUser(root))
        {
            return; // a reader running as another user (root, say) leaves no file the owner's writers could not replace
        }

        try
        {
            PrivateFiles.CreateDirectory(Path.Combine(root, SessionIndex.DirectoryName));
            byte[] body = Encode(table);
            byte[] bytes = new byte[HeaderSize + body.Length + SidecarFrame.ChecksumBytes];
            Magic.CopyTo(bytes, 0);
            identity.WriteTo(bytes.AsSpan(IdentityOffset));
            if (tail is ulong t)
            {
                bytes[TailOffset] = 1;
                BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(TailOffset + 1), t);
            }

            body.CopyTo(bytes, HeaderSize);
            SidecarFrame.Write(sidecar, bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or StoreException)
        {
            // A cache that cannot be written (read-only store, full disk) costs the next report a fold, nothing more.
        }
    }

    private static byte[] Encode(DailyFactTable t)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(DailyFactTable.SlotMinutes);
            foreach (var names in new[] { t.Systems, t.Models, t.Tiers })
            {
                w.Write7BitEncodedInt(names.Count);
                foreach (string name in names)
                {
                    w.Write(name);
                }
            }

            w.Write7BitEncodedInt(t.Rows.Count);
            long slot = 0;
            foreach (var r in t.Rows)
            {
                w.Write7BitEncodedInt64(r.Key.Slot - slot); // rows are sorted by slot: small deltas
                slot = r.Key.Slot;
                w.Write7BitEncodedInt(r.Key.System);
                w.Write7BitEncodedInt(r.Key.Model + 1);
                w.Write7BitEncodedInt(r.Key.Tier + 1);
                w.Write((byte)r.Key.Class);
                WriteSums(w, r);
            }

            w.Write7BitEncodedInt(t.Sessions.Count);
            foreach (var s in t.Sessions)
            {
                w.Write((ulong)(s.Hash >> 64));
                w.Write((ulong)s.Hash);
                w.Write7BitEncodedInt(s.System);
                w.Write7BitEncodedInt(s.Runs.Length);
                long end = 0;
                foreach (var (start, length) in s.Runs)
                {
                    w.Write7BitEncodedInt64(start - end);
                    w.Write7BitEncodedInt(length);
                    end = start + length;
                }
            }

            var open = t.Open!;
            w.Write7BitEncodedInt64(open.ChunkBytes);
            w.Write7BitEncodedInt64(open.Start);
            w.Write7BitEncodedInt(open.Rows.Count);
            foreach (var o in open.Rows)
            {
                WriteKey(w, o.Sums.Key);
                WriteSums(w, o.Sums);
                w.Write(o.InClosed);
                w.Write(o.ClosedCost);
            }
        }

        return stream.ToArray();
    }

    private static void WriteKey(BinaryWriter w, FactKey key)
    {
        w.Write7BitEncodedInt64(key.Slot);
        w.Write7BitEncodedInt(key.System);
        w.Write7BitEncodedInt(key.Model + 1);
        w.Write7BitEncodedInt(key.Tier + 1);
        w.Write((byte)key.Class);
    }

    private static void WriteSums(BinaryWriter w, FactRow r)
    {
        foreach (long v in (ReadOnlySpan<long>)[r.Events, r.Turns, r.UserTurns, r.Corrections, r.PositiveCost, r.TokensIn, r.TokensOut, r.CacheRead, r.CacheWrite])
        {
            w.Write7BitEncodedInt64(v);
        }

        w.Write(r.Cost); // the exact bits: a report from the sidecar equals the report from the fold
    }

    // Optimised from the first call: one call reads a whole month, before tiered compilation would reach it. A span
    // reader, names decoded once per month, and each session's runs in one array: a warm HTML report reads every month.
    private static DailyFactTable Decode(ReadOnlySpan<byte> body)
    {
        var t = new DailyFactTable();
        var r = new SessionSummarySidecar.SpanReader(body);
        if ((int)r.Int32() != DailyFactTable.SlotMinutes)
        {
            throw new FormatException("another slot size");
        }

        foreach (var names in new[] { t.Systems, t.Models, t.Tiers })
        {
            int n = r.Count();
            for (int i = 0; i < n; i++)
            {
                names.Add(r.String());
            }
        }

        int rows = r.Count();
        t.Rows.Capacity = rows;
        long slot = 0;
        for (int i = 0; i < rows; i++)
        {
            slot += r.Var64();
            t.Rows.Add(ReadSums(ref r, t, slot));
        }

        int sessions = r.Count();
        t.Sessions.Capacity = sessions;
        var runs = new List<(long, int)>(sessions + (sessions / 2));
        var spans = new (UInt128 Hash, int System, int Offset, int Count)[sessions];
        for (int i = 0; i < sessions; i++)
        {
            var hash = new UInt128((ulong)r.Int64(), (ulong)r.Int64());
            int system = r.Count();
            if (system >= t.Systems.Count)
            {
                throw new FormatException("a system out of range");
            }

            int n = r.Count();
            spans[i] = (hash, system, runs.Count, n);
            long end = 0;
            for (int j = 0; j < n; j++)
            {
                long start = end + r.Var64();
                int length = r.Count();
                runs.Add((start, length));
                end = start + length;
            }
        }

        var all = runs.ToArray();
        foreach (var (hash, system, offset, count) in spans)
        {
            t.Sessions.Add(new SessionSlots(hash, system, all, offset, count));
        }

        long chunkBytes = r.Var64(), openStart = r.Var64();
        int openRows = r.Count();
        if (chunkBytes <= 0 || openStart < 0 || openStart % chunkBytes != 0)
        {
            throw new FormatException("an open chunk out of range");
        }

        var open = new List<OpenFactRow>(openRows);
        for (int i = 0; i < openRows; i++)
        {
            var sums = ReadSums(ref r, t, r.Var64());
            bool inClosed = r.Byte() switch { 0 => false, 1 => true, _ => throw new FormatException("not a boolean") };
            open.Add(new OpenFactRow(sums, inClosed, BitConverter.Int64BitsToDouble(r.Int64())));
        }

        t.Open = new OpenFactChunk(chunkBytes, openStart, open);
        return r.AtEnd ? t : throw new FormatException("trailing bytes");
    }

    private static FactRow ReadSums(ref SessionSummarySidecar.SpanReader r, DailyFactTable t, long slot)
    {
        int system = r.Count(), model = r.Count() - 1, tier = r.Count() - 1;
        var cls = (FactClass)r.Byte();
        if (system >= t.Systems.Count || model >= t.Models.Count || tier >= t.Tiers.Count)
        {
            throw new FormatException("a name out of range");
        }

        return new FactRow(new FactKey(slot, system, model, tier, cls))
        {
            Events = r.Var64(),
            Turns = r.Var64(),
            UserTurns = r.Var64(),
            Corrections = r.Var64(),
            PositiveCost = r.Var64(),
            TokensIn = r.Var64(),
            TokensOut = r.Var64(),
            CacheRead = r.Var64(),
            CacheWrite = r.Var64(),
            Cost = BitConverter.Int64BitsToDouble(r.Int64()),
        };
    }
}

/// <summary>What identifies one version of an events file: device, inode, size and modification time (ns).</summary>
internal readonly record struct FileIdentity(long Device, long Inode, long Size, long ModifiedNanoseconds)
{
    public static FileIdentity? Of(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            return UnixFileStatus.TryStat(path, out var st) && st.IsRegular
                ? new FileIdentity(st.Device, st.Inode, st.Size, (st.ModifiedSeconds * 1_000_000_000) + st.ModifiedNanoseconds)
                : null;
        }

        var info = new FileInfo(path);
        return info.Exists ? new FileIdentity(0, 0, info.Length, info.LastWriteTimeUtc.Ticks * 100) : null;
    }

    public static FileIdentity ReadFrom(ReadOnlySpan<byte> b) => new(
        BinaryPrimitives.ReadInt64LittleEndian(b),
        BinaryPrimitives.ReadInt64LittleEndian(b[8..]),
        BinaryPrimitives.ReadInt64LittleEndian(b[16..]),
        BinaryPrimitives.ReadInt64LittleEndian(b[24..]));

    public void WriteTo(Span<byte> b)
    {
        BinaryPrimitives.WriteInt64LittleEndian(b, Device);
        BinaryPrimitives.WriteInt64LittleEndian(b[8..], Inode);
        BinaryPrimitives.WriteInt64LittleEndian(b[16..], Size);
        BinaryPrimitives.WriteInt64LittleEndian(b[24..], ModifiedNanoseconds);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Device}:{Inode}:{Size}:{ModifiedNanoseconds}");
}
