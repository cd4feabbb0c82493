// The latest summary row per session, found by scanning the sessions files in parallel without an object per row.
// Precedence, one rule for every reader: a row in a newer sessions file wins; within a file the later ts_closed,
// then the later line. Files are bucketed by ts_closed, so for rows our writers wrote this is simply "latest wins".
//
// Two ways to use it:
// - Stream: newest file first. The file's winners are found in a light parallel pass (id and ts_closed only), then
//   its rows are parsed and emitted newest line first. The first session appears after one month file has been
//   read, not the whole store, and memory holds ids, never summaries.
// - Collect: every file at once on all cores, keeping a small caller-chosen payload per winner (the comparison's
//   numbers), for consumers that need every session anyway.
using System.Runtime.CompilerServices;
using ZosTelemetry.Sessions;

namespace ZosTelemetry.Store;

internal static class SessionScan
{
    internal delegate T? FactsSelector<T>(in SessionFacts facts)
        where T : struct;

    public static IEnumerable<SessionSummary> Stream(string root, SessionQuery query, long chunkBytes, Action<StoreWarning>? warn)
    {
        var filter = new SessionFilter(query);
        var files = SinkFiles.List(root, SinkKind.Sessions);
        var seen = new HashSet<UInt128>();
        for (int f = files.Count - 1; f >= 0; f--)
        {
            var chunks = ParallelScan.Split([files[f].Path], chunkBytes);

            // Pass 1: the best row of each id in this file, chunk by chunk, merged in chunk order.
            var parts = ParallelScan.Map(chunks, chunk =>
            {
                var best = new Dictionary<UInt128, (long Closed, long Offset)>();
                var report = ParallelScan.ReadLines(chunk, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (line, offset) =>
                {
                    if (!SessionRowReader.TryRead(line, out var facts, out string? reason))
                    {
                        return reason;
                    }

                    var key = KeyHash.Hash128(facts.SessionId);
                    if (!best.TryGetValue(key, out var seenRow) || facts.ClosedTicks >= seenRow.Closed)
                    {
                        best[key] = (facts.ClosedTicks, offset);
                    }

                    return null;
                });
                return (Best: best, Report: report);
            });
            ParallelScan.Warn(chunks, parts.Select(p => p.Report).ToList(), warn);

            var winners = new Dictionary<long, UInt128>();
            var fileBest = new Dictionary<UInt128, (long Closed, long Offset)>();
            foreach (var part in parts)
            {
                foreach (var (key, row) in part.Best)
                {
                    if (!fileBest.TryGetValue(key, out var other) || row.Closed >= other.Closed)
                    {
                        fileBest[key] = row;
                    }
                }
            }

            foreach (var (key, row) in fileBest)
            {
                if (seen.Add(key))
                {
                    winners[row.Offset] = key;
                }
            }

            if (winners.Count == 0)
            {
                continue;
            }

            // Pass 2: parse the winners, last chunk first and newest line first within each chunk.
            var reversed = chunks.AsEnumerable().Reverse().ToList();
            foreach (var batch in ParallelScan.MapOrdered(reversed, chunk => ParseWinners(chunk, winners, filter)))
            {
                for (int i = batch.Count - 1; i >= 0; i--)
                {
                    yield return batch[i];
                }
            }
        }
    }

    private static List<SessionSummary> ParseWinners(ScanChunk chunk, Dictionary<long, UInt128> winners, SessionFilter filter)
    {
        var found = new List<SessionSummary>();
        ParallelScan.ReadLines(chunk, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (line, offset) =>
        {
            // The key check guards against a file rewritten between the passes: then the row is simply not a winner.
            if (winners.TryGetValue(offset, out var key)
                && SessionRowReader.TryRead(line, out var facts, out _)
                && filter.Matches(facts)
                && KeyHash.Hash128(facts.SessionId) == key
                && RowCodec.TryParseSession(line, out var summary, out _))
            {
                found.Add(summary!);
            }

            return null;
        });
        return found;
    }

    /// <summary>
    /// The winners' payloads (selected from their facts; rows the selector returns null for still compete as ids),
    /// from every sessions file scanned at once on all cores.
    /// </summary>
    public static List<T> Collect<T>(string root, long chunkBytes, Action<StoreWarning>? warn, FactsSelector<T> select)
        where T : struct
    {
        var files = SinkFiles.List(root, SinkKind.Sessions);
        var chunks = ParallelScan.Split(files.Select(f => f.Path).ToList(), chunkBytes);
        var best = new Dictionary<UInt128, Candidate>();
        var payloads = new List<T>();
        var numbering = new LineNumbering();
        foreach (var part in ParallelScan.MapOrdered(chunks, chunk => ReadCandidates(chunk, select)))
        {
            numbering.Report(part.Chunk, part.Report, warn);
            foreach (var c in part.Candidates)
            {
                int payload = c.Payload < 0 ? -1 : payloads.Count;
                if (payload >= 0)
                {
                    payloads.Add(part.Payloads[c.Payload]);
                }

                var candidate = c with { File = part.Chunk.FileIndex, Payload = payload };
                if (!best.TryGetValue(c.Key, out var other) || candidate.Beats(other))
                {
                    best[c.Key] = candidate;
                }
            }
        }

        var winners = new List<T>(best.Count);
        foreach (var c in best.Values)
        {
            if (c.Payload >= 0)
            {
                winners.Add(payloads[c.Payload]);
            }
        }

        return winners;
    }

    private static (ScanChunk Chunk, ChunkReport Report, List<Candidate> Candidates, List<T> Payloads) ReadCandidates<T>(ScanChunk chunk, FactsSelector<T> select)
        where T : struct
    {
        var candidates = new List<Candidate>();
        var payloads = new List<T>();
        var report = ParallelScan.ReadLines(chunk, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (line, offset) =>
        {
            if (!SessionRowReader.TryRead(line, out var facts, out string? reason))
            {
                return reason;
            }

            int payload = -1;
            if (select(facts) is T value)
            {
                payload = payloads.Count;
                payloads.Add(value);
            }

            candidates.Add(new Candidate(KeyHash.Hash128(facts.SessionId), 0, facts.ClosedTicks, offset, payload));
            return null;
        });
        return (chunk, report, candidates, payloads);
    }

    private readonly record struct Candidate(UInt128 Key, int File, long Closed, long Offset, int Payload)
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Matches(in SessionFacts s) =>
        (sessionId is null || s.SessionId.SequenceEqual(sessionId))
        && (system is null || s.System.SequenceEqual(system))
        && (context is null || (s.HasContext && s.Context.SequenceEqual(context)))
        && (model is null || (s.HasModel && s.Model.SequenceEqual(model)))
        && s.LastTicks >= since
        && s.LastTicks < until;

    private static byte[]? Utf8OrNull(string? s) => s is null ? null : System.Text.Encoding.UTF8.GetBytes(s);
}
