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

    /// <summary>
    /// The value at the metric's precision, or finer where the value is small: at least two significant digits (up to
    /// six decimals), so that a real difference such as [0.253, 0.342] seconds never prints as [0, 0]. Used by the
    /// text, Markdown and PowerShell views alike.
    /// </summary>
    public string FormatValue(double value)
    {
        if (double.IsNaN(value))
        {
            return "–";
        }

        int decimals = Format.Contains('.', StringComparison.Ordinal) ? Format.Length - Format.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
        if (value != 0 && !double.IsInfinity(value))
        {
            int needed = 1 - (int)Math.Floor(Math.Log10(Math.Abs(value)));
            decimals = Math.Clamp(needed, decimals, Math.Max(decimals, MaxDecimals));
        }

        return value.ToString("F" + decimals.ToString(global::System.Globalization.CultureInfo.InvariantCulture), global::System.Globalization.CultureInfo.InvariantCulture);
    }

    private const int MaxDecimals = 6;

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
