// Folds the partials of an events file's chunks, in file order, into its daily facts, and resumes that fold from a
// stored table when the file only grew. The cost sums are doubles, so the order of their additions is part of the
// result: a row's cost is its first chunk's sum, plus the next chunk's, and so on, each chunk's sum taken line by line.
// The chunks are fixed slices of the file (bytes [j·B, (j+1)·B), B the chunk size), so an append never moves them: it
// only lengthens the last one (the open chunk) and adds new ones after it. A table records, for the rows of its open
// chunk, that chunk's own sums and the row's cost before it (the closed chunks' sum); from those the fold up to the
// open chunk is restored exactly, the open chunk's partial goes on with the appended lines, and the result has the
// same bits as a fold of the whole grown file (DailyFactsIncrementalTests).
namespace ZosTelemetry.Facts;

internal sealed class DailyFactFold
{
    private readonly DailyFactTable table = new();
    private readonly Dictionary<string, int> systemIds = new(StringComparer.Ordinal), modelIds = new(StringComparer.Ordinal), tierIds = new(StringComparer.Ordinal);
    private readonly Dictionary<FactKey, FactRow> rows = new();
    private readonly Dictionary<(UInt128, int), SortedSet<long>> slots = new();

    // The sessions of a resumed table: the slots of a session are a union, so the stored runs stand for the closed
    // chunks' and the open chunk's slots alike, and only sessions the appended lines touch are rebuilt.
    private List<SessionSlots>? resumedSessions;

    /// <summary>
    /// The fold of an events file's chunk partials in file order, the last one being the open chunk (its rows and their
    /// costs before it are recorded in the table's Open, so an append can resume the fold).
    /// </summary>
    public static DailyFactTable Fold(IReadOnlyList<DailyFactPartial> partials, long chunkBytes, long openStart) =>
        new DailyFactFold().Finish(partials, chunkBytes, openStart);

    /// <summary>
    /// The fold of the closed chunks of a stored table (its rows less its open chunk's sums, the costs as they were
    /// before the open chunk) and the partial of its open chunk to go on with; FormatException when the open chunk
    /// does not fit the table (the caller folds the whole file instead).
    /// </summary>
    public static (DailyFactFold Fold, DailyFactPartial Open) Resume(DailyFactTable stored)
    {
        var open = stored.Open ?? throw new FormatException("no open chunk recorded");
        var fold = new DailyFactFold();
        foreach (var (names, ids, into) in new[] { (stored.Systems, fold.systemIds, fold.table.Systems), (stored.Models, fold.modelIds, fold.table.Models), (stored.Tiers, fold.tierIds, fold.table.Tiers) })
        {
            foreach (string name in names)
            {
                ids.Add(name, into.Count);
                into.Add(name);
            }
        }

        foreach (var row in stored.Rows)
        {
            fold.rows.Add(row.Key, row);
        }

        var openRows = new List<FactRow>(open.Rows.Count);
        foreach (var o in open.Rows)
        {
            if (!fold.rows.TryGetValue(o.Sums.Key, out var row))
            {
                throw new FormatException("an open row without its table row");
            }

            if (o.InClosed)
            {
                row.Events -= o.Sums.Events;
                row.Turns -= o.Sums.Turns;
                row.UserTurns -= o.Sums.UserTurns;
                row.Corrections -= o.Sums.Corrections;
                row.PositiveCost -= o.Sums.PositiveCost;
                row.TokensIn -= o.Sums.TokensIn;
                row.TokensOut -= o.Sums.TokensOut;
                row.CacheRead -= o.Sums.CacheRead;
                row.CacheWrite -= o.Sums.CacheWrite;
                row.Cost = o.ClosedCost;
            }
            else
            {
                fold.rows.Remove(o.Sums.Key);
            }

            openRows.Add(Copy(o.Sums));
        }

        fold.resumedSessions = stored.Sessions;
        return (fold, DailyFactPartial.Resume(stored, openRows));
    }

