// The comparison's read (TelemetryStore.ReadLatestSessionsOf) for stores with more sessions than
// TelemetryStore.SpillThreshold, without a table of every session id: every summary row's id hash, file, ts_closed and
// offset (and, for rows of the two systems, the numbers the comparison uses) go to hash partitions in scratch files
// (Store/Spill); each partition finds its ids' latest rows under the one precedence rule (SessionScan: newer file,
// then later ts_closed, then later line) and where each id first appears; the winners of the two systems are written
// as runs sorted in the in-memory path's order and merged. The sessions come out in exactly the order
// SessionScan.Collect (plus its sort below orderBelow) gives them, so the bootstrap draws the same values.
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store.Spill;

namespace ZosTelemetry.Store;

internal static class LatestSessionsSpill
{
    private const int RowBytes = 16 + 4 + 8 + 8 + 1;
    private const int RunBytes = 8 + SessionNumbers.Bytes;

    public static IEnumerable<SessionSummary> Read(SpillDirectory directory, IReadOnlyList<SinkFile> files, long chunkBytes, Action<StoreWarning>? warn,
        long expectedRows, int threshold, string systemA, string systemB, int orderBelow)
    {
        var (runs, order) = Partition(directory, files, chunkBytes, warn, expectedRows, threshold, systemA, systemB, orderBelow);
        var readers = new List<BinaryReader>();
        try
        {
            var queue = new PriorityQueue<int, Winner>(Comparer<Winner>.Create(order));
            for (int p = 0; p < runs; p++)
            {
                var r = new BinaryReader(directory.OpenRead(RunName(p)));
                readers.Add(r);
                if (r.HasMore())
                {
                    queue.Enqueue(p, Winner.Read(r));
                }
            }

            while (queue.TryDequeue(out int p, out var winner))
            {
                yield return winner.Numbers.ToSummary(winner.Numbers.IsA ? systemA : systemB);
                if (readers[p].HasMore())
                {
                    queue.Enqueue(p, Winner.Read(readers[p]));
                }
            }
        }
        finally
        {
            foreach (var r in readers)
            {
                r.Dispose();
            }
        }
    }

    /// <summary>Every row into partitions, then each partition's winners as a run in the final order; returns the run count and the order.</summary>
    private static (int Runs, Comparison<Winner> Order) Partition(SpillDirectory directory, IReadOnlyList<SinkFile> files, long chunkBytes, Action<StoreWarning>? warn,
        long expectedRows, int threshold, string systemA, string systemB, int orderBelow)
    {
        byte[] a = System.Text.Encoding.UTF8.GetBytes(systemA), b = System.Text.Encoding.UTF8.GetBytes(systemB);
        var chunks = ParallelScan.Split(files.Select(f => f.Path).ToList(), chunkBytes);
        var numbering = new LineNumbering();
        int count;
        long winners = 0;
        using (var partitions = new SpillPartitions(directory, "latest", SpillPartitions.CountFor(expectedRows, threshold)))
        {
            count = partitions.Count;
            var record = new byte[RowBytes + SessionNumbers.Bytes];
            foreach (var (chunk, report, rows) in ParallelScan.MapOrdered(chunks, chunk => ReadRows(chunk, a, b)))
            {
                numbering.Report(chunk, report, warn); // warnings as Collect gives them: in chunk order
                foreach (var row in rows)
                {
                    row.Write(partitions.Writer(partitions.Of(row.Key)), record);
                }
            }

            partitions.Complete();

            // Each partition's winners of the two systems, with where their id first appears (the partition's rows
            // are in store order, so that is the id's first row).
            for (int p = 0; p < count; p++)
            {
                var table = new KeyTable();
                var best = new List<Row>();
                var first = new List<long>(); // file << 40 | offset: files are few, offsets below 1 TB
                using (var r = partitions.Read(p))
                {
                    while (r.HasMore())
                    {
                        var row = Row.Read(r, record);
                        ref int slot = ref table.GetOrAdd(row.Key, out bool added);
                        if (added)
                        {
                            slot = best.Count;
                            best.Add(row);
                            first.Add(((long)row.File << 40) | row.Offset);
                        }
                        else if (row.Beats(best[slot]))
                        {
                            best[slot] = row;
                        }
                    }
                }

                partitions.Delete(p); // its rows are in the table now; scratch holds one copy of the winners at a time
                using var output = new BinaryWriter(directory.CreateFile(WinnersName(p)));
                var run = new byte[RunBytes];
                for (int i = 0; i < best.Count; i++)
                {
                    if (best[i].Numbers is SessionNumbers n)
                    {
                        new Winner(first[i], n).Write(output, run);
                        winners++;
                    }
                }
            }
        }

        // As on the in-memory path: up to orderBelow sessions by first activity, then id hash; above, by first appearance.
        Comparison<Winner> order = winners <= orderBelow
            ? static (x, y) => SessionNumbers.ScanOrder(x.Numbers, y.Numbers)
            : static (x, y) => x.First.CompareTo(y.First);
        var buffer = new byte[RunBytes];
        for (int p = 0; p < count; p++)
        {
            var list = new List<Winner>();
            using (var r = new BinaryReader(directory.OpenRead(WinnersName(p))))
            {
                while (r.HasMore())
                {
                    list.Add(Winner.Read(r));
                }
            }

            list.Sort(order);
            using var output = new BinaryWriter(directory.CreateFile(RunName(p)));
            foreach (var w in list)
            {
                w.Write(output, buffer);
            }

            File.Delete(Path.Combine(directory.Path, WinnersName(p)));
        }

        return (count, order);
    }

