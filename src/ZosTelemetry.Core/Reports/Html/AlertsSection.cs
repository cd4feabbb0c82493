// Alerts: the alerts of the report's closed sessions as AlertReport finds them for `alerts` and Get-TelemetryAlert
// (what each session's latest close wrote, and the cost spikes known only across sessions), under the default
// thresholds, which the section prints. A chart of when each alert happened by type and severity, and the list.
using System.Globalization;
using ZosTelemetry.Alerts;
using ZosTelemetry.Store;

namespace ZosTelemetry.Reports.Html;

public sealed class AlertsSection : IHtmlReportSection
{
    /// <summary>The newest this many alerts are drawn and listed; every one is counted, and `alerts` lists them all.</summary>
    public const int MaxShown = 300;

    private static readonly string[] Types = [AlertTypes.Loop, AlertTypes.Stall, AlertTypes.CostSpike, AlertTypes.ErrorBurst];
    private static readonly string[] Severities = [AlertSeverities.Critical, AlertSeverities.Warning, AlertSeverities.Info];

    private const double Width = 760, Height = 270, Left = 110, Right = 720, Top = 14, Bottom = 170, RowHeight = (Bottom - Top) / 4;

    public string Id => "alerts";

    public string Title => "Alerts";

    public void Write(HtmlPage page, HtmlReportContext context)
    {
        // Named systems are found one by one (cost spikes are measured within a system either way); else all at once.
        var scopes = context.SystemsChosen ? [null] : context.Options.Systems.Select(s => (string?)s).ToList();
        var reports = scopes.Select(s => AlertReport.Find(context.Store, context.SessionsInWindow(s), AlertOptions.Default)).ToList();
        int sessions = reports.Sum(r => r.Sessions);
        // One report's alerts come in this order already (AlertReport's); several are merged into it.
        var alerts = reports.Count == 1 ? reports[0].Alerts.ToList()
            : reports.SelectMany(r => r.Alerts).OrderBy(a => a.Timestamp).ThenBy(a => a.SessionId, StringComparer.Ordinal).ThenBy(a => a.Type, StringComparer.Ordinal).ToList();
        string thresholds = "Thresholds: " + AlertOptions.Default.Describe() + ".";
        if (alerts.Count == 0)
        {
            page.Note($"No alerts over {Html.Int(sessions)} closed session{(sessions == 1 ? "" : "s")} in {context.WindowText}. {thresholds}");
            return;
        }

        page.Paragraph($"{Html.Int(alerts.Count)} alert{(alerts.Count == 1 ? "" : "s")} over {Html.Int(sessions)} closed sessions in {context.WindowText}, " +
            "as zos-telemetry alerts and Get-TelemetryAlert find them: the alerts each session's latest close wrote, and cost spikes across sessions.");
        page.Note(thresholds);
        page.Tiles(Severities.Select(s => (Capital(s), Html.Int(alerts.Count(a => a.Severity == s))))
            .Concat(Types.Select(t => (t, Html.Int(alerts.Count(a => a.Type == t))))));
        if (alerts.Any(a => a.Severity == AlertSeverities.Critical))
        {
            int critical = alerts.Count(a => a.Severity == AlertSeverities.Critical);
            page.Warning($"{critical} critical alert{(critical == 1 ? "" : "s")}: at twice a threshold or more.");
        }

        var shown = alerts.Count > MaxShown ? alerts.GetRange(alerts.Count - MaxShown, MaxShown) : alerts;
        page.Figure(Timeline(shown, alerts.Count, context));
        page.Heading(alerts.Count > MaxShown ? $"The newest {MaxShown} of {Html.Int(alerts.Count)} alerts" : "Alert list");
        page.List(Headers, shown.AsEnumerable().Reverse().Select(Row).ToList(), "alert-list");
    }

    private static readonly string[] Headers = ["Time (UTC)", "Type", "Severity", "Session", "System", "Figures", "Threshold"];

