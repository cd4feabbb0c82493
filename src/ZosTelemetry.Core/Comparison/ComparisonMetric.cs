// The per-session metrics a comparison reports, each a function of one closed session.
using ZosTelemetry.Sessions;

namespace ZosTelemetry.Comparison;

public sealed class ComparisonMetric
{
    private ComparisonMetric(string name, string label, string format, Func<SessionSummary, double?> value)
    {
        Name = name;
        Label = label;
        Format = format;
        Value = value;
    }

    /// <summary>An agent-run metric: text and Markdown leave its row out when neither side has a session that knows it.</summary>
    public bool IsAgentRun => Name is "success_rate" or "tool_failures_per_session" or "errors_per_session" or "alerts_per_session";

    /// <summary>The .NET number format that shows this metric at a useful precision.</summary>
    public string Format { get; }

    /// <summary>The metric's key in JSON (snake_case).</summary>
    public string Name { get; }

    /// <summary>A short human label for tables.</summary>
    public string Label { get; }

    /// <summary>The session's value, or null when the metric does not apply to it (no user turns for a rate).</summary>
    public Func<SessionSummary, double?> Value { get; }

    public static ComparisonMetric Get(string name) => All.First(m => m.Name == name);

    public string FormatValue(double value) =>
        double.IsNaN(value) ? "–" : value.ToString(Format, global::System.Globalization.CultureInfo.InvariantCulture);

    public static IReadOnlyList<ComparisonMetric> All { get; } =
    [
        new("corrections_per_session", "Corrections / session", "0.00", s => s.Corrections),
        new("correction_rate_per_user_turn", "Corrections / user turn", "0.000", s => s.CorrectionRate),
        // A session with events of unknown price has no known cost: it is left out of this metric, never counted as cheaper.
        new("cost_usd_per_session", "Cost USD / session", "0.0000", s => s.UnpricedEvents > 0 ? null : s.CostUsd),
        new("tokens_per_session", "Tokens / session", "0", s => s.Tokens),
        new("turns_per_session", "Turns / session", "0.0", s => s.Turns),
        new("user_turns_per_session", "User turns / session", "0.0", s => s.UserTurns),
        new("duration_s_per_session", "Duration s / session", "0", s => s.DurationSeconds),

        // Agent runs: only sessions that show one (SessionSummary.IsAgentRun) count, so a chat session's zero tool
        // failures does not dilute an agent's; success_rate counts the sessions whose outcome is known.
        new("success_rate", "Success rate", "0.000", s => s.Outcome is null ? null : s.Outcome == Events.Outcomes.Success ? 1 : 0),
        new("tool_failures_per_session", "Tool failures / session", "0.00", s => s.IsAgentRun ? s.ToolFailures : null),
        new("errors_per_session", "Errors / session", "0.00", s => s.IsAgentRun ? s.ErrorCount : null),
        new("alerts_per_session", "Alerts / session", "0.00", s => s.IsAgentRun ? s.Alerts : null),
    ];
}