    private static (ScanChunk Chunk, ChunkReport Report, List<Row> Rows) ReadRows(ScanChunk chunk, byte[] a, byte[] b)
    {
        var rows = new List<Row>();
        var report = ParallelScan.ReadLines(chunk, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (line, offset) =>
        {
            if (!SessionRowReader.TryRead(line, out var facts, out string? reason))
            {
                return reason;
            }

            var key = KeyHash.Hash128(facts.SessionId);
            SessionNumbers? numbers = facts.System.SequenceEqual(a) ? new SessionNumbers(facts, key, true) : facts.System.SequenceEqual(b) ? new SessionNumbers(facts, key, false) : null;
            rows.Add(new Row(key, chunk.FileIndex, facts.ClosedTicks, offset, numbers));
            return null;
        });
        return (chunk, report, rows);
    }

    private static string WinnersName(int p) => $"winners-{p:D3}.bin";

    private static string RunName(int p) => $"run-{p:D3}.bin";

    /// <summary>A winner of one of the two systems and where its id first appears in the store (file &lt;&lt; 40 | offset).</summary>
    private readonly record struct Winner(long First, SessionNumbers Numbers)
    {
        public void Write(BinaryWriter w, byte[] record)
        {
            BinaryPrimitives.WriteInt64LittleEndian(record, First);
            Numbers.Write(record.AsSpan(8));
            w.Write(record, 0, RunBytes);
        }

        public static Winner Read(BinaryReader r)
        {
            Span<byte> b = stackalloc byte[RunBytes];
            r.BaseStream.ReadExactly(b);
            return new Winner(BinaryPrimitives.ReadInt64LittleEndian(b), SessionNumbers.Read(b[8..]));
        }
    }

    /// <summary>A summary row competing to be its session's latest, with its numbers where it is of one of the two systems.</summary>
    private readonly record struct Row(UInt128 Key, int File, long Closed, long Offset, SessionNumbers? Numbers)
    {
        public bool Beats(Row other) =>
            File != other.File ? File > other.File : Closed != other.Closed ? Closed > other.Closed : Offset > other.Offset;

        public void Write(BinaryWriter w, byte[] record)
        {
            BinaryPrimitives.WriteUInt128LittleEndian(record, Key);
            BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(16), File);
            BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(20), Closed);
            BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(28), Offset);
            record[36] = Numbers is null ? (byte)0 : (byte)1;
            Numbers?.Write(record.AsSpan(RowBytes));
            w.Write(record, 0, Numbers is null ? RowBytes : RowBytes + SessionNumbers.Bytes);
        }

        public static Row Read(BinaryReader r, byte[] record)
        {
            r.BaseStream.ReadExactly(record, 0, RowBytes);
            SessionNumbers? numbers = null;
            if (record[36] != 0)
            {
                r.BaseStream.ReadExactly(record, RowBytes, SessionNumbers.Bytes);
                numbers = SessionNumbers.Read(record.AsSpan(RowBytes));
            }

            return new Row(BinaryPrimitives.ReadUInt128LittleEndian(record), BinaryPrimitives.ReadInt32LittleEndian(record.AsSpan(16)),
                BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(20)), BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(28)), numbers);
        }
    }
}
