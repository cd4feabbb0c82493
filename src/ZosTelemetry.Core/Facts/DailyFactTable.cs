// The daily facts of one events file: its events folded into sums per 15-minute UTC slot × system × model × tier ×
// cost class, plus, per session and system, the slots it was active in (so distinct sessions can be counted per day
// in any time zone). Only aggregates of fields the row reader has already validated: counts, token sums, cost sums,
// the system, model and tier names that the reports group by, and a 128-bit hash of each session id. No kind, no
// marker, no id, no text.
//
// Why 15-minute slots: since 2000 (the store's earliest timestamp) every zone's UTC offset is a multiple of 15
// minutes and its transitions fall on slot bounds (UsagePartial relies on the same fact), so any local day, month or
// window aligned to a slot is a union of whole slots and the sums are exact.
using ZosTelemetry.Store;

namespace ZosTelemetry.Facts;

internal sealed class DailyFactTable
{
    public const int SlotMinutes = 15;
    public static readonly long SlotTicks = TimeSpan.FromMinutes(SlotMinutes).Ticks;

    /// <summary>Names of systems, models and tiers; a row refers to them by index (model and tier -1: none).</summary>
    public List<string> Systems { get; } = new();
    public List<string> Models { get; } = new();
    public List<string> Tiers { get; } = new();

    /// <summary>Rows in (slot, system, model, tier, class) order.</summary>
    public List<FactRow> Rows { get; } = new();

    /// <summary>Per session and system, the sorted runs of consecutive slots it had events in.</summary>
    public List<SessionSlots> Sessions { get; } = new();

    /// <summary>The fold's open chunk, from which an append resumes it (DailyFactFold); null in a table read without it.</summary>
    public OpenFactChunk? Open { get; set; }

    public static long SlotOf(long utcTicks) => utcTicks / SlotTicks;

    public static long SlotStartTicks(long slot) => slot * SlotTicks;
}

/// <summary>Cost classes: whether the rows had a recorded cost_usd, and whether they counted any tokens.</summary>
[Flags]
internal enum FactClass : byte
{
    None = 0,
    RecordedCost = 1,
    Tokens = 2,
}

internal readonly record struct FactKey(long Slot, int System, int Model, int Tier, FactClass Class) : IComparable<FactKey>
{
    public int CompareTo(FactKey other)
    {
        int c = Slot.CompareTo(other.Slot);
        c = c != 0 ? c : System.CompareTo(other.System);
        c = c != 0 ? c : Model.CompareTo(other.Model);
        c = c != 0 ? c : Tier.CompareTo(other.Tier);
        return c != 0 ? c : ((byte)Class).CompareTo((byte)other.Class);
    }
}

/// <summary>The sums of the events of one key.</summary>
internal sealed class FactRow(FactKey key)
{
    public FactKey Key { get; set; } = key;

    // Fields: added to once per event while a file is folded.
    public long Events, Turns, UserTurns, Corrections, PositiveCost;
    public long TokensIn, TokensOut, CacheRead, CacheWrite;

    /// <summary>The sum of the recorded cost_usd (rows of class RecordedCost only).</summary>
    public double Cost;

    public void Merge(FactRow o)
    {
        Events += o.Events;
        Turns += o.Turns;
        UserTurns += o.UserTurns;
        Corrections += o.Corrections;
        PositiveCost += o.PositiveCost;
        TokensIn = checked(TokensIn + o.TokensIn);
        TokensOut = checked(TokensOut + o.TokensOut);
        CacheRead = checked(CacheRead + o.CacheRead);
        CacheWrite = checked(CacheWrite + o.CacheWrite);
        Cost += o.Cost;
    }
}

/// <summary>
/// One session's slots under one system: sorted runs of consecutive slots, a slice of a runs array that a table read
/// from its sidecar shares among all its sessions (a value, not an object per session: a month holds tens of thousands).
/// </summary>
internal readonly struct SessionSlots(UInt128 hash, int system, (long Start, int Length)[] runs, int offset, int count)
{
    private readonly (long Start, int Length)[] runs = runs;
    private readonly int offset = offset, count = count;

    public SessionSlots(UInt128 hash, int system, (long Start, int Length)[] runs)
        : this(hash, system, runs, 0, runs.Length)
    {
    }

    public UInt128 Hash { get; } = hash;

    public int System { get; } = system;

    public ReadOnlySpan<(long Start, int Length)> Runs => runs.AsSpan(offset, count);
}

