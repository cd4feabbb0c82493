// per_day: folds events into one DailySummary per (UTC day, system), in one pass, holding only the groups.
using ZosTelemetry.Events;
using ZosTelemetry.Pricing;

namespace ZosTelemetry.Sessions;

public static class DailyRollup
{
    /// <summary>Costs go through the resolver (default: the shipped prices); events it cannot price are counted in UnpricedEvents.</summary>
    public static IReadOnlyList<DailySummary> Compute(IEnumerable<TelemetryEvent> events, CostResolver? costs = null)
    {
        costs ??= CostResolver.Shipped;
        var days = new Dictionary<(DateOnly Day, string System), Accumulator>();
        foreach (var e in events)
        {
            var key = (DateOnly.FromDateTime(e.Timestamp.UtcDateTime), e.System);
            if (!days.TryGetValue(key, out var acc))
            {
                days[key] = acc = new Accumulator();
            }

            acc.Add(e, costs.Resolve(e));
        }

        return days
            .OrderBy(kv => kv.Key.Day)
            .ThenBy(kv => kv.Key.System, StringComparer.Ordinal)
            .Select(kv => kv.Value.ToSummary(kv.Key.Day, kv.Key.System))
            .ToList();
    }

    private sealed class Accumulator
    {
        private readonly HashSet<string> sessions = new(StringComparer.Ordinal);
        private long events, turns, userTurns, corrections, tokensIn, tokensOut, unpriced;
        private double cost;

        public void Add(TelemetryEvent e, EventCost eventCost)
        {
            sessions.Add(e.SessionId);
            events++;
            turns += e.IsTurn ? 1 : 0;
            userTurns += e.IsUserTurn ? 1 : 0;
            corrections += e.IsCorrection ? 1 : 0;
            tokensIn += e.TokensIn;
            tokensOut += e.TokensOut;
            cost += eventCost.Usd ?? 0;
            unpriced += eventCost.IsKnown ? 0 : 1;
        }

        public DailySummary ToSummary(DateOnly day, string system) => new()
        {
            Date = day,
            System = system,
            Sessions = sessions.Count,
            Events = events,
            Turns = turns,
            UserTurns = userTurns,
            Corrections = corrections,
            TokensIn = tokensIn,
            TokensOut = tokensOut,
            CostUsd = Math.Round(cost, 10),
            UnpricedEvents = unpriced,
        };
    }
}
