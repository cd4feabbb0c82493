// The snapshots sink: how quality snapshots are appended and read. It adds no machinery of its own: rows go through
// LockedAppend (the store's lock, month buckets, all-or-nothing across files), forward reads through the store's row
// reader (unusable rows warned about and skipped), and "the newest N" through ReverseLineReader, which reads month
// files from their end and stops at N, so its cost follows N and not the size of the store.
using System.Buffers;
using ZosTelemetry.Events;
using ZosTelemetry.Snapshots;

namespace ZosTelemetry.Store;

internal static class SnapshotSink
{
    /// <summary>
    /// Writes the builder's snapshot, computed now, and one suggestion event per suggested record (at the record's ts,
    /// else now; in the session snapshot-yyyyMMddTHHmmssfffZ of this snapshot), both in one locked write: a failure
    /// leaves every file as it was. suggestions_per_day counts the suggestion events of the snapshot's system on its
    /// UTC day, these included.
    /// </summary>
    public static QualitySnapshot Append(TelemetryStore store, SnapshotBuilder builder)
    {
        DateTimeOffset now = store.Now();
        now = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var options = builder.Options;
        string session = "snapshot-" + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var suggestions = new List<TelemetryEvent>(builder.Suggested.Count);
        string[] ids = builder.Suggested.Count == 0 ? [] : EventIds.New(builder.Suggested.Count);
        for (int i = 0; i < builder.Suggested.Count; i++)
        {
            suggestions.Add(EventValidator.Validate(
                new TelemetryEvent
                {
                    Timestamp = builder.Suggested[i] ?? now, SessionId = session, System = options.System, Kind = EventKinds.Suggestion,
                    User = options.User, EventId = ids[i],
                },
                now));
        }

        DateTimeOffset day = Day(now);
        long count = CountSuggestions(store, options.System, day) + suggestions.Count(e => Day(e.Timestamp) == day);
        var snapshot = builder.Build(now, count);
        SnapshotRules.ValidateRow(snapshot);

        var buffers = new SortedDictionary<string, ArrayBufferWriter<byte>>(StringComparer.Ordinal);
        foreach (var e in suggestions)
        {
            RowCodec.WriteEvent(Buffer(buffers, SinkFiles.FileName(SinkKind.Events, e.Timestamp)), e);
            Buffer(buffers, SinkFiles.FileName(SinkKind.Events, e.Timestamp)).Write("\n"u8);
        }

        Buffer(buffers, SinkFiles.FileName(SinkKind.Snapshots, snapshot.Timestamp)).Write(SnapshotRowCodec.Line(snapshot));
        LockedAppend.Write(store.Root, store.LockTimeout, buffers);
        return snapshot;
    }

    public static IEnumerable<QualitySnapshot> Read(TelemetryStore store, SnapshotQuery query)
    {
        if (query.Last is int last)
        {
            return last < 0 ? throw new ArgumentException("The number of snapshots to read is 0 or more.") : ReadLast(store, query, last);
        }

        return ReadAll(store, query);
    }

    /// <summary>The suggestion events of a system on the UTC day that starts at day.</summary>
    public static long CountSuggestions(TelemetryStore store, string system, DateTimeOffset day)
    {
        long n = 0;
        foreach (var _ in store.ReadEvents(new EventQuery { System = system, Kind = EventKinds.Suggestion, Since = day, Until = day.AddDays(1) }))
        {
            n++;
        }

        return n;
    }

    public static DateTimeOffset Day(DateTimeOffset ts) => new(ts.UtcDateTime.Date, TimeSpan.Zero);

    private static IEnumerable<QualitySnapshot> ReadAll(TelemetryStore store, SnapshotQuery query)
    {
        foreach (var file in SinkFiles.List(store.Root, SinkKind.Snapshots))
        {
            if (!query.MayContain(file))
            {
                continue;
            }

            foreach (var s in store.ReadRows<QualitySnapshot>(file.Path, SnapshotRowCodec.TryParse))
            {
                if (query.Matches(s))
                {
                    yield return s;
                }
            }
        }
    }

    /// <summary>Newest month file first, each from its last line back, until N match; returned oldest first.</summary>
    private static List<QualitySnapshot> ReadLast(TelemetryStore store, SnapshotQuery query, int last)
    {
        var found = new List<QualitySnapshot>(Math.Min(last, 4096));
        var files = SinkFiles.List(store.Root, SinkKind.Snapshots);
        for (int f = files.Count - 1; f >= 0 && found.Count < last; f--)
        {
            var file = files[f];
            if (!query.MayContain(file))
            {
                continue;
            }

            ReverseLineReader.Read(file.Path, line =>
            {
                if (!SnapshotRowCodec.TryParse(line, out var s, out string? reason))
                {
                    store.Warn(new StoreWarning(file.Path, 0, reason + " (line read from the end of the file; run doctor for its number)"));
                }
                else if (query.Matches(s!))
                {
                    found.Add(s!);
                }

                return found.Count < last;
            });
        }

        found.Reverse();
        return found;
    }

    private static ArrayBufferWriter<byte> Buffer(SortedDictionary<string, ArrayBufferWriter<byte>> buffers, string file)
    {
        if (!buffers.TryGetValue(file, out var buffer))
        {
            buffers[file] = buffer = new ArrayBufferWriter<byte>(512);
        }

        return buffer;
    }
}
