// per_day: folds events into one DailySummary per (UTC day, system), in one pass, holding only the groups.
using ZosTelemetry.Events;

namespace ZosTelemetry.Sessions;

public static class DailyRollup
{
    public static IReadOnlyList<DailySummary> Compute(IEnumerable<TelemetryEvent> events)
    {
        var days = new Dictionary<(DateOnly Day, string System), Accumulator>();
        foreach (var e in events)
        {
            var key = (DateOnly.FromDateTime(e.Timestamp.UtcDateTime), e.System);
            if (!days.TryGetValue(key, out var acc))
            {
                days[key] = acc = new Accumulator();
            }

            acc.Add(e);
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
        private long events, turns, userTurns, corrections, tokensIn, tokensOut;
        private double cost;

        public void Add(TelemetryEvent e)
        {
            sessions.Add(e.SessionId);
            events++;
            turns += e.IsTurn ? 1 : 0;
            userTurns += e.IsUserTurn ? 1 : 0;
            corrections += e.IsCorrection ? 1 : 0;
            tokensIn += e.TokensIn;
            tokensOut += e.TokensOut;
            cost += e.CostUsd ?? 0;
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
        };
    }
}
