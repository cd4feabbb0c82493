// An index of where each session's rows lie in the events files, so that closing a session reads that session's
// rows and not the store. It is a cache and never the only copy of anything: it holds byte offsets derived from the
// events files, every row it points at is read and checked again, and deleting .index/ only makes the next close
// rebuild it.
//
// Layout: .index/events-YYYY-MM.<from>-<to>.seg, immutable segment files, each covering the lines of one events
// file that begin in [from, to), with entries (hash of session_id, offset, length) sorted for binary search.
// The segments of a file form a chain from offset 0. Rows appended since (by us, by older versions, by any other
// schema-1 writer; appends never take this index into account) lie past the chain's end: a close scans that tail,
// uses it, and saves it as a new segment. Small segments are merged size-tiered, so a file has O(log n) segments.
// What the index trusts: the store's own writers only ever append to an events file or replace it whole (prune and
// repair rename a new file over it). So each segment records the events file's identity (device and inode), its size
// and modification time when the segment was written, and a hash of the first and last 4 KB it covers. A segment is
// dropped, and rebuilt on the next use, when the file is another file (replaced, restored), shorter than the segment,
// changed without growing (same size, another modification time: edited in place), or no longer holds those bytes.
// An edit in the middle followed by an append is beyond these checks; `zos-telemetry doctor` compares every segment
// with the rows it covers (StaleSegments) and `doctor --repair` deletes segments that do not match.
using System.Buffers.Binary;
using System.Globalization;
using ZosTelemetry.Events;

namespace ZosTelemetry.Store;

internal sealed class SessionIndex
{
    public const string DirectoryName = ".index";

    private const int HeaderSize = 80;
    private const int EntrySize = 20;
    private const int FingerprintBytes = 4096;
    private const int MaxSegments = 16;
    private static readonly byte[] Magic = "ZOSIDX2\n"u8.ToArray(); // 2: with the events file's identity, size and time

    private readonly string root;
    private readonly string directory;
    private readonly long chunkBytes;

    public SessionIndex(string root, long chunkBytes = ParallelScan.DefaultChunkBytes)
    {
        this.root = root;
        directory = Path.Combine(root, DirectoryName);
        this.chunkBytes = chunkBytes;
    }

    /// <summary>
    /// The session's events in one events file, in file order; null when the index cannot vouch for its answer
    /// (an indexed row that no longer parses or no longer sits on a line of its own), and the caller must scan.
    /// </summary>
    public List<TelemetryEvent>? TryReadSession(string eventsPath, string sessionId)
    {
        byte[] id = System.Text.Encoding.UTF8.GetBytes(sessionId);
        ulong hash = KeyHash.Hash64(id);
        Microsoft.Win32.SafeHandles.SafeFileHandle events;
        try
        {
            events = StoreFileGuard.OpenReadHandle(eventsPath);
        }
        catch (FileNotFoundException)
        {
            return new List<TelemetryEvent>();
        }

        using (events)
        {
            string name = Path.GetFileNameWithoutExtension(eventsPath);
            long length = RandomAccess.GetLength(events);
            var chain = ValidChain(name, events, length);
            long covered = chain.Count == 0 ? 0 : chain[^1].To;

            var rows = new List<(long Offset, int Length)>();
            foreach (var segment in chain)
            {
                segment.Find(hash, rows);
            }

            if (length > covered)
            {
                var (tail, end) = ScanTail(eventsPath, covered, length);
                foreach (var e in tail)
                {
                    if (e.Hash == hash)
                    {
                        rows.Add((e.Offset, e.Length));
                    }
                }

                if (end > covered)
                {
                    TrySave(name, events, chain, covered, end, tail);
                }
            }

            rows.Sort((a, b) => a.Offset.CompareTo(b.Offset));
            return ReadRows(events, rows, sessionId, name);
        }
    }

