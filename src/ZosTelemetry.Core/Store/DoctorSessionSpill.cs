// The doctor's session cross-checks (sessions without a summary, summaries without events, superseded summaries) for
// stores with more sessions than TelemetryStore.SpillThreshold, without a set of every session id per file: each
// usable event and summary row leaves a small record (id hash, kind, file, row, ts_closed) in hash partitions of
// scratch files (Store/Spill), and each partition is sorted and swept on its own. The counts are those of the
// in-memory path: distinct sessions per file, and the winner among a session's summaries is the latest ts_closed,
// then the later file, then the later row.
using System.Buffers.Binary;
using ZosTelemetry.Store.Spill;

namespace ZosTelemetry.Store;

internal sealed class DoctorSessionSpill : IDisposable
{
    private const int RecordBytes = 16 + 1 + 4 + 4 + 8;

    private readonly SpillDirectory directory = SpillDirectory.Create();
    private readonly SpillPartitions partitions;
    private readonly byte[] record = new byte[RecordBytes];

    public DoctorSessionSpill(long expectedSessions, int threshold)
    {
        try
        {
            partitions = new SpillPartitions(directory, "part", SpillPartitions.CountFor(expectedSessions, threshold));
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    public void Event(int file, string sessionId) => Write(new Entry(Hash(sessionId), false, file, 0, 0));

    public void Summary(int file, string sessionId, long closedTicks, int row) => Write(new Entry(Hash(sessionId), true, file, row, closedTicks));

    /// <summary>Per events file the sessions without a summary, per sessions file the sessions without events and the superseded rows.</summary>
    public (long[] WithoutSummary, long[] WithoutEvents, long[] Superseded) Count(int eventFiles, int sessionFiles)
    {
        partitions.Complete();
        var withoutSummary = new long[eventFiles];
        var withoutEvents = new long[sessionFiles];
        var superseded = new long[sessionFiles];
        var entries = new List<Entry>();
        Span<byte> b = stackalloc byte[RecordBytes];
        for (int p = 0; p < partitions.Count; p++)
        {
            entries.Clear();
            using (var r = partitions.Read(p))
            {
                while (r.HasMore())
                {
                    r.BaseStream.ReadExactly(b);
                    entries.Add(new Entry(BinaryPrimitives.ReadUInt128LittleEndian(b), b[16] == 1, BinaryPrimitives.ReadInt32LittleEndian(b[17..]),
                        BinaryPrimitives.ReadInt32LittleEndian(b[21..]), BinaryPrimitives.ReadInt64LittleEndian(b[25..])));
                }
            }

            // One session's entries together: events first, by file; then summaries by (ts_closed, file, row), the winner last.
            entries.Sort(static (x, y) =>
                x.Key != y.Key ? x.Key.CompareTo(y.Key)
                : x.IsSummary != y.IsSummary ? x.IsSummary.CompareTo(y.IsSummary)
                : x.Closed != y.Closed ? x.Closed.CompareTo(y.Closed)
                : x.File != y.File ? x.File.CompareTo(y.File)
                : x.Row.CompareTo(y.Row));
            for (int start = 0; start < entries.Count;)
            {
                int end = start;
                while (end < entries.Count && entries[end].Key == entries[start].Key)
                {
                    end++;
                }

                int summaries = start;
                while (summaries < end && !entries[summaries].IsSummary)
                {
                    summaries++;
                }

                bool hasEvents = summaries > start, hasSummary = summaries < end;
                for (int i = start; i < summaries; i++)
                {
                    if (!hasSummary && (i == start || entries[i].File != entries[i - 1].File))
                    {
                        withoutSummary[entries[i].File]++; // distinct per file: the events are sorted by file
                    }
                }

                if (!hasEvents)
                {
                    var files = new HashSet<int>();
                    for (int i = summaries; i < end; i++)
                    {
                        if (files.Add(entries[i].File))
                        {
                            withoutEvents[entries[i].File]++;
                        }
                    }
                }

                for (int i = summaries; i < end - 1; i++)
                {
                    superseded[entries[i].File]++; // every summary but the winner
                }

                start = end;
            }
        }

        return (withoutSummary, withoutEvents, superseded);
    }

    private static UInt128 Hash(string sessionId) => KeyHash.Hash128(System.Text.Encoding.UTF8.GetBytes(sessionId));

    private void Write(Entry e)
    {
        BinaryPrimitives.WriteUInt128LittleEndian(record, e.Key);
        record[16] = e.IsSummary ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(17), e.File);
        BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(21), e.Row);
        BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(25), e.Closed);
        partitions.Writer(partitions.Of(e.Key)).Write(record);
    }

    public void Dispose()
    {
        partitions.Dispose();
        directory.Dispose();
    }

    private readonly record struct Entry(UInt128 Key, bool IsSummary, int File, int Row, long Closed);
}
