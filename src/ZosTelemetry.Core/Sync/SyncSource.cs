// What a sync sends: every sink file's rows past its cursor, read as a merge reads a source store. Events pass the
// append validator, summaries the session contract, and each row only when its family (schemas/index.json) allows it
// to leave the machine, asked of the contract registry as merge and export ask it; a content-bearing family stops the
// sync outright. Rows go out in RowCodec's canonical form, so fields a reader does not know never leave the machine.
using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using ZosTelemetry.Alerts;
using ZosTelemetry.Contracts;
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;
using ZosTelemetry.Snapshots;
using ZosTelemetry.Store;

namespace ZosTelemetry.Sync;

public sealed class SyncSource
{
    public const string Action = "sync";

    private readonly TelemetryStore store;
    private readonly ContractRegistry registry;
    private readonly Func<DateTimeOffset> clock;
    private readonly Action<StoreWarning>? warn;

    public SyncSource(TelemetryStore store, ContractRegistry? registry = null, Func<DateTimeOffset>? clock = null, Action<StoreWarning>? onWarning = null)
    {
        this.store = store;
        this.registry = registry ?? ContractRegistry.Embedded;
        this.clock = clock ?? (() => DateTimeOffset.UtcNow);
        warn = onWarning;
    }

    /// <summary>Rows kept home because their family's transmission class does not allow them out.</summary>
    public long RowsLocalOnly { get; private set; }

    /// <summary>Unreadable or refused rows, skipped with a warning (they are never sent).</summary>
    public long RowsSkipped { get; private set; }

    /// <summary>The highest sensitivity class among the rows read for sending ("" when none).</summary>
    public string SensitivityClass { get; private set; } = "";

    /// <summary>
    /// The rows past each file's cursor, in batches of at most batchRows rows of one file, files in maintenance order
    /// (events, sessions, snapshots, alerts; oldest month first). A last line without its newline is left for the next
    /// sync: a writer may be in the middle of it.
    /// </summary>
    public IEnumerable<SyncBatch> Batches(SyncCursors cursors, int batchRows = 2000)
    {
        foreach (var kind in SinkFiles.AllKinds)
        {
            foreach (var file in SinkFiles.List(store.Root, kind))
            {
                string name = Path.GetFileName(file.Path);
                var cursor = cursors.Of(name);
                long length = new FileInfo(file.Path).Length;
                if (cursor.Offset > length || (cursor.Offset > 0 && TailOf(file.Path, cursor.Offset) != cursor.Tail))
                {
                    store.Observer?.Verbose($"{file.Path} changed under its sync cursor (rewritten by prune or repair): sending it again from the start.");
                    cursor = SyncFileCursor.Start;
                }

                if (cursor.Offset == length)
                {
                    continue;
                }

                foreach (var batch in ReadFile(file, name, cursor.Offset, batchRows))
                {
                    yield return batch;
                }
            }
        }
    }

    private IEnumerable<SyncBatch> ReadFile(SinkFile file, string name, long from, int batchRows)
    {
        DateTimeOffset now = clock();
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<SyncRow>(Math.Min(batchRows, 1024));
        long end = from;
        using (var reader = new JsonlReader(file.Path))
        {
            while (true)
            {
                // Spans cannot live across a yield, so each line is read and turned into a row outside the iterator.
                var step = Next(reader, file, from, now, occurrences, out var row);
                if (step == Step.End)
                {
                    break;
                }

                if (step == Step.Unterminated)
                {
                    break;
                }

                if (step == Step.Row)
                {
                    rows.Add(row!);
                }

                if (reader.LineOffset >= from)
                {
                    end = reader.LineOffset + reader.LineLength + 1;
                }

                if (rows.Count >= batchRows)
                {
                    yield return new SyncBatch { File = name, Rows = rows, CursorAfter = new SyncFileCursor(end, TailOf(file.Path, end)) };
                    rows = new List<SyncRow>(Math.Min(batchRows, 1024));
                }
            }
        }

        if (rows.Count > 0 || end > from)
        {
            yield return new SyncBatch { File = name, Rows = rows, CursorAfter = new SyncFileCursor(end, TailOf(file.Path, end)) };
        }
    }