    private List<TelemetryEvent>? ReadRows(Microsoft.Win32.SafeHandles.SafeFileHandle events, List<(long Offset, int Length)> rows, string sessionId, string name)
    {
        var found = new List<TelemetryEvent>(rows.Count);
        byte[] buffer = new byte[256];
        foreach (var (offset, length) in rows)
        {
            // The byte before the row and the byte after it must both be newlines (or the start of the file).
            int want = length + 2;
            if (buffer.Length < want)
            {
                buffer = new byte[Math.Max(want, buffer.Length * 2)];
            }

            long start = offset == 0 ? 0 : offset - 1;
            int got = RandomAccess.Read(events, buffer.AsSpan(0, offset == 0 ? length + 1 : want), start);
            var row = offset == 0 ? buffer.AsSpan(0, got) : buffer.AsSpan(1, Math.Max(0, got - 1));
            if ((offset > 0 && (got < 1 || buffer[0] != (byte)'\n')) || row.Length != length + 1 || row[length] != (byte)'\n')
            {
                Drop(name);
                return null;
            }

            var line = row[..length];
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (!RowCodec.TryParseEvent(line, out var e, out _))
            {
                Drop(name);
                return null;
            }

            // Another session whose id hashes alike: expected now and then, and harmless.
            if (e!.SessionId == sessionId)
            {
                found.Add(e);
            }
        }

        return found;
    }