    private static IReadOnlyList<string> Row(TelemetryAlert a) =>
    [
        a.Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), a.Type, a.Severity, a.SessionId, a.System,
        AlertReport.Figures(a), a.Threshold.ToString("0.##", CultureInfo.InvariantCulture),
    ];

    /// <summary>One mark per alert: its day across, its type down, its severity as colour and shape.</summary>
    private static Chart Timeline(List<TelemetryAlert> alerts, int total, HtmlReportContext context)
    {
        const string title = "Alerts by day, type and severity";
        var first = DateOnly.FromDateTime(alerts[0].Timestamp.UtcDateTime);
        var last = DateOnly.FromDateTime(alerts[^1].Timestamp.UtcDateTime);
        int days = last.DayNumber - first.DayNumber + 1;
        var start = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        double X(DateTimeOffset t) => Left + 8 + ((t - start).TotalDays / days * (Right - Left - 16));

        var svg = new Svg(Width, Height, title);
        for (int i = 0; i < Types.Length; i++)
        {
            double y = Top + (i * RowHeight);
            if (i % 2 == 0)
            {
                svg.Rect(Left, y + 2, Right - Left, RowHeight - 4, "band");
            }

            svg.Text(Left - 8, y + (RowHeight / 2) + 4, Types[i], "label", "end");
        }

        svg.Line(Left, Bottom, Right, Bottom, "axis");
        bool oneYear = first.Year == last.Year;
        foreach (int day in TrendsSection.DateTicks(days + 1))
        {
            double x = Left + 8 + ((double)day / days * (Right - Left - 16));
            var date = first.AddDays(day);
            svg.Line(x, Bottom, x, Bottom + 4, "axis");
            svg.Text(x, Bottom + 16, oneYear ? date.ToString("MMM d", CultureInfo.InvariantCulture) : Html.Date(date), "tick", "middle");
        }

        svg.Text((Left + Right) / 2, Bottom + 34, oneYear ? $"Time (UTC), {first.Year}" : "Time (UTC)", "axis-title", "middle");
        svg.VerticalText(14, (Top + Bottom) / 2, "Alert type", "axis-title");
        for (int n = 0; n < alerts.Count; n++)
        {
            var a = alerts[n];
            int row = Math.Max(0, Array.IndexOf(Types, a.Type));
            double cx = X(a.Timestamp);
            // Consecutive alerts step up and down a little, so alerts of one type close in time stay apart.
            double cy = Top + (row * RowHeight) + (RowHeight / 2) + (((n % 5) - 2) * 4);
            string tip = $"{a.Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}, {a.Type} ({a.Severity}), {a.System} {a.SessionId}: {AlertReport.Figures(a)}";
            string cls = "alert sev-" + a.Severity;
            switch (a.Severity)
            {
                case AlertSeverities.Critical:
                    svg.MarkRect(cx - 5, cy - 5, 10, 10, cls, tip);
                    break;
                case AlertSeverities.Warning:
                    svg.MarkPath(Svg.Diamond(cx, cy, 6), cls, tip);
                    break;
                default:
                    svg.MarkCircle(cx, cy, 4.5, cls, tip);
                    break;
            }
        }

        TrendsSection.Legend(svg, Severities.Select(s => (s, "sev-" + s)), Bottom + 58);
        return new Chart
        {
            Id = "alerts-timeline",
            Title = title,
            Marks = svg.Marks,
            Svg = svg.ToString(),
            Warnings = total > alerts.Count ? [$"The newest {alerts.Count} of {Html.Int(total)} alerts are drawn and listed; zos-telemetry alerts lists every one."] : [],
            Source = $"From {Html.Int(total)} alerts, {Html.Date(first)} to {Html.Date(last)} (UTC); store: {context.Overview.Describe()}. Square: critical, diamond: warning, circle: info.",
            TableHeaders = Headers,
            TableRows = alerts.Select(Row).ToList(),
        };
    }

    private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
