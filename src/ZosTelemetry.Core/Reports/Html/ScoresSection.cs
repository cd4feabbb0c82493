// Scores: the model quality score per model as ModelScorer computes it for `score` and Get-TelemetryModelScore (the
// default weights, the formula printed), ranked, as a table, and each model's success rate drawn with its 95% Wilson
// interval. Groups under 20 sessions are flagged as compare flags them.
using System.Globalization;
using ZosTelemetry.Scores;
using ZosTelemetry.Store;

namespace ZosTelemetry.Reports.Html;

public sealed class ScoresSection : IHtmlReportSection
{
    /// <summary>The best-ranked this many groups with a success rate are drawn; the table has them all.</summary>
    public const int MaxDrawn = 20;

    private const double Width = 760, Left = 200, Right = 560, RowHeight = 26, Top = 14, AxisSpace = 52;

    public string Id => "scores";

    public string Title => "Scores";

    public void Write(HtmlPage page, HtmlReportContext context)
    {
        var named = context.SystemsChosen ? null : context.Options.Systems;
        var sessions = context.SessionsInWindow(null).Where(s => named is null || named.Contains(s.System));
        var report = ModelScorer.Score(sessions, new ScoreOptions());
        string whose = named is null ? "" : " of " + string.Join(" and ", named);
        if (report.Rows.Count == 0)
        {
            page.Note($"No closed sessions{whose} in {context.WindowText}: nothing to score.");
            return;
        }

        page.Paragraph($"Per model, the sessions{whose} in {context.WindowText} ranked by {report.Formula}, as zos-telemetry score and " +
            "Get-TelemetryModelScore compute it. Success and first shot count sessions with a known outcome (a session_end event or close --outcome); " +
            "the success rate's 95% interval is Wilson's.");
        int small = report.Rows.Count(r => r.SmallSample);
        if (small > 0)
        {
            page.Warning($"{small} model{(small == 1 ? " has" : "s have")} fewer than {Comparison.SystemComparer.SmallSampleN} sessions: indicative only.");
        }

        page.List(
            ["Rank", "Model", "Sessions", "With outcome", "Success", "95% interval", "First shot", "Cost/session", "Errors/session", "Tool failures", "Score", ""],
            report.Rows.Select(r => (IReadOnlyList<string>)[Html.Int(r.Rank), r.Group, Html.Int(r.Sessions), Html.Int(r.SessionsWithOutcome), Rate(r.SuccessRate),
                Interval(r), Rate(r.FirstShotRate), r.CostPerSession is double c ? Html.Usd(c) : "–", Number(r.ErrorsPerSession, "0.00"), Rate(r.ToolFailureRate),
                Number(r.Score, "0.000"), r.SmallSample ? "small sample" : ""]).ToList(),
            "score-table");

        var drawn = report.Rows.Where(r => r.SuccessRate is not null).ToList();
        if (drawn.Count == 0)
        {
            page.Note($"No session{whose} in {context.WindowText} has a known outcome: no success rate to draw.");
            return;
        }

        page.Figure(SuccessChart(drawn, context, whose));
    }

    /// <summary>Per model, ranked: its success rate as a dot on its 95% Wilson interval, on a 0 to 100% axis.</summary>
    private static Chart SuccessChart(List<ModelScore> rows, HtmlReportContext context, string whose)
    {
        const string title = "Success rate per model with its 95% Wilson interval";
        var shown = rows.Take(MaxDrawn).ToList();
        double height = Top + (shown.Count * RowHeight) + AxisSpace + 8;
        var svg = new Svg(Width, height, title);
        var axis = new Axis(0, 1, Left, Right);
        double bottom = Top + (shown.Count * RowHeight);
        foreach (double t in axis.Ticks())
        {
            svg.Line(axis[t], Top, axis[t], bottom, "grid");
        }

        double y = Top;
        foreach (var r in shown)
        {
            double cy = y + (RowHeight / 2);
            string label = $"#{r.Rank} {(r.Group.Length > 24 ? r.Group[..23] + "…" : r.Group)}";
            svg.Text(Left - 10, cy + 4, label + (r.SmallSample ? " ⚠" : ""), r.SmallSample ? "sub flag" : "label", "end");
            double lo = axis[r.SuccessLow!.Value], hi = axis[r.SuccessHigh!.Value];
            string tip = $"{r.Group}: success {Rate(r.SuccessRate)}, 95% interval {Interval(r)}, {r.SessionsWithOutcome} sessions with an outcome";
            svg.MarkPath($"M{Html.N(lo)},{Html.N(cy - 5)}V{Html.N(cy + 5)}M{Html.N(lo)},{Html.N(cy)}H{Html.N(hi)}M{Html.N(hi)},{Html.N(cy - 5)}V{Html.N(cy + 5)}", "ci", tip);
            svg.MarkCircle(axis[r.SuccessRate!.Value], cy, 4.5, "diff", tip);
            svg.Text(Right + 10, cy + 4, $"{Rate(r.SuccessRate)} ({Interval(r)}), n = {r.SessionsWithOutcome}", "value");
            y += RowHeight;
        }

        svg.XAxis(axis, bottom, "Success rate (%), sessions with a known outcome", v => (100 * v).ToString("0", CultureInfo.InvariantCulture) + "%");
        return new Chart
        {
            Id = "score-success",
            Title = title,
            Marks = svg.Marks,
            Svg = svg.ToString(),
            Warnings = rows.Count > MaxDrawn ? [$"The {MaxDrawn} best-ranked models are drawn; every model is in the table."] : [],
            Source = $"From {Html.Int(rows.Sum(r => r.SessionsWithOutcome))} closed sessions{whose} with a known outcome in {context.WindowText}; store: {context.Overview.Describe()}. ⚠: fewer than {Comparison.SystemComparer.SmallSampleN} sessions.",
            TableHeaders = ["Rank", "Model", "Sessions with outcome", "Success", "95% low", "95% high", "Score"],
            TableRows = rows.Select(r => (IReadOnlyList<string>)[Html.Int(r.Rank), r.Group, Html.Int(r.SessionsWithOutcome), Rate(r.SuccessRate),
                Rate(r.SuccessLow), Rate(r.SuccessHigh), Number(r.Score, "0.000")]).ToList(),
        };
    }

    private static string Rate(double? v) => v is double d ? Html.Percent(d) : "–";

    private static string Interval(ModelScore r) => r.SuccessLow is double lo && r.SuccessHigh is double hi ? $"{Html.Percent(lo)}–{Html.Percent(hi)}" : "–";

    private static string Number(double? v, string format) => v is double d ? d.ToString(format, CultureInfo.InvariantCulture) : "–";
}