    private enum Step
    {
        End,
        Unterminated,
        Skipped,
        Row,
    }

    private Step Next(JsonlReader reader, SinkFile file, long from, DateTimeOffset now, Dictionary<string, int> occurrences, out SyncRow? row)
    {
        row = null;
        if (!reader.TryReadLine(out var line))
        {
            return Step.End;
        }

        if (reader.LastLineUnterminated)
        {
            return Step.Unterminated;
        }

        bool past = reader.LineOffset >= from;
        if (line.Trim(" \t"u8).IsEmpty)
        {
            return Step.Skipped;
        }

        // Before the cursor only id-less rows are read, to count their occurrences: an event with an id is its id.
        if (!past && file.Kind == SinkKind.Events && line.IndexOf("\"event_id\""u8) >= 0)
        {
            return Step.Skipped;
        }

        row = file.Kind switch
        {
            SinkKind.Events => EventRow(line, file, reader.LineNumber, now, past),
            SinkKind.Sessions => SessionRow(line, file, reader.LineNumber, past),
            SinkKind.Snapshots => SnapshotRow(line, file, reader.LineNumber, past),
            _ => AlertRow(line, file, reader.LineNumber, past),
        };
        if (row is null)
        {
            return Step.Skipped;
        }

        if (row.Key.StartsWith("h:", StringComparison.Ordinal))
        {
            int n = occurrences.GetValueOrDefault(row.Key) + 1;
            occurrences[row.Key] = n;
            row = Numbered(row, n);
        }

        if (!past)
        {
            row = null;
            return Step.Skipped;
        }

        return Step.Row;
    }

    private SyncRow? EventRow(ReadOnlySpan<byte> line, SinkFile file, long lineNumber, DateTimeOffset now, bool past)
    {
        if (!RowCodec.TryParseEvent(line, out var parsed, out string? reason) || parsed is null)
        {
            return Skip(file, lineNumber, reason, past);
        }

        TelemetryEvent e;
        try
        {
            e = EventValidator.Validate(parsed, now);
        }
        catch (TelemetryValidationException ex)
        {
            // The message never quotes the refused value: the row's text may be what someone typed.
            return Skip(file, lineNumber, "refused: " + ex.Message, past);
        }

        var family = registry.FamilyOfKind(e.Kind);
        if (!Allowed(family, past))
        {
            return null;
        }

        string canonical = Canonical(buffer => RowCodec.WriteEvent(buffer, e));
        return new SyncRow
        {
            Sink = SinkKind.Events,
            Key = string.IsNullOrEmpty(e.EventId) ? IdentityKey(canonical) : "e:" + e.EventId,
            File = Path.GetFileName(file.Path),
            Timestamp = e.Timestamp,
            SessionId = e.SessionId,
            System = e.System,
            Kind = e.Kind,
            Model = e.Model,
            TokensIn = e.TokensIn,
            TokensOut = e.TokensOut,
            CostUsd = e.CostUsd,
            Line = canonical,
        };
    }

    private SyncRow? SessionRow(ReadOnlySpan<byte> line, SinkFile file, long lineNumber, bool past)
    {
        if (!RowCodec.TryParseSession(line, out var s, out string? reason) || s is null)
        {
            return Skip(file, lineNumber, reason, past);
        }

        try
        {
            ContractCheck.ValidateSession(s);
        }
        catch (TelemetryValidationException ex)
        {
            return Skip(file, lineNumber, "refused: " + ex.Message, past);
        }

        if (!Allowed(FamilyOf(RowTypes.SessionSummary), past))
        {
            return null;
        }

        string canonical = Canonical(buffer => RowCodec.WriteSession(buffer, s));
        return new SyncRow
        {
            Sink = SinkKind.Sessions, Key = IdentityKey(canonical), File = Path.GetFileName(file.Path), Timestamp = s.ClosedAt,
            SessionId = s.SessionId, System = s.System, Model = s.Model, TokensIn = s.TokensIn, TokensOut = s.TokensOut, Line = canonical,
        };
    }