/// <summary>The fold of one chunk of an events file; chunks merge in file order into the file's table.</summary>
internal sealed class DailyFactPartial
{
    private readonly Utf8Names systems = new(), models = new(), tiers = new();
    private readonly Dictionary<FactKey, FactRow> rows = new();
    private readonly Dictionary<(UInt128 Hash, int System), List<long>> sessions = new();
    private FactRow? lastRow;
    private List<long>? lastSlots;
    private (UInt128 Hash, int System) lastSession;

    public void Add(in EventFacts e)
    {
        long slot = DailyFactTable.SlotOf(e.UtcTicks);
        int system = systems.IndexOf(e.System);
        // An empty model is no model, as in the usage reports (the validator stores "" as null).
        int model = e.Model.IsEmpty ? -1 : models.IndexOf(e.Model);
        int tier = e.Tier.IsEmpty ? -1 : tiers.IndexOf(e.Tier);
        bool hasCost = !double.IsNaN(e.CostUsd);
        var cls = (hasCost ? FactClass.RecordedCost : FactClass.None) | (e.HasTokens ? FactClass.Tokens : FactClass.None);
        var key = new FactKey(slot, system, model, tier, cls);
        var row = lastRow;
        if (row is null || row.Key != key)
        {
            if (!rows.TryGetValue(key, out row))
            {
                rows[key] = row = new FactRow(key);
            }

            lastRow = row;
        }

        row.Events++;
        row.Turns += e.IsTurn ? 1 : 0;
        row.UserTurns += e.IsUserTurn ? 1 : 0;
        row.Corrections += e.IsCorrection ? 1 : 0;
        row.TokensIn = checked(row.TokensIn + e.TokensIn);
        row.TokensOut = checked(row.TokensOut + e.TokensOut);
        row.CacheRead = checked(row.CacheRead + e.CacheReadTokens);
        row.CacheWrite = checked(row.CacheWrite + e.CacheWriteTokens);
        if (hasCost)
        {
            row.Cost += e.CostUsd;
            row.PositiveCost += e.CostUsd > 0 ? 1 : 0;
        }

        var id = (KeyHash.Hash128(e.SessionId), system);
        if (lastSlots is null || id != lastSession)
        {
            if (!sessions.TryGetValue(id, out lastSlots))
            {
                sessions[id] = lastSlots = new List<long>(4);
            }

            lastSession = id;
        }

        if (lastSlots.Count == 0 || lastSlots[^1] != slot)
        {
            lastSlots.Add(slot);
        }
    }

    /// <summary>A partial that goes on with the open chunk of a stored table: its names seeded with the table's, so
    /// the ids of the stored open rows (the table's) stay valid, and the rows it had summed so far.</summary>
    public static DailyFactPartial Resume(DailyFactTable table, IEnumerable<FactRow> openRows)
    {
        var p = new DailyFactPartial();
        foreach (var (names, into) in new[] { (table.Systems, p.systems), (table.Models, p.models), (table.Tiers, p.tiers) })
        {
            foreach (string name in names)
            {
                into.IndexOf(System.Text.Encoding.UTF8.GetBytes(name));
            }
        }

        foreach (var row in openRows)
        {
            p.rows.Add(row.Key, row);
        }

        return p;
    }

    // What DailyFactFold merges, chunk by chunk in file order.
    internal Utf8Names SystemNames => systems;
    internal Utf8Names ModelNames => models;
    internal Utf8Names TierNames => tiers;
    internal Dictionary<FactKey, FactRow> Rows => rows;
    internal Dictionary<(UInt128 Hash, int System), List<long>> SlotsBySession => sessions;

    /// <summary>Sorted slots as runs of consecutive ones.</summary>
    internal static (long Start, int Length)[] Runs(SortedSet<long> slots)
    {
        var runs = new List<(long Start, int Length)>();
        foreach (long s in slots)
        {
            if (runs.Count > 0 && runs[^1].Start + runs[^1].Length == s)
            {
                runs[^1] = (runs[^1].Start, runs[^1].Length + 1);
            }
            else
            {
                runs.Add((s, 1));
            }
        }

        return [.. runs];
    }
}
