// Flat rows for spreadsheets and scripts: every column a scalar (tokens and cost as numbers, timestamps ISO-8601
// UTC, markers joined by spaces), so that a CSV opens cleanly and parses back to the same numbers. An event's
// cost_usd is the resolved cost (recorded, or priced from tokens), empty when unknown, with cost_source saying which.
// Only rows whose family (schemas/index.json) may travel by an operator's export are written, each stamped with its
// sensitivity and transmission class; a row of a content-bearing (S3) family stops the export (AllowsExport).
// A snapshot's maps (class distribution, feature missingness) become one cell of name=value pairs joined by spaces,
// as markers are: names cannot hold a space or '=', so the cell splits back exactly.
using ZosTelemetry.Contracts;
using ZosTelemetry.Events;
using ZosTelemetry.Pricing;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Export;

public static class TelemetryExport
{
    public static IReadOnlyList<string> EventColumns { get; } =
    [
        "ts", "session_id", "system", "context", "role", "kind", "model", "provider", "tier",
        "tokens_in", "tokens_out", "cache_read_tokens", "cache_write_tokens", "cost_usd", "cost_source",
        "duration_ms", "cache_hit", "markers", "user", "event_id",
        "tool", "ok", "error_category", "error_fingerprint", "outcome", "attempt", "task_id", "attempt_id", "variant",
        "sensitivity_class", "transmission_class",
    ];

    public static IReadOnlyList<string> SessionColumns { get; } =
    [
        "session_id", "system", "context", "model", "detector_version", "first_ts", "last_ts", "ts_closed", "duration_s",
        "turns", "user_turns", "corrections", "events", "tokens_in", "tokens_out", "cost_usd", "unpriced_events",
        "tool_calls", "tool_failures", "errors", "outcome", "first_shot_success", "attempts", "alerts", "variant",
        "sensitivity_class", "transmission_class",
    ];

    public static IReadOnlyList<string> AlertColumns { get; } =
    [
        "ts", "session_id", "system", "type", "severity", "count", "gap_s", "cost_usd", "median_cost_usd", "z", "tool", "threshold", "ts_closed",
    ];

    public static object?[] AlertRow(Alerts.TelemetryAlert a) =>
    [
        Iso8601.Format(a.Timestamp), a.SessionId, a.System, a.Type, a.Severity, a.Count, a.GapSeconds, a.CostUsd, a.MedianCostUsd, a.Z, a.Tool,
        a.Threshold, a.ClosedAt is DateTimeOffset c ? Iso8601.Format(c) : null,
    ];

    /// <summary>Writes the alert rows; returns how many.</summary>
    public static long WriteAlerts(Stream output, ExportFormat format, IEnumerable<Alerts.TelemetryAlert> alerts, ContractRegistry? registry = null) =>
        WriteRows(output, format, AlertColumns, alerts, RowTypes.Alert, registry, (a, _) => AlertRow(a));

    public static IReadOnlyList<string> SnapshotColumns { get; } =
    [
        "ts", "system", "user", "window_start", "window_end", "total_windows", "confidence_mean", "confidence_median",
        "confidence_p5", "confidence_p95", "confidence_std", "reject_rate", "mean_entropy", "class_distribution",
        "feature_missingness", "schema_version", "suggestions_per_day", "sensitivity_class", "transmission_class",
    ];

    public static object?[] SnapshotRow(Snapshots.QualitySnapshot s, TelemetryFamily family) =>
    [
        Iso8601.Format(s.Timestamp), s.System, s.User, s.WindowStart is { } a ? Iso8601.Format(a) : null, s.WindowEnd is { } b ? Iso8601.Format(b) : null,
        s.TotalWindows, s.ConfidenceStats?.Mean, s.ConfidenceStats?.Median, s.ConfidenceStats?.P5, s.ConfidenceStats?.P95, s.ConfidenceStats?.Std,
        s.RejectRate, s.MeanEntropy, Pairs(s.ClassDistribution), Pairs(s.FeatureMissingness), s.SchemaVersion, s.SuggestionsPerDay,
        family.SensitivityClass, family.TransmissionClass,
    ];

