// The latest summary row per session, found by scanning the sessions files in parallel without an object per row.
// Precedence, one rule for every reader: a row in a newer sessions file wins; within a file the later ts_closed,
// then the later line. Files are bucketed by ts_closed, so for rows our writers wrote this is simply "latest wins".
//
// Two ways to use it:
// - Stream: newest file first. The file's winners are found in a light parallel pass (id and ts_closed only), then
//   its rows are parsed and emitted newest ts_closed first. The first session appears after one month file has been
//   read, not the whole store, and memory holds ids and one month's summaries.
// - Collect: every file at once on all cores, keeping a small caller-chosen payload per winner (the comparison's
//   numbers), for consumers that need every session anyway.
using ZosTelemetry.Sessions;

namespace ZosTelemetry.Store;

internal static class SessionScan
{
    internal delegate T? FactsSelector<T>(in SessionFacts facts, UInt128 key)
        where T : struct;

    /// <summary>
    /// The stream in memory while the sessions files may hold up to <paramref name="spillThreshold"/> rows (estimated
    /// from their size); above that through scratch files (SessionStreamSpill), in the same order.
    /// </summary>
    public static IEnumerable<SessionSummary> Stream(string root, SessionQuery query, long chunkBytes, Action<StoreWarning>? warn, int spillThreshold)
    {
        var files = SinkFiles.List(root, SinkKind.Sessions);
        long rows = EstimatedRows(files);
        return rows > spillThreshold
            ? SessionStreamSpill.Stream(files, query, chunkBytes, warn, rows, spillThreshold)
            : StreamInMemory(files, query, chunkBytes, warn);
    }

    /// <summary>An upper estimate of the rows in the files, from their size.</summary>
    public static long EstimatedRows(IReadOnlyList<SinkFile> files) => files.Sum(f => SafeLength(f.Path)) / MinRowBytes;

