// Folds a session's events into its summary. Kept incremental (Add one event at a time) so that any reader,
// streaming or indexed, can build summaries without holding the events. Costs go through a CostResolver: a recorded
// cost wins, a missing one is priced from tokens, and an event that cannot be priced is counted in UnpricedEvents.
// Agent runs (AgentRules): tool calls and failures, errors by category, the outcome and attempts a session_end said,
// and a compact timeline (time, kind, tool) from which the session's alerts are found at close.
using ZosTelemetry.Alerts;
using ZosTelemetry.Events;
using ZosTelemetry.Pricing;

namespace ZosTelemetry.Sessions;

public sealed class SessionAccumulator
{
    private readonly Dictionary<string, (long Count, double Cost, int FirstSeen)> models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Count, int FirstSeen)> systems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Count, int FirstSeen)> contexts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Count, int FirstSeen)> variants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> errors = new(StringComparer.Ordinal);
    private readonly HashSet<string> attemptIds = new(StringComparer.Ordinal);
    private readonly List<TimelineEvent> timeline = new();
    private long toolCallEvents, toolResultEvents;
    private long? maxAttempt;
    private (long Ticks, string Outcome)? outcome;

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

    /// <summary>tool_call events, or tool_result events where there are more (an import stores a call once, as its result).</summary>
    public long ToolCalls => Math.Max(toolCallEvents, toolResultEvents);

    public long ToolFailures { get; private set; }

    /// <summary>The timeline the alerts are found in (time, agent kind, tool), in the order events were added.</summary>
    public IReadOnlyList<TimelineEvent> Timeline => timeline;

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

        AddAgentFacts(e, order);
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

    private void AddAgentFacts(TelemetryEvent e, int order)
    {
        var kind = AlertDetector.KindOf(e);
        timeline.Add(new TimelineEvent(e.Timestamp.UtcTicks, kind, e.Tool));
        toolCallEvents += kind == TimelineKind.ToolCall ? 1 : 0;
        toolResultEvents += kind == TimelineKind.ToolResult ? 1 : 0;
        ToolFailures += AgentRules.IsToolFailure(e) ? 1 : 0;
        if (kind == TimelineKind.Error)
        {
            string category = AgentRules.CategoryOf(e);
            errors[category] = errors.GetValueOrDefault(category) + 1;
        }

        if (e.Kind is AgentKinds.SessionStart or AgentKinds.SessionEnd && e.Attempt is long attempt)
        {
            maxAttempt = Math.Max(maxAttempt ?? 0, attempt);
        }

        if (e.Outcome is not null && (outcome is null || e.Timestamp.UtcTicks >= outcome.Value.Ticks))
        {
            outcome = (e.Timestamp.UtcTicks, e.Outcome); // the latest session_end says how the run ended
        }

        if (e.AttemptId is not null)
        {
            attemptIds.Add(e.AttemptId);
        }

        if (e.Variant is not null)
        {
            Count(variants, e.Variant, order);
        }
    }

    /// <summary>The session's loop, stall and error_burst alerts under these thresholds.</summary>
    public IReadOnlyList<TelemetryAlert> Alerts(string system, AlertOptions options, DateTimeOffset? closedAt) =>
        AlertDetector.ForSession(SessionId, system, timeline, options, closedAt);

    /// <summary>
    /// The summary, with the outcome and attempts the events said, else those the caller gives (close --outcome,
    /// --attempts), else none. Attempts: the highest attempt a session_start or session_end named, else the caller's,
    /// else the number of distinct attempt ids, else 1 when an outcome is known (a run that ended without a retry
    /// recorded is one attempt), else null.
    /// </summary>
    public SessionSummary ToSummary(DateTimeOffset closedAt, int detectorVersion, SessionCloseOptions? close = null)
    {
        close ??= SessionCloseOptions.None;
        string? finalOutcome = outcome?.Outcome ?? close.Outcome;
        long? attempts = maxAttempt ?? close.Attempts ?? (attemptIds.Count > 0 ? (long?)attemptIds.Count : null) ?? (finalOutcome is null ? null : 1L);
        var summary = ToSummaryCore(closedAt, detectorVersion);
        var alerts = Alerts(summary.System, close.AlertOptions, closedAt);
        return new SessionSummary
        {
            SessionId = summary.SessionId, System = summary.System, Context = summary.Context, Model = summary.Model,
            DetectorVersion = detectorVersion, Turns = Turns, UserTurns = UserTurns, Corrections = Corrections, Events = Events,
            TokensIn = TokensIn, TokensOut = TokensOut, CostUsd = summary.CostUsd, UnpricedEvents = UnpricedEvents,
            FirstTimestamp = FirstTimestamp, LastTimestamp = LastTimestamp, DurationSeconds = summary.DurationSeconds, ClosedAt = closedAt,
            ToolCalls = ToolCalls,
            ToolFailures = ToolFailures,
            ErrorsByCategory = ErrorCategories.All.Where(errors.ContainsKey).ToDictionary(c => c, c => errors[c], StringComparer.Ordinal),
            Outcome = finalOutcome,
            FirstShotSuccess = finalOutcome is null ? null : finalOutcome == Outcomes.Success && attempts == 1,
            Attempts = attempts,
            Alerts = alerts.Count,
            Variant = MostFrequent(variants),
        };
    }

    private SessionSummary ToSummaryCore(DateTimeOffset closedAt, int detectorVersion)
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