    private SyncRow? SnapshotRow(ReadOnlySpan<byte> line, SinkFile file, long lineNumber, bool past)
    {
        if (!SnapshotRowCodec.TryParse(line, out var s, out string? reason) || s is null)
        {
            return Skip(file, lineNumber, reason, past);
        }

        if (!Allowed(FamilyOf(RowTypes.QualitySnapshot), past))
        {
            return null;
        }

        string canonical = Encoding.UTF8.GetString(SnapshotRowCodec.Line(s)).TrimEnd('\n');
        return new SyncRow
        {
            Sink = SinkKind.Snapshots, Key = IdentityKey(canonical), File = Path.GetFileName(file.Path), Timestamp = s.Timestamp,
            SessionId = "", System = s.System, Line = canonical,
        };
    }

    private SyncRow? AlertRow(ReadOnlySpan<byte> line, SinkFile file, long lineNumber, bool past)
    {
        if (!RowCodec.TryParseAlert(line, out TelemetryAlert? a, out string? reason) || a is null)
        {
            return Skip(file, lineNumber, reason, past);
        }

        if (!Allowed(FamilyOf(RowTypes.Alert), past))
        {
            return null;
        }

        string canonical = Canonical(buffer => RowCodec.WriteAlert(buffer, a));
        return new SyncRow
        {
            Sink = SinkKind.Alerts, Key = IdentityKey(canonical), File = Path.GetFileName(file.Path), Timestamp = a.Timestamp,
            SessionId = a.SessionId, System = a.System, Kind = a.Type, CostUsd = a.CostUsd, Line = canonical,
        };
    }

    private TelemetryFamily FamilyOf(string rowType) =>
        registry.FamilyOfRowType(rowType) ?? throw new ContractViolationException($"{Action} refused: the registry declares no {rowType} family.");

    private bool Allowed(TelemetryFamily family, bool past)
    {
        if (!ContractRegistry.AllowsExport(family, Action))
        {
            RowsLocalOnly += past ? 1 : 0;
            return false;
        }

        if (past)
        {
            SensitivityClass = ContractRegistry.Higher(SensitivityClass.Length == 0 ? null : SensitivityClass, family.SensitivityClass);
        }

        return true;
    }

    private SyncRow? Skip(SinkFile file, long lineNumber, string? reason, bool past)
    {
        if (past)
        {
            RowsSkipped++;
            // The JSON parser's reason quotes the line, which may be what someone typed: a sync's warning never does.
            string why = reason is null ? "unreadable row" : reason.StartsWith("malformed JSON", StringComparison.Ordinal) ? "malformed JSON" : reason;
            warn?.Invoke(new StoreWarning(file.Path, lineNumber, why + "; not sent"));
        }

        return null;
    }

    private static SyncRow Numbered(SyncRow row, int n) => new()
    {
        Sink = row.Sink, Key = row.Key + ":" + n.ToString(System.Globalization.CultureInfo.InvariantCulture), File = row.File,
        Timestamp = row.Timestamp, SessionId = row.SessionId, System = row.System, Kind = row.Kind, Model = row.Model,
        TokensIn = row.TokensIn, TokensOut = row.TokensOut, CostUsd = row.CostUsd, Line = row.Line,
    };

    private static string Canonical(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        write(buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string IdentityKey(string canonical) =>
        "h:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)).AsSpan(0, 16)).ToLowerInvariant();

    /// <summary>
    /// A digest of the first and the last few kilobytes before offset: what a prune (rows gone from the start) or a
    /// repair (lines gone from anywhere, the file shorter) changes, read in two small reads however large the file.
    /// </summary>
    internal static string TailOf(string path, long offset)
    {
        if (offset <= 0)
        {
            return "";
        }

        int count = (int)Math.Min(SyncCursors.TailBytes, offset);
        var bytes = new byte[2 * count];
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            stream.ReadExactly(bytes, 0, count);
            stream.Seek(offset - count, SeekOrigin.Begin);
            stream.ReadExactly(bytes, count, count);
        }

        return Convert.ToHexString(SHA256.HashData(bytes).AsSpan(0, 8)).ToLowerInvariant();
    }
}
