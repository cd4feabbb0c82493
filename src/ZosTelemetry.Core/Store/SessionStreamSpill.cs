// The sessions stream (SessionScan.Stream) for stores with more sessions than TelemetryStore.SpillThreshold, without a
// table of every session id: every summary row's id hash, file, ts_closed and offset go to hash partitions in scratch
// files (Store/Spill); each partition finds its ids' latest rows under the one precedence rule (newer file, then later
// ts_closed, then later line) and writes them as a run sorted in the stream's order (newest file first, then newest
// ts_closed, then later line); the runs are merged and each winner's row is read at its offset, filtered and yielded.
// The first session comes after all files are read, not after the newest month as on the in-memory path.
using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store.Spill;

namespace ZosTelemetry.Store;

internal static class SessionStreamSpill
{
    private const int RecordBytes = 16 + 4 + 8 + 8;

    public static IEnumerable<SessionSummary> Stream(IReadOnlyList<SinkFile> files, SessionQuery query, long chunkBytes, Action<StoreWarning>? warn, long expectedRows, int threshold)
    {
        var filter = new SessionFilter(query);
        using var directory = SpillDirectory.Create();
        int runs = Partition(directory, files, chunkBytes, warn, expectedRows, threshold);
        var handles = new SafeFileHandle?[files.Count];
        var readers = new List<BinaryReader>();
        try
        {
            var queue = new PriorityQueue<int, Row>(Comparer<Row>.Create(static (x, y) => y.CompareTo(x))); // newest first
            var current = new Row[runs];
            for (int p = 0; p < runs; p++)
            {
                var r = new BinaryReader(directory.OpenRead(RunName(p)));
                readers.Add(r);
                if (r.HasMore())
                {
                    current[p] = Row.Read(r);
                    queue.Enqueue(p, current[p]);
                }
            }

            Utf8Names systems = new(), contexts = new(), models = new();
            byte[] buffer = new byte[4096];
            while (queue.TryDequeue(out int p, out var row))
            {
                var handle = handles[row.File] ??= StoreFileGuard.OpenReadHandle(files[row.File].Path);
                if (ReadSummary(handle, row, ref buffer, filter, systems, contexts, models) is SessionSummary s)
                {
                    yield return s;
                }

                if (readers[p].HasMore())
                {
                    current[p] = Row.Read(readers[p]);
                    queue.Enqueue(p, current[p]);
                }
            }
        }
        finally
        {
            foreach (var r in readers)
            {
                r.Dispose();
            }

            foreach (var h in handles)
            {
                h?.Dispose();
            }
        }
    }

    // The row at the winner's offset, if it is still that session's row (a file rewritten since the scan matches
    // nothing, as on the in-memory path) and matches the query.
    private static SessionSummary? ReadSummary(SafeFileHandle handle, Row row, ref byte[] buffer, SessionFilter filter, Utf8Names systems, Utf8Names contexts, Utf8Names models)
    {
        int length = 0;
        while (true)
        {
            int read = RandomAccess.Read(handle, buffer.AsSpan(length), row.Offset + length);
            int newline = buffer.AsSpan(length, read).IndexOf((byte)'\n');
            length += read;
            if (newline >= 0 || read == 0)
            {
                length = newline >= 0 ? length - read + newline : length;
                break;
            }

            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }

        var line = buffer.AsSpan(0, length);
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (!SessionRowReader.TryRead(line, out var facts, out _) || KeyHash.Hash128(facts.SessionId) != row.Key || !filter.Matches(facts))
        {
            return null;
        }

        return SessionRowReader.ToSummary(facts, systems, contexts, models);
    }

    /// <summary>Pass over every sessions file into partitions, then each partition's winners as a sorted run; returns the run count.</summary>
    private static int Partition(SpillDirectory directory, IReadOnlyList<SinkFile> files, long chunkBytes, Action<StoreWarning>? warn, long expectedRows, int threshold)
    {
        var chunks = ParallelScan.Split(files.Select(f => f.Path).ToList(), chunkBytes);
        var reports = new ChunkReport[chunks.Count];
        int count;
        using (var partitions = new SpillPartitions(directory, "part", SpillPartitions.CountFor(expectedRows, threshold)))
        {
            count = partitions.Count;
            var record = new byte[RecordBytes];
            foreach (var (chunk, report, rows) in ParallelScan.MapOrdered(chunks, ReadRows))
            {
                reports[chunk.Index] = report;
                foreach (var row in rows)
                {
                    row.Write(partitions.Writer(partitions.Of(row.Key)), record);
                }
            }

            partitions.Complete();

            // Warnings as the in-memory stream gives them: newest file first.
            for (int f = files.Count - 1; f >= 0; f--)
            {
                var ofFile = chunks.Where(c => c.FileIndex == f).ToList();
                ParallelScan.Warn(ofFile, ofFile.Select(c => reports[c.Index]).ToList(), warn);
            }

            for (int p = 0; p < count; p++)
            {
                var table = new KeyTable();
                var best = new List<Row>();
                using (var r = partitions.Read(p))
                {
                    while (r.HasMore())
                    {
                        var row = Row.Read(r);
                        ref int slot = ref table.GetOrAdd(row.Key, out bool added);
                        if (added)
                        {
                            slot = best.Count;
                            best.Add(row);
                        }
                        else if (row.CompareTo(best[slot]) > 0)
                        {
                            best[slot] = row;
                        }
                    }
                }

                best.Sort(static (x, y) => y.CompareTo(x));
                using var run = new BinaryWriter(directory.CreateFile(RunName(p)));
                foreach (var row in best)
                {
                    row.Write(run, record);
                }
            }
        }

        return count;
    }

    private static (ScanChunk Chunk, ChunkReport Report, List<Row> Rows) ReadRows(ScanChunk chunk)
    {
        var rows = new List<Row>();
        var report = ParallelScan.ReadLines(chunk, (line, offset) =>
        {
            if (!SessionRowReader.TryRead(line, out var facts, out string? reason))
            {
                return reason;
            }

            rows.Add(new Row(KeyHash.Hash128(facts.SessionId), chunk.FileIndex, facts.ClosedTicks, offset));
            return null;
        });
        return (chunk, report, rows);
    }

    private static string RunName(int p) => $"run-{p:D3}.bin";

    /// <summary>A summary row competing to be its session's latest. Greater is newer: the precedence rule and the stream's order at once.</summary>
    private readonly record struct Row(UInt128 Key, int File, long Closed, long Offset) : IComparable<Row>
    {
        public int CompareTo(Row other) =>
            File != other.File ? File.CompareTo(other.File) : Closed != other.Closed ? Closed.CompareTo(other.Closed) : Offset.CompareTo(other.Offset);

        public void Write(BinaryWriter w, byte[] record)
        {
            BinaryPrimitives.WriteUInt128LittleEndian(record, Key);
            BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(16), File);
            BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(20), Closed);
            BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(28), Offset);
            w.Write(record);
        }

        public static Row Read(BinaryReader r)
        {
            Span<byte> b = stackalloc byte[RecordBytes];
            r.BaseStream.ReadExactly(b);
            return new Row(BinaryPrimitives.ReadUInt128LittleEndian(b), BinaryPrimitives.ReadInt32LittleEndian(b[16..]), BinaryPrimitives.ReadInt64LittleEndian(b[20..]), BinaryPrimitives.ReadInt64LittleEndian(b[28..]));
        }
    }
}