    private static long SafeLength(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static IEnumerable<SessionSummary> StreamInMemory(IReadOnlyList<SinkFile> files, SessionQuery query, long chunkBytes, Action<StoreWarning>? warn)
    {
        var filter = new SessionFilter(query);
        var seen = new KeySet();
        for (int f = files.Count - 1; f >= 0; f--)
        {
            var chunks = ParallelScan.Split([files[f].Path], chunkBytes);

            // Pass 1: every row's id, ts_closed and offset, chunk by chunk; then the best row per id in this file.
            var parts = ParallelScan.Map(chunks, chunk =>
            {
                var rows = new List<Candidate>();
                var report = ParallelScan.ReadLines(chunk, (line, offset) =>
                {
                    if (!SessionRowReader.TryRead(line, out var facts, out string? reason))
                    {
                        return reason;
                    }

                    rows.Add(new Candidate(KeyHash.Hash128(facts.SessionId), 0, facts.ClosedTicks, offset, -1, -1));
                    return null;
                });
                return (Rows: rows, Report: report);
            });
            ParallelScan.Warn(chunks, parts.Select(p => p.Report).ToList(), warn);

            var table = new KeyTable(parts.Sum(p => p.Rows.Count));
            var best = new List<Candidate>();
            foreach (var part in parts)
            {
                Merge(table, best, part.Rows, file: 0, chunk: 0);
            }

            // A winner is the file's best row of an id that no newer file has.
            var winners = new bool[best.Count];
            int count = 0;
            for (int i = 0; i < best.Count; i++)
            {
                if (seen.Add(best[i].Key))
                {
                    winners[i] = true;
                    count++;
                }
            }

            if (count == 0)
            {
                continue;
            }

            // Pass 2: parse the winners, newest line first, then order the file's sessions by ts_closed, newest first
            // (a stable sort, so equal times keep the later line first). Line order alone is not time order: a merge
            // or an import appends old sessions after newer ones. Files are month buckets of ts_closed, so sorting
            // within a file orders the whole stream.
            var reversed = chunks.AsEnumerable().Reverse().ToList();
            var found = new List<SessionSummary>(count);
            foreach (var batch in ParallelScan.MapOrdered(reversed, chunk => ParseWinners(chunk, table, best, winners, filter)))
            {
                for (int i = batch.Count - 1; i >= 0; i--)
                {
                    found.Add(batch[i]);
                }
            }

            foreach (var session in found.OrderByDescending(x => x.ClosedAt))
            {
                yield return session;
            }
        }
    }

    private static List<SessionSummary> ParseWinners(ScanChunk chunk, KeyTable table, List<Candidate> best, bool[] winners, SessionFilter filter)
    {
        var found = new List<SessionSummary>();
        Utf8Names systems = new(), contexts = new(), models = new();
        ParallelScan.ReadLines(chunk, (line, offset) =>
        {
            // The offset check also guards against a file rewritten between the passes: then nothing matches.
            if (SessionRowReader.TryRead(line, out var facts, out _) && filter.Matches(facts))
            {
                int i = table.Get(KeyHash.Hash128(facts.SessionId));
                if (i >= 0 && winners[i] && best[i].Offset == offset)
                {
                    found.Add(SessionRowReader.ToSummary(facts, systems, contexts, models));
                }
            }

            return null;
        });
        return found;
    }

    /// <summary>
    /// The winners' payloads (selected from their facts; rows the selector returns null for still compete as ids),
    /// from every sessions file scanned at once on all cores, in the order their ids first appear in the store.
    /// </summary>
    public static List<T> Collect<T>(string root, long chunkBytes, Action<StoreWarning>? warn, FactsSelector<T> select)
        where T : struct
    {
        var files = SinkFiles.List(root, SinkKind.Sessions);
        var chunks = ParallelScan.Split(files.Select(f => f.Path).ToList(), chunkBytes);
        long bytes = files.Sum(f => new FileInfo(f.Path).Length);
        int expected = (int)Math.Min(bytes / MinRowBytes, 1 << 26);
        var table = new KeyTable(expected);
        var best = new List<Candidate>(expected);
        var payloads = new List<List<T>>();
        var numbering = new LineNumbering();
        foreach (var part in ParallelScan.MapOrdered(chunks, chunk => ReadCandidates(chunk, select, ExpectedRows(chunk))))
        {
            numbering.Report(part.Chunk, part.Report, warn);
            Merge(table, best, part.Candidates, part.Chunk.FileIndex, payloads.Count);
            payloads.Add(part.Payloads);
        }

        var winners = new List<T>(best.Count);
        foreach (var c in best)
        {
            if (c.Payload >= 0)
            {
                winners.Add(payloads[c.Chunk][c.Payload]);
            }
        }

        return winners;
    }

    // A summary row is rarely shorter than this: lists sized by it hold a chunk's rows without growing (each doubling of
    // a list of a million rows would touch megabytes of fresh pages) and waste little where rows are longer.
    private const long MinRowBytes = 256;

    private static int ExpectedRows(ScanChunk chunk)
    {
        long end = chunk.To;
        if (chunk.IsLastOfFile)
        {
            try
            {
                end = new FileInfo(chunk.Path).Length; // the last chunk is open-ended: its file's length now
            }
            catch (IOException)
            {
                end = chunk.From;
            }
        }

        return (int)(Math.Clamp(end - chunk.From, 0, int.MaxValue / 2) / MinRowBytes) + 1;
    }

    /// <summary>Folds rows (in file order) into the best row per id under the precedence rule.</summary>
    private static void Merge(KeyTable table, List<Candidate> best, List<Candidate> rows, int file, int chunk)
    {
        foreach (var row in rows)
        {
            var candidate = row with { File = file, Chunk = chunk };
            ref int slot = ref table.GetOrAdd(candidate.Key, out bool added);
            if (added)
            {
                slot = best.Count;
                best.Add(candidate);
            }
            else if (candidate.Beats(best[slot]))
            {
                best[slot] = candidate;
            }
        }
    }

    private static (ScanChunk Chunk, ChunkReport Report, List<Candidate> Candidates, List<T> Payloads) ReadCandidates<T>(ScanChunk chunk, FactsSelector<T> select, int expectedRows)
        where T : struct
    {
        var candidates = new List<Candidate>(expectedRows);
        var payloads = new List<T>(expectedRows);
        var report = ParallelScan.ReadLines(chunk, (line, offset) =>
        {
            if (!SessionRowReader.TryRead(line, out var facts, out string? reason))
            {
                return reason;
            }

            var key = KeyHash.Hash128(facts.SessionId);
            int payload = -1;
            if (select(facts, key) is T value)
            {
                payload = payloads.Count;
                payloads.Add(value);
            }

            candidates.Add(new Candidate(key, 0, facts.ClosedTicks, offset, -1, payload));
            return null;
        });
        return (chunk, report, candidates, payloads);
    }

    /// <summary>One row competing to be its session's latest: where it is, when it was closed, what it carries.</summary>
    private readonly record struct Candidate(UInt128 Key, int File, long Closed, long Offset, int Chunk, int Payload)
    {
        public bool Beats(Candidate other) =>
            File != other.File ? File > other.File : Closed != other.Closed ? Closed > other.Closed : Offset > other.Offset;
    }
}

/// <summary>A SessionQuery prepared for scans: names as UTF-8 bytes, bounds as UTC ticks.</summary>
internal sealed class SessionFilter(SessionQuery query)
{
    private readonly byte[]? sessionId = Utf8OrNull(query.SessionId);
    private readonly byte[]? system = Utf8OrNull(query.System);
    private readonly byte[]? context = Utf8OrNull(query.Context);
    private readonly byte[]? model = Utf8OrNull(query.Model);
    private readonly long since = query.Since?.UtcTicks ?? long.MinValue;
    private readonly long until = query.Until?.UtcTicks ?? long.MaxValue;

    public bool Matches(in SessionFacts s) =>
        (sessionId is null || s.SessionId.SequenceEqual(sessionId))
        && (system is null || s.System.SequenceEqual(system))
        && (context is null || (s.HasContext && s.Context.SequenceEqual(context)))
        && (model is null || (s.HasModel && s.Model.SequenceEqual(model)))
        && s.LastTicks >= since
        && s.LastTicks < until;

    private static byte[]? Utf8OrNull(string? s) => s is null ? null : System.Text.Encoding.UTF8.GetBytes(s);
}