    /// <summary>Folds the partials of the next chunks in file order; the last is the (new) open chunk.</summary>
    public DailyFactTable Finish(IReadOnlyList<DailyFactPartial> partials, long chunkBytes, long openStart)
    {
        for (int i = 0; i < partials.Count - 1; i++)
        {
            Add(partials[i]);
        }

        var last = partials[^1];
        var (sys, mod, tie) = Renumber(last);
        var open = new List<OpenFactRow>(last.Rows.Count);
        foreach (var (key, row) in last.Rows)
        {
            var k = Global(key, sys, mod, tie);
            var sums = Copy(row);
            sums.Key = k;
            open.Add(rows.TryGetValue(k, out var closed) ? new OpenFactRow(sums, true, closed.Cost) : new OpenFactRow(sums, false, 0));
        }

        Add(last, sys, mod, tie);
        var result = ToTable();
        open.Sort((a, b) => a.Sums.Key.CompareTo(b.Sums.Key));
        result.Open = new OpenFactChunk(chunkBytes, openStart, open);
        return result;
    }

    private void Add(DailyFactPartial p)
    {
        var (sys, mod, tie) = Renumber(p);
        Add(p, sys, mod, tie);
    }

    private void Add(DailyFactPartial p, int[] sys, int[] mod, int[] tie)
    {
        foreach (var (key, row) in p.Rows)
        {
            var k = Global(key, sys, mod, tie);
            if (rows.TryGetValue(k, out var into))
            {
                into.Merge(row);
            }
            else
            {
                row.Key = k;
                rows[k] = row;
            }
        }

        foreach (var ((hash, system), list) in p.SlotsBySession)
        {
            var id = (hash, sys[system]);
            if (!slots.TryGetValue(id, out var set))
            {
                slots[id] = set = new SortedSet<long>();
            }

            set.UnionWith(list);
        }
    }

    private DailyFactTable ToTable()
    {
        table.Rows.AddRange(rows.Values.OrderBy(r => r.Key));
        var sessions = new List<SessionSlots>(slots.Count + (resumedSessions?.Count ?? 0));
        foreach (var s in resumedSessions ?? [])
        {
            if (slots.Remove((s.Hash, s.System), out var set))
            {
                foreach (var (start, length) in s.Runs)
                {
                    for (long slot = start; slot < start + length; slot++)
                    {
                        set.Add(slot);
                    }
                }

                sessions.Add(new SessionSlots(s.Hash, s.System, DailyFactPartial.Runs(set)));
            }
            else
            {
                sessions.Add(s);
            }
        }

        foreach (var ((hash, system), set) in slots)
        {
            sessions.Add(new SessionSlots(hash, system, DailyFactPartial.Runs(set)));
        }

        table.Sessions.AddRange(sessions.OrderBy(s => s.Hash).ThenBy(s => s.System));
        return table;
    }

    private (int[] Systems, int[] Models, int[] Tiers) Renumber(DailyFactPartial p) =>
        (Renumber(p.SystemNames, systemIds, table.Systems), Renumber(p.ModelNames, modelIds, table.Models), Renumber(p.TierNames, tierIds, table.Tiers));

    private static int[] Renumber(Store.Utf8Names names, Dictionary<string, int> ids, List<string> into)
    {
        int[] map = new int[names.Count];
        for (int i = 0; i < names.Count; i++)
        {
            if (!ids.TryGetValue(names[i], out int id))
            {
                ids[names[i]] = id = into.Count;
                into.Add(names[i]);
            }

            map[i] = id;
        }

        return map;
    }

    private static FactKey Global(FactKey key, int[] sys, int[] mod, int[] tie) =>
        new(key.Slot, sys[key.System], key.Model < 0 ? -1 : mod[key.Model], key.Tier < 0 ? -1 : tie[key.Tier], key.Class);

    private static FactRow Copy(FactRow r) => new(r.Key)
    {
        Events = r.Events,
        Turns = r.Turns,
        UserTurns = r.UserTurns,
        Corrections = r.Corrections,
        PositiveCost = r.PositiveCost,
        TokensIn = r.TokensIn,
        TokensOut = r.TokensOut,
        CacheRead = r.CacheRead,
        CacheWrite = r.CacheWrite,
        Cost = r.Cost,
    };
}

/// <summary>
/// The open (last, still growing) chunk of a table's fold: the chunk size the fold used, where the chunk begins, and
/// its rows: the chunk's own sums, and whether the row had sums before the chunk and, if so, its cost then.
/// </summary>
internal sealed record OpenFactChunk(long ChunkBytes, long Start, List<OpenFactRow> Rows);

internal sealed record OpenFactRow(FactRow Sums, bool InClosed, double ClosedCost);
