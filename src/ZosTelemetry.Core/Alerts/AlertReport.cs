// The alerts over closed sessions: the ones each session's latest close wrote (a re-close supersedes earlier ones),
// those still past the thresholds asked for, and the cost spikes that can only be known across sessions. Renders as
// a text table or JSON, with the thresholds printed beside the result.
using System.Globalization;
using System.Text;
using System.Text.Json;
using ZosTelemetry.Reporting;
using ZosTelemetry.Store;

namespace ZosTelemetry.Alerts;

public sealed class AlertReport
{
    public AlertOptions Options { get; init; } = AlertOptions.Default;

    /// <summary>Closed sessions the alerts were looked for in.</summary>
    public int Sessions { get; init; }

    public IReadOnlyList<TelemetryAlert> Alerts { get; init; } = [];

    /// <summary>
    /// Finds the alerts of the sessions that match the query. Stored alerts are kept when they belong to their session's
    /// latest close and still cross the thresholds given (a stricter loop, burst or stall minimum filters them; a looser
    /// one takes a new close, which is where they are found). Cost spikes are computed now, over the matching sessions.
    /// </summary>
    public static AlertReport Find(TelemetryStore store, SessionQuery? query = null, AlertOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Find(store, store.ReadSessions(query ?? new SessionQuery()), options);
    }

    /// <summary>The same over a team database: its matching sessions and their stored alerts, selected by query.</summary>
    public static AlertReport Find(Sync.ITeamDatabase database, SessionQuery? query = null, AlertOptions? options = null, Action<StoreWarning>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        query ??= new SessionQuery();
        return Find(Sync.TeamRows.ReadAlerts(database, query, warn), Sync.TeamRows.ReadSessions(database, query, warn), options);
    }

    /// <summary>The same over sessions already read (the latest summary of each that matches, as ReadSessions gives them).</summary>
    internal static AlertReport Find(TelemetryStore store, IReadOnlyList<Sessions.SessionSummary> sessions, AlertOptions? options) =>
        Find(store.ReadAlertRows(), sessions, options);

    private static AlertReport Find(IEnumerable<TelemetryAlert> stored, IReadOnlyList<Sessions.SessionSummary> sessions, AlertOptions? options)
    {
        options = (options ?? AlertOptions.Default).Checked();
        // The latest close of the sessions that have stored alerts only: they are few, the sessions many (a map of every
        // session cost the HTML report 14 MB and a pass of string hashing at 100,000 sessions).
        var candidates = stored.Where(a => a.ClosedAt is not null).ToList();
        var latestClose = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        foreach (var a in candidates)
        {
            latestClose[a.SessionId] = null;
        }

        if (latestClose.Count > 0)
        {
            foreach (var s in sessions)
            {
                if (latestClose.ContainsKey(s.SessionId))
                {
                    latestClose[s.SessionId] = s.ClosedAt;
                }
            }
        }

        var alerts = candidates
            .Where(a => latestClose[a.SessionId] is DateTimeOffset latest && a.ClosedAt == latest && StillCrosses(a, options))
            .Concat(AlertDetector.CostSpikes(sessions, options))
            .OrderBy(a => a.Timestamp)
            .ThenBy(a => a.SessionId, StringComparer.Ordinal)
            .ThenBy(a => a.Type, StringComparer.Ordinal)
            .ToList();
        return new AlertReport { Options = options, Sessions = sessions.Count, Alerts = alerts };
    }

    private static bool StillCrosses(TelemetryAlert a, AlertOptions o) => a.Type switch
    {
        AlertTypes.Loop => a.Count >= o.LoopCalls,
        AlertTypes.ErrorBurst => a.Count >= o.BurstErrors,
        AlertTypes.Stall => a.GapSeconds >= o.StallMinSeconds,
        _ => true,
    };

    /// <summary>What triggered an alert, in a few words of figures.</summary>
    public static string Figures(TelemetryAlert a) => a.Type switch
    {
        AlertTypes.Loop => string.Create(CultureInfo.InvariantCulture, $"{a.Count} calls of {a.Tool} in a row"),
        AlertTypes.Stall => string.Create(CultureInfo.InvariantCulture, $"gap of {a.GapSeconds:0} s"),
        AlertTypes.CostSpike => string.Create(CultureInfo.InvariantCulture, $"{TextTable.Usd(a.CostUsd ?? 0)} vs median {TextTable.Usd(a.MedianCostUsd ?? 0)}, z {a.Z:0.0}"),
        AlertTypes.ErrorBurst => string.Create(CultureInfo.InvariantCulture, $"{a.Count} errors within the window"),
        _ => "",
    };

    public string RenderText()
    {
        var sb = new StringBuilder();
        if (Alerts.Count == 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"No alerts over {Sessions} closed session{(Sessions == 1 ? "" : "s")}.\n");
        }
        else
        {
            var rows = new List<string[]> { new[] { "Time (UTC)", "Session", "System", "Type", "Severity", "Figures" } };
            rows.AddRange(Alerts.Select(a => new[]
            {
                a.Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), a.SessionId, a.System, a.Type, a.Severity, Figures(a),
            }));
            TextTable.Append(sb, rows, "llllll");
            sb.Append(CultureInfo.InvariantCulture, $"{Alerts.Count} alert{(Alerts.Count == 1 ? "" : "s")} over {Sessions} closed sessions.\n");
        }

        sb.Append("Thresholds: ").Append(Options.Describe()).Append('\n');
        return sb.ToString();
    }

    public string RenderJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("thresholds");
            w.WriteNumber("loop_calls", Options.LoopCalls);
            w.WriteNumber("stall_factor", Options.StallFactor);
            w.WriteNumber("stall_min_s", Options.StallMinSeconds);
            w.WriteNumber("cost_z", Options.CostZ);
            w.WriteNumber("cost_min_sessions", Options.CostMinSessions);
            w.WriteNumber("burst_errors", Options.BurstErrors);
            w.WriteNumber("burst_window_s", Options.BurstSeconds);
            w.WriteEndObject();
            w.WriteNumber("sessions", Sessions);
            w.WriteStartArray("alerts");
            foreach (var a in Alerts)
            {
                w.WriteStartObject();
                w.WriteString("session_id", a.SessionId);
                w.WriteString("system", a.System);
                w.WriteString("type", a.Type);
                w.WriteString("severity", a.Severity);
                w.WriteString("ts", Iso8601.Format(a.Timestamp));
                Nullable(w, "count", a.Count);
                Nullable(w, "gap_s", a.GapSeconds);
                Nullable(w, "cost_usd", a.CostUsd);
                Nullable(w, "median_cost_usd", a.MedianCostUsd);
                Nullable(w, "z", a.Z);
                if (a.Tool is null)
                {
                    w.WriteNull("tool");
                }
                else
                {
                    w.WriteString("tool", a.Tool);
                }

                w.WriteNumber("threshold", a.Threshold);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Nullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Nullable(Utf8JsonWriter w, string name, long? value) => Nullable(w, name, value is long v ? (double?)v : null);
}
