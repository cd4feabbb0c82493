// How closed sessions become OTLP metrics: the one mapping, documented as a table in docs/otlp.md. Each session is
// one observation in each histogram (its total tokens, turns, corrections, cost, ...), so a backend's count is the
// number of sessions and sum/count the mean per session. Names follow the OpenTelemetry GenAI semantic conventions
// where they define one (gen_ai.client.token.usage, gen_ai.request.model, gen_ai.provider.name,
// gen_ai.operation.name, gen_ai.token.type; user.hash from the user namespace); the rest are ours, under zos.
// Nothing here can carry content: every value is a number, a model or provider name that passed the store's name
// rule, a system name, or the store's keyed user hash; session ids are not sent.
using ZosTelemetry.Alerts;
using ZosTelemetry.Sessions;

namespace ZosTelemetry.Otlp;

/// <summary>What the session's events add to its summary row: the keyed user hash and the provider they named.</summary>
public sealed record SessionOrigin(string? UserHash, string? Provider);

public static class SessionMetricMapping
{
    public const string TokenUsage = "gen_ai.client.token.usage";
    public const string Turns = "zos.session.turns";
    public const string UserTurns = "zos.session.user_turns";
    public const string Corrections = "zos.session.corrections";
    public const string Cost = "zos.session.cost";
    public const string Duration = "zos.session.duration";
    public const string ToolCalls = "zos.session.tool_calls";
    public const string ToolFailures = "zos.session.tool_failures";
    public const string SessionAlerts = "zos.session.alerts";
    public const string Alerts = "zos.alerts";

    public const string ServiceName = "zos-telemetry";

    /// <summary>Every session is a chat with an assistant, in the conventions' words (gen_ai.operation.name).</summary>
    public const string OperationChat = "chat";

    /// <summary>The buckets the GenAI conventions give gen_ai.client.token.usage.</summary>
    public static readonly IReadOnlyList<double> TokenBounds = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

    /// <summary>Counts per session (turns, corrections, tool calls and failures, alerts): 0 has a bucket of its own.</summary>
    public static readonly IReadOnlyList<double> CountBounds = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

    public static readonly IReadOnlyList<double> CostBounds = [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 20, 50, 100];

    public static readonly IReadOnlyList<double> DurationBounds = [1, 10, 60, 300, 600, 1800, 3600, 7200, 14400, 28800, 86400];

    private static readonly (string Name, string Unit, string Description, IReadOnlyList<double> Bounds)[] Histograms =
    [
        (TokenUsage, "{token}", "Tokens a session used, by gen_ai.token.type (one observation per session).", TokenBounds),
        (Turns, "{turn}", "Turns (user and assistant messages) in a session.", CountBounds),
        (UserTurns, "{turn}", "User turns in a session.", CountBounds),
        (Corrections, "{correction}", "User turns the correction detector marked as correcting the assistant.", CountBounds),
        (Cost, "USD", "Cost of a session in US dollars (recorded, else priced from tokens).", CostBounds),
        (Duration, "s", "From a session's first to its last event.", DurationBounds),
        (ToolCalls, "{call}", "Tool calls in an agent session.", CountBounds),
        (ToolFailures, "{failure}", "Failed tool results in an agent session.", CountBounds),
        (SessionAlerts, "{alert}", "Alerts (loop, stall, error burst) raised at a session's close.", CountBounds),
    ];