    /// <summary>
    /// The doctor's full check: the segments of every events file that do not hold exactly the rows they cover (each
    /// usable row's session hash, offset and length), or whose file they no longer describe. Reads everything indexed.
    /// </summary>
    public IReadOnlyList<string> StaleSegments()
    {
        var stale = new List<string>();
        string root = System.IO.Path.GetDirectoryName(directory)!;
        foreach (var file in SinkFiles.List(root, SinkKind.Events))
        {
            string name = System.IO.Path.GetFileNameWithoutExtension(file.Path);
            var segments = Segments(name);
            if (segments.Count == 0)
            {
                continue;
            }

            try
            {
                using var events = StoreFileGuard.OpenReadHandle(file.Path);
                long length = RandomAccess.GetLength(events);
                bool bad = segments.Exists(seg => seg.To > length || !seg.Matches(events) || !seg.SameFile(events, length));
                foreach (var seg in segments)
                {
                    if (bad)
                    {
                        break;
                    }

                    var (entries, _) = ScanTail(file.Path, seg.From, seg.To);
                    entries.Sort();
                    bad = !entries.SequenceEqual(seg.ReadAll());
                }

                if (bad)
                {
                    stale.AddRange(segments.Select(seg => seg.Path));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or StoreException)
            {
                stale.AddRange(segments.Select(seg => seg.Path)); // the events file cannot be read: nothing can vouch for them
            }
        }

        stale.Sort(StringComparer.Ordinal);
        return stale;
    }

    /// <summary>Indexes the complete lines that begin in [from, to): entries in file order and where the last one ends.</summary>
    private (List<Entry> Entries, long End) ScanTail(string eventsPath, long from, long to)
    {
        var chunks = ParallelScan.SplitRange(eventsPath, from, to, chunkBytes);
        var parts = ParallelScan.Map(chunks, chunk =>
        {
            var entries = new List<Entry>();
            long end = chunk.From;
            using var reader = new JsonlReader(chunk.Path, chunk.From, chunk.To);
            while (reader.TryReadLine(out var line))
            {
                if (reader.LastLineUnterminated)
                {
                    break; // a row still being written, or torn: not covered until it has its newline
                }

                end = reader.LineOffset + reader.LineLength + 1;
                if (!line.IsEmpty && EventRowReader.TryRead(line, out var facts, out _))
                {
                    entries.Add(new Entry(KeyHash.Hash64(facts.SessionId), reader.LineOffset, reader.LineLength));
                }
            }

            return (Entries: entries, End: end);
        });
        return (parts.SelectMany(p => p.Entries).ToList(), parts.Max(p => p.End));
    }

    /// <summary>The file's segments from offset 0, each checked against the bytes it claims to cover; else none.</summary>
    private List<Segment> ValidChain(string name, Microsoft.Win32.SafeHandles.SafeFileHandle events, long length)
    {
        var all = Segments(name);
        var chain = new List<Segment>();
        long position = 0;
        while (true)
        {
            Segment? next = null;
            foreach (var s in all)
            {
                if (s.From == position && s.To > position && (next is null || s.To > next.To))
                {
                    next = s;
                }
            }

            if (next is null)
            {
                break;
            }

            if (next.To > length || !next.Matches(events) || !next.SameFile(events, length))
            {
                Drop(name);
                return new List<Segment>();
            }

            chain.Add(next);
            position = next.To;
        }

        return chain;
    }

    private List<Segment> Segments(string name)
    {
        var segments = new List<Segment>();
        if (!Directory.Exists(directory))
        {
            return segments;
        }

        foreach (string path in Directory.EnumerateFiles(directory, name + ".*.seg"))
        {
            var segment = Segment.Open(path);
            if (segment is not null)
            {
                segments.Add(segment);
            }
        }

        return segments;
    }

    /// <summary>Saves the scanned tail as a segment and merges small segments, if the index lock is free at once.</summary>
    private void TrySave(string name, Microsoft.Win32.SafeHandles.SafeFileHandle events, List<Segment> chain, long from, long to, List<Entry> tail)
    {
        // A reader run by another user (root, say) must not leave an index the owner cannot replace.
        if (!StoreOwnership.IsOwnedByCurrentUser(root))
        {
            return;
        }

        try
        {
            CreateDirectory();
            using var @lock = TryLock();
            if (@lock is null)
            {
                return; // another close is saving; this one's answer stands, its tail is simply not kept
            }

            // Under the lock, the chain may have grown since we looked: only extend it from where it ends.
            var current = ValidChain(name, events, RandomAccess.GetLength(events));
            if ((current.Count == 0 ? 0 : current[^1].To) != from)
            {
                return;
            }

            tail.Sort();
            current.Add(Write(name, events, from, to, tail.ToArray()));
            while (current.Count >= 2 && (current[^1].Count * 2L >= current[^2].Count || current.Count > MaxSegments))
            {
                Segment older = current[^2], newer = current[^1];
                var merged = Write(name, events, older.From, newer.To, Merge(older.ReadAll(), newer.ReadAll()));
                current.RemoveRange(current.Count - 2, 2);
                current.Add(merged);
                File.Delete(older.Path);
                File.Delete(newer.Path);
            }

            // Segments off the chain and temporary files (left by a crash or a race) are dead weight; we hold the lock,
            // so no other writer is halfway through one of them.
            var keep = current.Select(s => s.Path).ToHashSet(StringComparer.Ordinal);
            foreach (var s in Segments(name))
            {
                if (!keep.Contains(s.Path))
                {
                    File.Delete(s.Path);
                }
            }

            foreach (string temp in Directory.EnumerateFiles(directory, name + ".*.seg.tmp-*"))
            {
                File.Delete(temp);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only store or a full disk: the index is a cache, closing goes on without it.
        }
    }

    private static Entry[] Merge(Entry[] a, Entry[] b)
    {
        var merged = new Entry[a.Length + b.Length];
        int i = 0, j = 0, k = 0;
        while (i < a.Length && j < b.Length)
        {
            merged[k++] = a[i].CompareTo(b[j]) <= 0 ? a[i++] : b[j++];
        }

        a.AsSpan(i).CopyTo(merged.AsSpan(k));
        b.AsSpan(j).CopyTo(merged.AsSpan(k + a.Length - i));
        return merged;
    }

    private Segment Write(string name, Microsoft.Win32.SafeHandles.SafeFileHandle events, long from, long to, Entry[] entries)
    {
        string path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{name}.{from}-{to}.seg"));
        string temp = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var file = FileIdentity.Of(events);
        var segment = new Segment(path, from, to, Fingerprint(events, from, Math.Min(to, from + FingerprintBytes)), Fingerprint(events, Math.Max(from, to - FingerprintBytes), to), entries.Length, file);
        byte[] bytes = new byte[HeaderSize + (entries.Length * EntrySize)];
        file.WriteTo(bytes.AsSpan(48));
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8), from);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(16), to);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(24), segment.HeadHash);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(32), segment.TailHash);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(40), entries.Length);
        for (int i = 0; i < entries.Length; i++)
        {
            entries[i].WriteTo(bytes.AsSpan(HeaderSize + (i * EntrySize)));
        }

        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFiles.FileMode;
        }

        // Not flushed to disk: this is a cache, and an fsync would cost a close more than the rest of its work. A file
        // that a power cut leaves empty or half written fails the header and size checks, or the fingerprints.
        using (var stream = new FileStream(temp, options))
        {
            stream.Write(bytes);
        }

        File.Move(temp, path, overwrite: true);
        return segment;
    }

    private void CreateDirectory()
    {
        PrivateFiles.CreateDirectory(directory);
    }

    private FileStream? TryLock()
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFiles.FileMode;
        }

        try
        {
            return new FileStream(Path.Combine(directory, ".lock"), options);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Forgets every segment of one events file (best effort); the next close rebuilds them.</summary>
    private void Drop(string name)
    {
        try
        {
            foreach (var s in Segments(name))
            {
                File.Delete(s.Path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the next writer to replace.
        }
    }

    private static ulong Fingerprint(Microsoft.Win32.SafeHandles.SafeFileHandle events, long from, long to)
    {
        Span<byte> bytes = stackalloc byte[FingerprintBytes];
        int length = (int)(to - from);
        int got = RandomAccess.Read(events, bytes[..length], from);
        return got == length ? KeyHash.Hash64(bytes[..length]) : 0;
    }

    private readonly record struct Entry(ulong Hash, long Offset, int Length) : IComparable<Entry>
    {
        public int CompareTo(Entry other) => Hash != other.Hash ? Hash.CompareTo(other.Hash) : Offset.CompareTo(other.Offset);

        public static Entry ReadFrom(ReadOnlySpan<byte> b) =>
            new(BinaryPrimitives.ReadUInt64LittleEndian(b), BinaryPrimitives.ReadInt64LittleEndian(b[8..]), BinaryPrimitives.ReadInt32LittleEndian(b[16..]));

        public void WriteTo(Span<byte> b)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(b, Hash);
            BinaryPrimitives.WriteInt64LittleEndian(b[8..], Offset);
            BinaryPrimitives.WriteInt32LittleEndian(b[16..], Length);
        }
    }

    /// <summary>The events file as a segment saw it: device, inode, size and modification time (0 where they cannot be read).</summary>
    private readonly record struct FileIdentity(long Device, long Inode, long Size, long ModifiedTicks)
    {
        public static FileIdentity Of(Microsoft.Win32.SafeHandles.SafeFileHandle events)
        {
            long size = RandomAccess.GetLength(events);
            if (!OperatingSystem.IsWindows() && UnixFileStatus.TryFStat(events, out var st))
            {
                return new FileIdentity(st.Device, st.Inode, size, (st.ModifiedSeconds * 1_000_000_000) + st.ModifiedNanoseconds);
            }

            return new FileIdentity(0, 0, size, 0);
        }

        public static FileIdentity ReadFrom(ReadOnlySpan<byte> b) => new(
            BinaryPrimitives.ReadInt64LittleEndian(b), BinaryPrimitives.ReadInt64LittleEndian(b[8..]),
            BinaryPrimitives.ReadInt64LittleEndian(b[16..]), BinaryPrimitives.ReadInt64LittleEndian(b[24..]));

        public void WriteTo(Span<byte> b)
        {
            BinaryPrimitives.WriteInt64LittleEndian(b, Device);
            BinaryPrimitives.WriteInt64LittleEndian(b[8..], Inode);
            BinaryPrimitives.WriteInt64LittleEndian(b[16..], Size);
            BinaryPrimitives.WriteInt64LittleEndian(b[24..], ModifiedTicks);
        }

        /// <summary>The same file, changed only by appends since: same identity, and not edited without growing.</summary>
        public bool StillDescribes(FileIdentity now) =>
            now.Device == Device && now.Inode == Inode && now.Size >= Size && (now.Size != Size || now.ModifiedTicks == ModifiedTicks);
    }

    private sealed record Segment(string Path, long From, long To, ulong HeadHash, ulong TailHash, int Count, FileIdentity File)
    {
        /// <summary>Reads a segment's header; null for anything that is not a whole segment file.</summary>
        public static Segment? Open(string path)
        {
            try
            {
                using var handle = System.IO.File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                Span<byte> header = stackalloc byte[HeaderSize];
                if (RandomAccess.Read(handle, header, 0) != HeaderSize || !header[..8].SequenceEqual(Magic))
                {
                    return null;
                }

                var segment = new Segment(
                    path,
                    BinaryPrimitives.ReadInt64LittleEndian(header[8..]),
                    BinaryPrimitives.ReadInt64LittleEndian(header[16..]),
                    BinaryPrimitives.ReadUInt64LittleEndian(header[24..]),
                    BinaryPrimitives.ReadUInt64LittleEndian(header[32..]),
                    BinaryPrimitives.ReadInt32LittleEndian(header[40..]),
                    FileIdentity.ReadFrom(header[48..]));
                return segment.Count >= 0 && segment.From >= 0 && segment.To > segment.From
                    && RandomAccess.GetLength(handle) == HeaderSize + ((long)segment.Count * EntrySize) ? segment : null;
            }
            catch (FileNotFoundException)
            {
                return null; // merged away while we listed
            }
        }

        public bool SameFile(Microsoft.Win32.SafeHandles.SafeFileHandle events, long length) =>
            File.StillDescribes(FileIdentity.Of(events) with { Size = length });

        public bool Matches(Microsoft.Win32.SafeHandles.SafeFileHandle events) =>
            Fingerprint(events, From, Math.Min(To, From + FingerprintBytes)) == HeadHash
            && Fingerprint(events, Math.Max(From, To - FingerprintBytes), To) == TailHash;

        /// <summary>Adds the rows of entries with this hash: a binary search, then one read of the run.</summary>
        public void Find(ulong hash, List<(long Offset, int Length)> rows)
        {
            using var handle = System.IO.File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> entry = stackalloc byte[8];
            int lo = 0, hi = Count;
            while (lo < hi)
            {
                int mid = lo + ((hi - lo) / 2);
                RandomAccess.Read(handle, entry, HeaderSize + ((long)mid * EntrySize));
                if (BinaryPrimitives.ReadUInt64LittleEndian(entry) < hash)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            byte[] block = new byte[64 * EntrySize];
            for (int i = lo; i < Count; i += 64)
            {
                int n = Math.Min(64, Count - i);
                RandomAccess.Read(handle, block.AsSpan(0, n * EntrySize), HeaderSize + ((long)i * EntrySize));
                for (int k = 0; k < n; k++)
                {
                    var e = Entry.ReadFrom(block.AsSpan(k * EntrySize));
                    if (e.Hash != hash)
                    {
                        return;
                    }

                    rows.Add((e.Offset, e.Length));
                }
            }
        }

        public Entry[] ReadAll()
        {
            using var handle = System.IO.File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            byte[] bytes = new byte[(long)Count * EntrySize];
            for (int done = 0; done < bytes.Length;)
            {
                int got = RandomAccess.Read(handle, bytes.AsSpan(done), HeaderSize + done);
                done += got > 0 ? got : throw new IOException($"Index segment {Path} is shorter than its header says.");
            }

            var entries = new Entry[Count];
            for (int i = 0; i < Count; i++)
            {
                entries[i] = Entry.ReadFrom(bytes.AsSpan(i * EntrySize));
            }

            return entries;
        }
    }
}
