// The append-only store under one root: events-YYYY-MM.jsonl (bucketed by the event's ts) and
// sessions-YYYY-MM.jsonl (bucketed by ts_closed). Writers validate everything before they touch a file,
// so a refused batch writes nothing; readers skip unusable rows with a warning instead of failing.
using System.Buffers;
using ZosTelemetry.Detection;
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;

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

    /// <summary>Validates every event, then appends them all; a refused event means nothing is written. Events without an id get a new random one.</summary>
    public IReadOnlyList<TelemetryEvent> Append(IEnumerable<TelemetryEvent> events)
    {
        DateTimeOffset now = clock();
        var valid = events.Select(e => EventValidator.Validate(e, now)).Select(e => e.EventId is null ? e.WithEventId(EventIds.New()) : e).ToList();
        if (valid.Count == 0)
        {
            return valid;
        }

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
        return valid;
    }

    public TelemetryEvent Append(TelemetryEvent e) => Append([e])[0];

    /// <summary>Streams the events that match, oldest month file first, in file order.</summary>
    public IEnumerable<TelemetryEvent> ReadEvents(EventQuery? query = null)
    {
        query ??= new EventQuery();
        foreach (var file in SinkFiles.List(Root, SinkKind.Events))
        {
            if (!query.MayContain(file))
            {
                continue;
            }

            foreach (var e in ReadRows<TelemetryEvent>(file.Path, ParseEvent))
            {
                if (query.Matches(e))
                {
                    yield return e;
                }
            }
        }
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

    /// <summary>The latest summary row per session (by ts_closed, then by position), so a re-closed session counts once.</summary>
    public IReadOnlyList<SessionSummary> ReadSessions(SessionQuery? query = null)
    {
        var latest = new Dictionary<string, SessionSummary>(StringComparer.Ordinal);
        foreach (var s in ReadSessionRows())
        {
            if (!latest.TryGetValue(s.SessionId, out var seen) || s.ClosedAt >= seen.ClosedAt)
            {
                latest[s.SessionId] = s;
            }
        }

        query ??= new SessionQuery();
        return latest.Values
            .Where(query.Matches)
            .OrderBy(s => s.FirstTimestamp)
            .ThenBy(s => s.SessionId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Summarises a session from all its events and appends the summary row. Closing again writes a newer row.
    /// Events without a recorded cost are priced with costs (default: the shipped prices) as of this close.
    /// </summary>
    public SessionSummary Close(string sessionId, Pricing.CostResolver? costs = null)
    {
        EventValidator.ValidateSessionId(sessionId);
        var acc = new SessionAccumulator(sessionId, costs);
        foreach (var e in ReadEvents(new EventQuery { SessionId = sessionId }))
        {
            acc.Add(e);
        }

        if (acc.Events == 0)
        {
            throw new SessionNotFoundException(sessionId);
        }

        DateTimeOffset now = clock();
        var closedAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var summary = acc.ToSummary(closedAt, CorrectionDetector.Version);
        var buffer = new ArrayBufferWriter<byte>(512);
        RowCodec.WriteSession(buffer, summary);
        buffer.Write("\n"u8);
        WriteLocked(new SortedDictionary<string, ArrayBufferWriter<byte>>(StringComparer.Ordinal)
        {
            [SinkFiles.FileName(SinkKind.Sessions, closedAt)] = buffer,
        });
        return summary;
    }

    /// <summary>
    /// Appends summary rows computed by the caller from events it has just appended (the log importer closes
    /// thousands of sessions at once and summarises them in one pass instead of one store scan per Close).
    /// </summary>
    public void AppendSessions(IReadOnlyCollection<SessionSummary> summaries)
    {
        var buffers = new SortedDictionary<string, ArrayBufferWriter<byte>>(StringComparer.Ordinal);
        foreach (var s in summaries)
        {
            EventValidator.ValidateSessionId(s.SessionId);
            EventValidator.ValidateName("system", s.System, required: true);
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

    /// <summary>The distinct system names in the store's summaries and in the newest events file, for tab completion.</summary>
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

        return names.ToList();
    }

    private void WriteLocked(SortedDictionary<string, ArrayBufferWriter<byte>> buffers) =>
        LockedAppend.Write(Root, LockTimeout, buffers);

    private delegate bool RowParser<T>(ReadOnlySpan<byte> line, out T? row, out string? reason);

    private static bool ParseEvent(ReadOnlySpan<byte> line, out TelemetryEvent? row, out string? reason) =>
        RowCodec.TryParseEvent(line, out row, out reason);

    private static bool ParseSession(ReadOnlySpan<byte> line, out SessionSummary? row, out string? reason) =>
        RowCodec.TryParseSession(line, out row, out reason);

    private IEnumerable<T> ReadRows<T>(string path, RowParser<T> parse)
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
