// The stored daily facts: one file per events file, .index/events-YYYY-MM.facts, beside the session index and, like it,
// a cache that is never the only copy of anything. Each records the identity of the events file it was folded from
// (device, inode, size, modification time: the store's writers only append to an events file or replace it whole) and
// a checksum of its own bytes. It is used only when both still match; otherwise that month is folded again from its
// rows and the file rewritten (atomically, 0600). A month with unusable rows gets no sidecar, so its scan keeps
// warning about them as every other report does. `doctor` lists sidecars that no longer match (StaleFacts) and
// `doctor --repair` deletes them; reset and prune delete those of the events files they delete or rewrite.
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using ZosTelemetry.Store;

namespace ZosTelemetry.Facts;

internal static class DailyFactsSidecar
{
    public const string Extension = ".facts";

    // 1: the first layout. A new fold (another field, another slot size) takes a new magic, and older files are rebuilt.
    private static readonly byte[] Magic = "ZOSFCT1\n"u8.ToArray();
    private const int IdentityOffset = 8, IdentitySize = 32, HeaderSize = IdentityOffset + IdentitySize;

    /// <summary>The sidecar of an events file: .index/events-YYYY-MM.facts.</summary>
    public static string PathOf(string root, string eventsPath) =>
        Path.Combine(root, SessionIndex.DirectoryName, Path.GetFileNameWithoutExtension(eventsPath) + Extension);

    /// <summary>
    /// The facts of each events file, in file order: read from its sidecar when that still matches the file, else
    /// folded from the file's rows (warning about unusable ones) and saved when the file did not change meanwhile.
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
            if (TryRead(sidecar, before.Value) is DailyFactTable stored)
            {
                store.Observer?.Verbose($"Daily facts of {Path.GetFileName(path)} from {sidecar}.");
                tables.Add(stored);
                continue;
            }

