// Folds a session's events into its summary. Kept incremental (Add one event at a time) so that any reader,
// streaming or indexed, can build summaries without holding the events. Costs go through a CostResolver: a recorded
// cost wins, a missing one is priced from tokens, and an event that cannot be priced is counted in UnpricedEvents.
using ZosTelemetry.Events;
using ZosTelemetry.Pricing;

namespace ZosTelemetry.Sessions;

public sealed class SessionAccumulator
{
    private readonly Dictionary<string, (long Count, double Cost, int FirstSeen)> models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Count, int FirstSeen)> systems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Count, int FirstSeen)> contexts = new(StringComparer.Ordinal);

    private readonly CostResolver costs;

    public SessionAccumulator(string sessionId, CostResolver? costs = null)
    {
        SessionId = sessionId;
        this.costs = costs ?? CostResolver.Shipped;
    }

    public string SessionId { get; }

    public long Events { get; private set; }

    public long Turns { get; private set; }

    public long UserTurns { get; private set; }

    public long Corrections { get; private set; }

    public long TokensIn { get; private set; }

    public long TokensOut { get; private set; }

    /// <summary>The cost of the events whose cost is known (recorded or priced); see UnpricedEvents for the rest.</summary>
    public double CostUsd { get; private set; }

    /// <summary>Events that used tokens but have neither a recorded cost nor a price for their model.</summary>
    public long UnpricedEvents { get; private set; }

    public DateTimeOffset FirstTimestamp { get; private set; } = DateTimeOffset.MaxValue;

    public DateTimeOffset LastTimestamp { get; private set; } = DateTimeOffset.MinValue;

    public void Add(TelemetryEvent e)
    {
        int order = (int)Events;
        Events++;
        if (e.IsTurn)
        {
            Turns++;
        }

        if (e.IsUserTurn)
        {
            UserTurns++;
            if (e.IsCorrection)
            {
                Corrections++;
            }
        }

        TokensIn = checked(TokensIn + e.TokensIn);
        TokensOut = checked(TokensOut + e.TokensOut);
        var cost = costs.Resolve(e);
        double known = cost.Usd ?? 0;
        CostUsd += known;
        if (!cost.IsKnown)
        {
            UnpricedEvents++;
        }
        if (e.Timestamp < FirstTimestamp)
        {
            FirstTimestamp = e.Timestamp;
        }

        if (e.Timestamp > LastTimestamp)
        {
            LastTimestamp = e.Timestamp;
        }

        Count(systems, e.System, order);
        if (e.Context is not null)
        {
            Count(contexts, e.Context, order);
        }

        if (e.Model is not null)
        {
            models[e.Model] = models.TryGetValue(e.Model, out var m)
                ? (m.Count + 1, m.Cost + known, m.FirstSeen)
                : (1, known, order);
        }
    }

    public SessionSummary ToSummary(DateTimeOffset closedAt, int detectorVersion)
    {
        if (Events == 0)
        {
            throw new InvalidOperationException("A session without events has no summary.");
        }

        return new SessionSummary
        {
            SessionId = SessionId,
            System = MostFrequent(systems) ?? "",
            Context = MostFrequent(contexts),
            Model = DominantModel(),
            DetectorVersion = detectorVersion,
            Turns = Turns,
            UserTurns = UserTurns,
            Corrections = Corrections,
            Events = Events,
            TokensIn = TokensIn,
            TokensOut = TokensOut,
            CostUsd = Math.Round(CostUsd, 10),
            UnpricedEvents = UnpricedEvents,
            FirstTimestamp = FirstTimestamp,
            LastTimestamp = LastTimestamp,
            DurationSeconds = (LastTimestamp - FirstTimestamp).TotalSeconds,
            ClosedAt = closedAt,
        };
    }

    /// <summary>The model that cost the most; when no model has a cost, the one seen most often. Ties go to the one seen first.</summary>
    private string? DominantModel()
    {
        if (models.Count == 0)
        {
            return null;
        }

        bool anyCost = models.Values.Any(m => m.Cost > 0);
        return models
            .OrderByDescending(kv => anyCost ? kv.Value.Cost : kv.Value.Count)
            .ThenByDescending(kv => kv.Value.Count)
            .ThenBy(kv => kv.Value.FirstSeen)
            .First().Key;
    }

    private static void Count(Dictionary<string, (long Count, int FirstSeen)> counts, string key, int order) =>
        counts[key] = counts.TryGetValue(key, out var c) ? (c.Count + 1, c.FirstSeen) : (1, order);

    private static string? MostFrequent(Dictionary<string, (long Count, int FirstSeen)> counts) =>
        counts.Count == 0 ? null : counts.OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Value.FirstSeen).First().Key;
}
