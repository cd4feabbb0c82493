// One alert: a session that went wrong in a way worth telling someone at once. The row written to
// alerts-YYYY-MM.jsonl (bucketed by ts) and the object the module emits. Holds figures only, never text.
namespace ZosTelemetry.Alerts;

public sealed class TelemetryAlert
{
    public int Schema { get; init; } = 1;
    public string SessionId { get; init; } = "";
    public string System { get; init; } = "";

    /// <summary>loop, stall, cost_spike or error_burst (AlertTypes).</summary>
    public string Type { get; init; } = "";

    /// <summary>info, warning or critical.</summary>
    public string Severity { get; init; } = "";

    /// <summary>When the trouble started: the loop's first call, the gap's start, the burst's first error, the session's last activity.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>loop: calls in a row; error_burst: errors in the window.</summary>
    public long? Count { get; init; }

    /// <summary>stall: the gap in seconds.</summary>
    public double? GapSeconds { get; init; }

    /// <summary>cost_spike: the session's cost.</summary>
    public double? CostUsd { get; init; }

    /// <summary>cost_spike: the system's median session cost.</summary>
    public double? MedianCostUsd { get; init; }

    /// <summary>cost_spike: robust z, (cost − median) / (1.4826 × MAD).</summary>
    public double? Z { get; init; }

    /// <summary>loop: the tool called again and again (a name, never its arguments).</summary>
    public string? Tool { get; init; }

    /// <summary>The threshold the figure crossed (calls, seconds, z or errors), so a reader sees how far past it the session went.</summary>
    public double Threshold { get; init; }

    /// <summary>The close that wrote this alert; a later close of the same session supersedes its alerts. Null for cost spikes, computed when read.</summary>
    public DateTimeOffset? ClosedAt { get; init; }
}

public static class AlertTypes
{
    public const string Loop = "loop";
    public const string Stall = "stall";
    public const string CostSpike = "cost_spike";
    public const string ErrorBurst = "error_burst";
}

public static class AlertSeverities
{
    public const string Info = "info";
    public const string Warning = "warning";
    public const string Critical = "critical";
}