            store.Observer?.Verbose($"Folding the daily facts of {path}.");
            var (table, skipped) = store.FoldDailyFacts(path, before.Value.Size);
            tables.Add(table);
            if (skipped == 0 && FileIdentity.Of(path) == before)
            {
                TrySave(store.Root, sidecar, table, before.Value);
            }
        }

        return tables;
    }

    /// <summary>The sidecars that do not match their events file (gone, changed, damaged): doctor's StaleFacts.</summary>
    public static IReadOnlyList<string> Stale(string root)
    {
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
            if (FileIdentity.Of(events) is not FileIdentity now || TryRead(sidecar, now) is null)
            {
                stale.Add(sidecar);
            }
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

    internal static DailyFactTable? TryRead(string sidecar, FileIdentity expected)
    {
        byte[] bytes;
        try
        {
            StoreFileGuard.EnsureRegularOrMissing(sidecar); // a fifo or a device is refused, never read
            bytes = File.ReadAllBytes(sidecar);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotRegularFileException)
        {
            return null;
        }

        if (bytes.Length < HeaderSize + 8 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic)
            || FileIdentity.ReadFrom(bytes.AsSpan(IdentityOffset)) != expected
            || BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(bytes.Length - 8)) != Import.Xxh64.Hash(bytes.AsSpan(0, bytes.Length - 8)))
        {
            return null;
        }

        try
        {
            return Decode(bytes.AsSpan(HeaderSize, bytes.Length - HeaderSize - 8).ToArray());
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException or ArgumentException or OverflowException or IndexOutOfRangeException)
        {
            return null; // the checksum matched bytes we cannot read: another layout under the same magic
        }
    }

    private static void TrySave(string root, string sidecar, DailyFactTable table, FileIdentity identity)
    {
        if (!StoreOwnership.IsOwnedByCurrentUser(root))
        {
            return; // a reader running as another user (root, say) leaves no file the owner's writers could not replace
        }

        try
        {
            PrivateFiles.CreateDirectory(Path.Combine(root, SessionIndex.DirectoryName));
            byte[] body = Encode(table);
            byte[] bytes = new byte[HeaderSize + body.Length + 8];
            Magic.CopyTo(bytes, 0);
            identity.WriteTo(bytes.AsSpan(IdentityOffset));
            body.CopyTo(bytes, HeaderSize);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(bytes.Length - 8), Import.Xxh64.Hash(bytes.AsSpan(0, bytes.Length - 8)));
            AtomicFile.WriteAllBytes(sidecar, bytes, PrivateFiles.FileMode);
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
                foreach (long v in new[] { r.Events, r.Turns, r.UserTurns, r.Corrections, r.PositiveCost, r.TokensIn, r.TokensOut, r.CacheRead, r.CacheWrite })
                {
                    w.Write7BitEncodedInt64(v);
                }

                w.Write(r.Cost); // the exact bits: a report from the sidecar equals the report from the fold
            }

            w.Write7BitEncodedInt(t.Sessions.Count);
            foreach (var s in t.Sessions)
            {
                w.Write((ulong)(s.Hash >> 64));
                w.Write((ulong)s.Hash);
                w.Write7BitEncodedInt(s.System);
                w.Write7BitEncodedInt(s.Runs.Count);
                long end = 0;
                foreach (var (start, length) in s.Runs)
                {
                    w.Write7BitEncodedInt64(start - end);
                    w.Write7BitEncodedInt(length);
                    end = start + length;
                }
            }
        }

        return stream.ToArray();
    }

    // Optimised from the first call: one call reads a whole month, before tiered compilation would reach it.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static DailyFactTable Decode(byte[] body)
    {
        var t = new DailyFactTable();
        using var r = new BinaryReader(new MemoryStream(body), Encoding.UTF8);
        if (r.ReadInt32() != DailyFactTable.SlotMinutes)
        {
            throw new FormatException("another slot size");
        }

        foreach (var names in new[] { t.Systems, t.Models, t.Tiers })
        {
            int n = r.Read7BitEncodedInt();
            for (int i = 0; i < n; i++)
            {
                names.Add(r.ReadString());
            }
        }

        int rows = r.Read7BitEncodedInt();
        t.Rows.Capacity = rows;
        long slot = 0;
        for (int i = 0; i < rows; i++)
        {
            slot += r.Read7BitEncodedInt64();
            int system = r.Read7BitEncodedInt(), model = r.Read7BitEncodedInt() - 1, tier = r.Read7BitEncodedInt() - 1;
            var cls = (FactClass)r.ReadByte();
            if ((uint)system >= (uint)t.Systems.Count || model >= t.Models.Count || tier >= t.Tiers.Count)
            {
                throw new FormatException("a name out of range");
            }

            t.Rows.Add(new FactRow(new FactKey(slot, system, model, tier, cls))
            {
                Events = r.Read7BitEncodedInt64(),
                Turns = r.Read7BitEncodedInt64(),
                UserTurns = r.Read7BitEncodedInt64(),
                Corrections = r.Read7BitEncodedInt64(),
                PositiveCost = r.Read7BitEncodedInt64(),
                TokensIn = r.Read7BitEncodedInt64(),
                TokensOut = r.Read7BitEncodedInt64(),
                CacheRead = r.Read7BitEncodedInt64(),
                CacheWrite = r.Read7BitEncodedInt64(),
                Cost = r.ReadDouble(),
            });
        }

        int sessions = r.Read7BitEncodedInt();
        t.Sessions.Capacity = sessions;
        for (int i = 0; i < sessions; i++)
        {
            var hash = new UInt128(r.ReadUInt64(), r.ReadUInt64());
            int system = r.Read7BitEncodedInt();
            if ((uint)system >= (uint)t.Systems.Count)
            {
                throw new FormatException("a system out of range");
            }

            int n = r.Read7BitEncodedInt();
            var runs = new List<(long, int)>(n);
            long end = 0;
            for (int j = 0; j < n; j++)
            {
                long start = end + r.Read7BitEncodedInt64();
                int length = r.Read7BitEncodedInt();
                runs.Add((start, length));
                end = start + length;
            }

            t.Sessions.Add(new SessionSlots(hash, system, runs));
        }

        return r.BaseStream.Position == body.Length ? t : throw new FormatException("trailing bytes");
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
