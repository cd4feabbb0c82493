// per_day: folds events into one DailySummary per (UTC day, system), in one pass, holding only the groups.
// Two entry points: Compute over TelemetryEvent objects, and DailyRollupPartial for the store's parallel scan, which
// folds row facts per chunk without an object or a string per row; both produce the same summaries.
using ZosTelemetry.Events;
using ZosTelemetry.Pricing;
using ZosTelemetry.Store;

namespace ZosTelemetry.Sessions;

public static class DailyRollup
{
    /// <summary>Costs go through the resolver (default: the shipped prices); events it cannot price are counted in UnpricedEvents.</summary>
    public static IReadOnlyList<DailySummary> Compute(IEnumerable<TelemetryEvent> events, CostResolver? costs = null)
    {
        var partial = new DailyRollupPartial(costs);
        foreach (var e in events)
        {
            partial.Add(EventRowReader.From(e));
        }

        return Merge([partial]);
    }

    /// <summary>
    /// The same summaries from the store's daily facts, for a window of whole 15-minute slots (DailyFacts.Slots) and
    /// optionally one system: the HTML report's trends. Sums are per slot first, so a cost may differ from Compute's
    /// in the last bits of a double, never in a printed cent.
    /// </summary>
    internal static IReadOnlyList<DailySummary> FromFacts(Facts.DailyFacts facts, string? system, DateTimeOffset? since, DateTimeOffset? until, CostResolver? costs = null)
    {
        costs ??= CostResolver.Shipped;
        var (first, end) = Facts.DailyFacts.Slots(since, until);
        var days = new Dictionary<(DateOnly Day, string System), DailyRollupPartial.Accumulator>();
        foreach (var table in facts.Tables)
        {
            var prices = table.Models.Select(m => costs.Prices.TryResolve(m, out var p) ? p : null).ToList();
            DailyRollupPartial.Accumulator At(long slot, int s)
            {
                var key = (DateOnly.FromDayNumber((int)(Facts.DailyFactTable.SlotStartTicks(slot) / TimeSpan.TicksPerDay)), table.Systems[s]);
                if (!days.TryGetValue(key, out var acc))
                {
                    days[key] = acc = new DailyRollupPartial.Accumulator();
                }

                return acc;
            }

            // Rows come in slot order and sessions in about the order they began: the current day's accumulators by
            // system spare a look-up per row and per session day, as in DailyRollupPartial (the HTML report's trends
            // fold about 120,000 rows and as many sessions at 100,000 sessions).
            long currentDay = long.MinValue;
            var today = new DailyRollupPartial.Accumulator?[table.Systems.Count];
            DailyRollupPartial.Accumulator Today(long slot, int s)
            {
                long day = Facts.DailyFactTable.SlotStartTicks(slot) / TimeSpan.TicksPerDay;
                if (day != currentDay)
                {
                    currentDay = day;
                    Array.Clear(today);
                }

                return today[s] ??= At(slot, s);
            }

            foreach (var r in table.Rows)
            {
                if (r.Key.Slot < first || r.Key.Slot >= end || (system is not null && table.Systems[r.Key.System] != system))
                {
                    continue;
                }

                var acc = Today(r.Key.Slot, r.Key.System);
                acc.Events += r.Events;
                acc.Turns += r.Turns;
                acc.UserTurns += r.UserTurns;
                acc.Corrections += r.Corrections;
                acc.TokensIn = checked(acc.TokensIn + r.TokensIn);
                acc.TokensOut = checked(acc.TokensOut + r.TokensOut);
                // CostResolver.Resolve's rules, on sums: a recorded cost wins; no usage costs nothing; tokens are priced
                // at the model's list price (linear, so the sum's price is the sum of prices), or counted as unpriced.
                if (r.Key.Class.HasFlag(Facts.FactClass.RecordedCost))
                {
                    acc.Cost += r.Cost;
                }
                else if (r.Key.Class.HasFlag(Facts.FactClass.Tokens))
                {
                    if (r.Key.Model >= 0 && prices[r.Key.Model] is ModelPrice price)
                    {
                        acc.Cost += CostCalculator.Cost(r.TokensIn, r.TokensOut, r.CacheRead, r.CacheWrite, price);
                    }
                    else
                    {
                        acc.Unpriced += r.Events;
                    }
                }
            }

            foreach (var s in table.Sessions)
            {
                if (system is not null && table.Systems[s.System] != system)
                {
                    continue;
                }

                long previousDay = long.MinValue;
                foreach (var (start, length) in s.Runs)
                {
                    for (long slot = Math.Max(start, first); slot < Math.Min(start + length, end); slot++)
                    {
                        long day = Facts.DailyFactTable.SlotStartTicks(slot) / TimeSpan.TicksPerDay;
                        if (day != previousDay)
                        {
                            Today(slot, s.System).Sessions.Add(s.Hash);
                            previousDay = day;
                        }
                    }
                }
            }
        }

        return InOrder(days);
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

        return InOrder(days);
    }