    /// <summary>Writes the snapshots as rows; returns how many.</summary>
    public static long WriteSnapshots(Stream output, ExportFormat format, IEnumerable<Snapshots.QualitySnapshot> snapshots, ContractRegistry? registry = null) =>
        WriteRows(output, format, SnapshotColumns, snapshots, RowTypes.QualitySnapshot, registry, SnapshotRow);

    private static string? Pairs(IReadOnlyDictionary<string, double> map) =>
        map.Count == 0 ? null : string.Join(' ', map.Select(p => p.Key + "=" + p.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    public static object?[] EventRow(TelemetryEvent e, CostResolver costs, TelemetryFamily family)
    {
        var cost = costs.Resolve(e);
        return
        [
            Iso8601.Format(e.Timestamp), e.SessionId, e.System, e.Context, e.Role, e.Kind, e.Model, e.Provider, e.Tier,
            e.TokensIn, e.TokensOut, e.CacheReadTokens, e.CacheWriteTokens, cost.Usd, cost.Source.ToString().ToLowerInvariant(),
            e.DurationMs, e.CacheHit, e.Markers.Count == 0 ? null : e.Markers.ToString(), e.User, e.EventId,
            e.Tool, e.Ok, e.ErrorCategory, e.ErrorFingerprint, e.Outcome, e.Attempt, e.TaskId, e.AttemptId, e.Variant,
            family.SensitivityClass, family.TransmissionClass,
        ];
    }

    public static object?[] SessionRow(SessionSummary s, TelemetryFamily family) =>
    [
        s.SessionId, s.System, s.Context, s.Model, (long)s.DetectorVersion, Iso8601.Format(s.FirstTimestamp), Iso8601.Format(s.LastTimestamp),
        Iso8601.Format(s.ClosedAt), s.DurationSeconds, s.Turns, s.UserTurns, s.Corrections, s.Events, s.TokensIn, s.TokensOut, s.CostUsd,
        s.UnpricedEvents, s.ToolCalls, s.ToolFailures,
        s.Errors,
        s.Outcome, s.FirstShotSuccess, s.Attempts, s.Alerts, s.Variant,
        family.SensitivityClass, family.TransmissionClass,
    ];

    /// <summary>Writes the events as rows; returns how many.</summary>
    public static long WriteEvents(Stream output, ExportFormat format, IEnumerable<TelemetryEvent> events, CostResolver costs, ContractRegistry? registry = null)
    {
        registry ??= ContractRegistry.Embedded;
        using var writer = ExportWriter.Create(output, format, EventColumns);
        foreach (var e in events)
        {
            var family = registry.FamilyOfKind(e.Kind);
            if (ContractRegistry.AllowsExport(family, "export"))
            {
                writer.Write(EventRow(e, costs, family));
            }
        }

        writer.Complete();
        return writer.Rows;
    }

    /// <summary>Writes the session summaries as rows; returns how many.</summary>
    public static long WriteSessions(Stream output, ExportFormat format, IEnumerable<SessionSummary> sessions, ContractRegistry? registry = null) =>
        WriteRows(output, format, SessionColumns, sessions, RowTypes.SessionSummary, registry, SessionRow);

    /// <summary>
    /// The rows of one row type without kinds (sessions, snapshots, alerts): nothing when the registry's family for it
    /// does not allow an operator's export, and a content-bearing family stops the export (AllowsExport).
    /// </summary>
    private static long WriteRows<T>(Stream output, ExportFormat format, IReadOnlyList<string> columns, IEnumerable<T> rows, string rowType,
        ContractRegistry? registry, Func<T, TelemetryFamily, object?[]> row)
    {
        var family = (registry ?? ContractRegistry.Embedded).FamilyOfRowType(rowType)
            ?? throw new ContractViolationException($"export refused: the registry declares no {rowType} family.");
        if (!ContractRegistry.AllowsExport(family, "export"))
        {
            return 0;
        }

        using var writer = ExportWriter.Create(output, format, columns);
        foreach (var r in rows)
        {
            writer.Write(row(r, family));
        }

        writer.Complete();
        return writer.Rows;
    }
}
