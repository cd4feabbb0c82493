// per_day: folds events into one DailySummary per (UTC day, system), in one pass, holding only the groups.
// Two entry points: Compute over TelemetryEvent objects, and DailyRollupPartial for the store's parallel scan, which
// folds row facts per chunk without an object or a string per row; both produce the same summaries.
using System.Runtime.CompilerServices;
using ZosTelemetry.Events;
using ZosTelemetry.Store;

namespace ZosTelemetry.Sessions;

public static class DailyRollup
{
    public static IReadOnlyList<DailySummary> Compute(IEnumerable<TelemetryEvent> events)
    {
        var partial = new DailyRollupPartial();
        foreach (var e in events)
        {
            partial.Add(EventRowReader.From(e));
        }

        return Merge([partial]);
    }

    /// <summary>Merges partial rollups (in chunk order, so sums do not depend on scheduling) into the report.</summary>
    internal static IReadOnlyList<DailySummary> Merge(IEnumerable<DailyRollupPartial> partials)
    {
        var days = new Dictionary<(DateOnly Day, string System), DailyRollupPartial.Accumulator>();
        foreach (var partial in partials)
        {
            foreach (var ((day, system), acc) in partial.Groups())
            {
                if (days.TryGetValue((day, system), out var into))
                {
                    into.Merge(acc);
                }
                else
                {
                    days[(day, system)] = acc;
                }
            }
        }

        return days
            .OrderBy(kv => kv.Key.Day)
            .ThenBy(kv => kv.Key.System, StringComparer.Ordinal)
            .Select(kv => kv.Value.ToSummary(kv.Key.Day, kv.Key.System))
            .ToList();
    }
}

/// <summary>The rollup of one chunk of events.</summary>
internal sealed class DailyRollupPartial
{
    private readonly Dictionary<(int Day, int System), Accumulator> groups = new();
    private readonly Utf8Names systems = new();

    // Rows come roughly in time order: the current day's accumulators by system spare a dictionary look-up per row.
    private int currentDay = int.MinValue;
    private Accumulator?[] today = new Accumulator?[8];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(in EventFacts e)
    {
        int day = (int)(e.UtcTicks / TimeSpan.TicksPerDay);
        int system = systems.IndexOf(e.System);
        if (day != currentDay)
        {
            currentDay = day;
            Array.Clear(today);
        }

        if (system >= today.Length)
        {
            Array.Resize(ref today, Math.Max(system + 1, today.Length * 2));
        }

        var acc = today[system];
        if (acc is null)
        {
            if (!groups.TryGetValue((day, system), out acc))
            {
                groups[(day, system)] = acc = new Accumulator();
            }

            today[system] = acc;
        }

        acc.Sessions.Add(KeyHash.Hash128(e.SessionId));
        acc.Events++;
        acc.Turns += e.IsTurn ? 1 : 0;
        acc.UserTurns += e.IsUserTurn ? 1 : 0;
        acc.Corrections += e.IsCorrection ? 1 : 0;
        acc.TokensIn += e.TokensIn;
        acc.TokensOut += e.TokensOut;
        acc.Cost += double.IsNaN(e.CostUsd) ? 0 : e.CostUsd;
    }

    public IEnumerable<((DateOnly Day, string System) Key, Accumulator Acc)> Groups() =>
        groups.Select(kv => ((DateOnly.FromDayNumber(kv.Key.Day), systems[kv.Key.System]), kv.Value));

    internal sealed class Accumulator
    {
        // Distinct sessions by a 128-bit hash of the id: no string per row, and no realistic chance of a collision.
        public KeySet Sessions { get; } = new();

        // Fields, not properties: incremented once per row on the hot path.
        public long Events;
        public long Turns;
        public long UserTurns;
        public long Corrections;
        public long TokensIn;
        public long TokensOut;
        public double Cost;

        public void Merge(Accumulator other)
        {
            Sessions.UnionWith(other.Sessions);
            Events += other.Events;
            Turns += other.Turns;
            UserTurns += other.UserTurns;
            Corrections += other.Corrections;
            TokensIn += other.TokensIn;
            TokensOut += other.TokensOut;
            Cost += other.Cost;
        }

        public DailySummary ToSummary(DateOnly day, string system) => new()
        {
            Date = day,
            System = system,
            Sessions = Sessions.Count,
            Events = Events,
            Turns = Turns,
            UserTurns = UserTurns,
            Corrections = Corrections,
            TokensIn = TokensIn,
            TokensOut = TokensOut,
            CostUsd = Math.Round(Cost, 10),
        };
    }
}