    /// <summary>
    /// The days by date, then system. Day and system are unique, so List.Sort with one comparison gives the order a
    /// stable OrderBy.ThenBy gives, without LINQ's sorting code over a tuple-keyed pair, which the runtime compiles
    /// on first use (about 30 methods of the HTML report's 620, about 0.3 ms each).
    /// </summary>
    private static List<DailySummary> InOrder(Dictionary<(DateOnly Day, string System), DailyRollupPartial.Accumulator> days)
    {
        var summaries = new List<DailySummary>(days.Count);
        foreach (var ((day, system), acc) in days)
        {
            summaries.Add(acc.ToSummary(day, system));
        }

        summaries.Sort(static (a, b) => a.Date.CompareTo(b.Date) is var c && c != 0 ? c : string.CompareOrdinal(a.System, b.System));
        return summaries;
    }
}

/// <summary>The rollup of one chunk of events.</summary>
internal sealed class DailyRollupPartial
{
    private readonly Dictionary<(int Day, int System), Accumulator> groups = new();
    private readonly Utf8Names systems = new();
    private readonly CostResolver costs;

    // The price of each model met in this chunk, looked up once per model (null: the table has none).
    private readonly Utf8Names models = new();
    private readonly List<ModelPrice?> prices = new();

    // Rows come roughly in time order: the current day's accumulators by system spare a dictionary look-up per row.
    private int currentDay = int.MinValue;
    private Accumulator?[] today = new Accumulator?[8];

    /// <summary>Costs go through the resolver (default: the shipped prices), as DailyRollup.Compute does.</summary>
    public DailyRollupPartial(CostResolver? costs = null)
    {
        this.costs = costs ?? CostResolver.Shipped;
    }

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
        acc.TokensIn = checked(acc.TokensIn + e.TokensIn);
        acc.TokensOut = checked(acc.TokensOut + e.TokensOut);

        // CostResolver.Resolve's rules on row facts: a recorded cost wins; no usage costs nothing; otherwise tokens
        // times the model's list price, and an event whose model has no price is counted, not taken as 0.
        if (!double.IsNaN(e.CostUsd))
        {
            acc.Cost += e.CostUsd;
        }
        else if (e.HasTokens)
        {
            if (PriceOf(e.Model) is ModelPrice price)
            {
                acc.Cost += CostCalculator.Cost(e.TokensIn, e.TokensOut, e.CacheReadTokens, e.CacheWriteTokens, price);
            }
            else
            {
                acc.Unpriced++;
            }
        }
    }

    private ModelPrice? PriceOf(ReadOnlySpan<byte> model)
    {
        if (model.IsEmpty)
        {
            return null; // no model (null or ""): PriceTable.TryResolve has no price for it either
        }

        int i = models.IndexOf(model);
        if (i == prices.Count)
        {
            prices.Add(costs.Prices.TryResolve(models[i], out var p) ? p : null);
        }

        return prices[i];
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
        public long Unpriced;
        public double Cost;

        public void Merge(Accumulator other)
        {
            Sessions.UnionWith(other.Sessions);
            Events += other.Events;
            Turns += other.Turns;
            UserTurns += other.UserTurns;
            Corrections += other.Corrections;
            TokensIn = checked(TokensIn + other.TokensIn);
            TokensOut = checked(TokensOut + other.TokensOut);
            Unpriced += other.Unpriced;
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
            UnpricedEvents = Unpriced,
        };
    }
}