    /// <summary>
    /// The metrics of the sessions: one resource per system and user hash, its histograms in the order of the table
    /// (empty ones left out), then the zos.alerts sum by type and severity over the alerts written at those closes.
    /// </summary>
    public static IReadOnlyList<OtlpResourceMetrics> Map(IEnumerable<(SessionSummary Session, SessionOrigin Origin)> sessions,
        IReadOnlyDictionary<string, IReadOnlyList<TelemetryAlert>> alertsBySession, string serviceVersion)
    {
        var resources = new Dictionary<(string System, string? User), Builder>();
        foreach (var (s, origin) in sessions)
        {
            if (!resources.TryGetValue((s.System, origin.UserHash), out var b))
            {
                var attributes = new List<OtlpAttribute>
                {
                    new("service.name", ServiceName),
                    new("service.version", serviceVersion),
                    new("zos.system", s.System),
                };
                if (origin.UserHash is string user)
                {
                    attributes.Add(new("user.hash", user));
                }

                resources[(s.System, origin.UserHash)] = b = new Builder(new OtlpResourceMetrics { Resource = attributes });
            }

            var common = new List<OtlpAttribute>();
            if (origin.Provider is string provider)
            {
                common.Add(new("gen_ai.provider.name", provider));
            }

            if (s.Model is string model)
            {
                common.Add(new("gen_ai.request.model", model));
            }

            List<OtlpAttribute> Tokens(string type) =>
                [new("gen_ai.operation.name", OperationChat), .. common, new("gen_ai.token.type", type)];

            b.Record(TokenUsage, Tokens("input"), s.TokensIn);
            b.Record(TokenUsage, Tokens("output"), s.TokensOut);
            b.Record(Turns, common, s.Turns);
            b.Record(UserTurns, common, s.UserTurns);
            b.Record(Corrections, common, s.Corrections);
            b.Record(Cost, common, s.CostUsd);
            b.Record(Duration, common, s.DurationSeconds);
            // Rows written before agent-run figures existed lack them: no observation, rather than a 0 that is not known.
            if (s.ToolCalls is long calls)
            {
                b.Record(ToolCalls, common, calls);
            }

            if (s.ToolFailures is long failures)
            {
                b.Record(ToolFailures, common, failures);
            }

            if (s.Alerts is long alerts)
            {
                b.Record(SessionAlerts, common, alerts);
            }

            foreach (var a in alertsBySession.TryGetValue(s.SessionId, out var list) ? list : [])
            {
                b.Count(a.Type, a.Severity);
            }
        }

        return resources.Values.Select(b => b.Build()).ToList();
    }

    /// <summary>The points of one resource, keyed by metric and attribute set, in first-seen order.</summary>
    private sealed class Builder(OtlpResourceMetrics resource)
    {
        private readonly Dictionary<string, Dictionary<string, OtlpHistogramPoint>> histograms = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Type, string Severity), OtlpSumPoint> alertCounts = [];

        public void Record(string metric, List<OtlpAttribute> attributes, double value)
        {
            if (!histograms.TryGetValue(metric, out var points))
            {
                histograms[metric] = points = new Dictionary<string, OtlpHistogramPoint>(StringComparer.Ordinal);
            }

            string key = string.Join('\n', attributes.Select(a => a.Key + "=" + a.Value));
            if (!points.TryGetValue(key, out var point))
            {
                points[key] = point = new OtlpHistogramPoint { Attributes = attributes.ToArray(), Bounds = Array.Find(Histograms, h => h.Name == metric).Bounds };
            }

            point.Record(value);
        }

        public void Count(string type, string severity)
        {
            if (!alertCounts.TryGetValue((type, severity), out var point))
            {
                alertCounts[(type, severity)] = point = new OtlpSumPoint { Attributes = [new("zos.alert.type", type), new("zos.alert.severity", severity)] };
            }

            point.Value++;
        }

        public OtlpResourceMetrics Build()
        {
            foreach (var (name, unit, description, _) in Histograms)
            {
                if (histograms.TryGetValue(name, out var points))
                {
                    var metric = new OtlpMetric { Name = name, Unit = unit, Description = description };
                    metric.Histogram.AddRange(points.Values);
                    resource.Metrics.Add(metric);
                }
            }

            if (alertCounts.Count > 0)
            {
                var metric = new OtlpMetric { Name = Alerts, Unit = "{alert}", Description = "Alerts written at the sessions' closes, by type and severity.", IsSum = true };
                metric.Sum.AddRange(alertCounts.Values);
                resource.Metrics.Add(metric);
            }

            return resource;
        }
    }
}
