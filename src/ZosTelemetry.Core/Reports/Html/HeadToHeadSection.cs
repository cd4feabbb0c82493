// Head to head: each comparison metric as the two systems' distributions (box plots, with every session as a dot in
// small samples, the mean as a diamond) and, under them, the difference of means A − B with its 95% interval against
// zero. The figures are SystemComparer's, the same as `compare` prints; small samples are flagged on their chart.
using System.Globalization;
using ZosTelemetry.Comparison;
using ZosTelemetry.Statistics;

namespace ZosTelemetry.Reports.Html;

public sealed class HeadToHeadSection : IHtmlReportSection
{
    private const double Width = 760, Left = 170, Right = 730, RowA = 38, RowB = 84, BoxHeight = 24;
    private const double ValueAxisY = 110, DiffTitleY = 174, DiffRowY = 196, DiffAxisY = 214, Height = 262;

    public string Id => "head-to-head";

    public string Title => "Head to head";

    public void Write(HtmlPage page, HtmlReportContext context)
    {
        if (context.HeadToHead is not (string a, string b))
        {
            page.Note(context.Systems.Count == 1
                ? $"Only '{context.Systems[0]}' is in this report: name a second system (--system A --system B, or -System A, B) to compare two head to head."
                : "The store has fewer than two systems with closed sessions in the window: nothing to compare head to head.");
            return;
        }

        var options = new ComparisonOptions
        {
            WindowDays = context.Options.WindowDays,
            Now = context.Options.Now,
            Distributions = true,
        };
        var report = context.LatestInStoreOrder is { } latest
            ? SystemComparer.CompareLatest(latest, a, b, options)
            : SystemComparer.Compare(context.Store, a, b, options);

        page.Paragraph(context.SystemsChosen
            ? $"{a} against {b}, the two systems with the most closed sessions in {context.WindowText} (name others with --system or -System)."
            : $"{a} against {b}, {context.WindowText}.");
        page.Tiles([(a, Html.Int(report.A.Sessions) + " sessions"), (b, Html.Int(report.B.Sessions) + " sessions")]);
        foreach (string w in report.Warnings)
        {
            page.Warning(w);
        }

        page.Note($"Intervals: {ComparisonMarkdown.IntervalNote(report)}");
        page.Note("Boxes span the middle half of the sessions (quartiles), the line in a box is the median, whiskers reach the furthest session within 1.5 box lengths, the diamond is the mean" +
            $"; up to {Distribution.DefaultKeepValuesUpTo} sessions a side, every session is a dot. Below each: the difference of means and its 95% interval; an interval clear of zero is marked significant.");
        string source = $"From {Html.Int(report.A.Sessions)} closed sessions of {a} and {Html.Int(report.B.Sessions)} of {b}, {context.WindowText}; store: {context.Overview.Describe()}.";
        // The agent-run metrics only where a session on either side knows them, as the text and Markdown tables show them.
        foreach (var m in ComparisonRows.Shown(report))
        {
            page.Figure(Chart(report, m, context, source));
        }
    }

    internal static Chart Chart(ComparisonReport report, MetricComparison m, HtmlReportContext context, string source)
    {
        var metric = ComparisonMetric.Get(m.Metric);
        var da = report.A[m.Metric].Distribution;
        var db = report.B[m.Metric].Distribution;
        var svg = new Svg(Width, Height, $"{m.Label}: {report.SystemA} against {report.SystemB}");

        // The value axis covers every dot drawn, the whiskers and the means.
        var extent = new List<double>();
        foreach (var (d, mean) in new[] { (da, m.MeanA), (db, m.MeanB) })
        {
            if (d is null)
            {
                continue;
            }

            extent.AddRange(d.Values.Count > 0 ? [d.Min, d.Max] : [d.WhiskerLow, d.WhiskerHigh]);
            extent.Add(mean);
        }

        var axis = new Axis(extent.Count > 0 ? extent.Min() : 0, extent.Count > 0 ? extent.Max() : 1, Left, Right);
        svg.Rect(Left, RowA - BoxHeight, Right - Left, RowB - RowA + (2 * BoxHeight), "band");
        Side(svg, axis, report.SystemA, da, m.MeanA, RowA, context.ColourOf(report.SystemA), metric);
        Side(svg, axis, report.SystemB, db, m.MeanB, RowB, context.ColourOf(report.SystemB), metric);
        svg.XAxis(axis, ValueAxisY, m.Label, Html.Compact);

        Difference(svg, m, metric);

        var warnings = new List<string>();
        foreach (var (system, n) in new[] { (report.SystemA, report.A[m.Metric].N), (report.SystemB, report.B[m.Metric].N) })
        {
            if (n < report.SmallSampleThreshold)
            {
                warnings.Add($"Small sample: {system} has {n} session{(n == 1 ? "" : "s")} with this metric (fewer than {report.SmallSampleThreshold}); read the difference as indicative only.");
            }
        }

        string ci = m.Method == IntervalMethod.None ? "–" : $"[{metric.FormatValue(m.CiLow)}, {metric.FormatValue(m.CiHigh)}] ({MetricComparison.MethodName(m.Method)}{(m.Significant ? ", significant" : "")})";
        return new Chart
        {
            Id = "h2h-" + m.Metric,
            Title = $"{m.Label}: {report.SystemA} against {report.SystemB}",
            Marks = svg.Marks,
            Svg = svg.ToString(),
            Warnings = warnings,
            Source = source,
            TableHeaders = ["", "Sessions", "Mean", "Median", "Q1", "Q3", "Min", "Max", "Difference of means, 95% CI"],
            TableRows =
            [
                Row(report.SystemA, report.A[m.Metric], metric),
                Row(report.SystemB, report.B[m.Metric], metric),
                [$"{report.SystemA} − {report.SystemB}", "", ComparisonMarkdown.Signed(metric, m.Difference), "", "", "", "", "", ci],
            ],
        };
    }

    private static IReadOnlyList<string> Row(string system, MetricSummary s, ComparisonMetric metric)
    {
        var d = s.Distribution;
        string F(double? v) => v is double x ? metric.FormatValue(x) : "–";
        return [system, s.N.ToString(CultureInfo.InvariantCulture), F(s.Mean), F(s.Median), F(d?.Q1), F(d?.Q3), F(d?.Min), F(d?.Max), ""];
    }

    private static void Side(Svg svg, Axis axis, string system, Distribution? d, double mean, double y, string colour, ComparisonMetric metric)
    {
        svg.Text(Left - 10, y - 2, Clip(system), "label", "end");
        svg.Text(Left - 10, y + 13, d is null ? "no sessions" : $"n = {Html.Int(d.N)}", "sub", "end");
        if (d is null)
        {
            return;
        }

        double top = y - (BoxHeight / 2);
        svg.Line(axis[d.WhiskerLow], y, axis[d.Q1], y, "whisker");
        svg.Line(axis[d.Q3], y, axis[d.WhiskerHigh], y, "whisker");
        svg.Line(axis[d.WhiskerLow], y - 6, axis[d.WhiskerLow], y + 6, "whisker");
        svg.Line(axis[d.WhiskerHigh], y - 6, axis[d.WhiskerHigh], y + 6, "whisker");
        svg.MarkRect(axis[d.Q1], top, axis[d.Q3] - axis[d.Q1], BoxHeight, "box " + colour,
            $"{system}: quartiles {metric.FormatValue(d.Q1)} to {metric.FormatValue(d.Q3)}, median {metric.FormatValue(d.Median)}");
        svg.Line(axis[d.Median], top, axis[d.Median], top + BoxHeight, "median");
        for (int i = 0; i < d.Values.Count; i++)
        {
            // A fixed jitter by position spreads equal values (whole numbers of corrections) across the box's height.
            double jitter = (((i * 7919) % 17) - 8) * 1.2;
            svg.MarkCircle(axis[d.Values[i]], y + jitter, 2.4, "dot " + colour, $"{system}: {metric.FormatValue(d.Values[i])}");
        }

        if (!double.IsNaN(mean))
        {
            svg.MarkPath(Svg.Diamond(axis[mean], y, 7), "mean", $"{system}: mean {metric.FormatValue(mean)}");
        }
    }

    private static void Difference(Svg svg, MetricComparison m, ComparisonMetric metric)
    {
        string verdict = m.Method == IntervalMethod.None ? "no interval: a side has too few sessions"
            : $"{ComparisonMarkdown.Signed(metric, m.Difference)} [{metric.FormatValue(m.CiLow)}, {metric.FormatValue(m.CiHigh)}], {(m.Significant ? "significant (clear of zero)" : "not significant (includes zero)")}";
        svg.Text(Left, DiffTitleY, $"Difference of means with its 95% interval: {verdict}", "sub");
        svg.Text(Left - 10, DiffRowY + 4, "A − B", "label", "end");
        if (double.IsNaN(m.Difference))
        {
            return;
        }

        bool hasCi = m.Method != IntervalMethod.None && double.IsFinite(m.CiLow) && double.IsFinite(m.CiHigh);
        double lo = Math.Min(0, hasCi ? Math.Min(m.CiLow, m.Difference) : m.Difference);
        double hi = Math.Max(0, hasCi ? Math.Max(m.CiHigh, m.Difference) : m.Difference);
        var axis = new Axis(lo, hi, Left, Right);
        svg.Line(axis[0], DiffRowY - 14, axis[0], DiffRowY + 10, "zero");
        string cls = m.Significant ? "ci significant" : "ci";
        if (hasCi)
        {
            double x1 = axis[m.CiLow], x2 = axis[m.CiHigh];
            svg.MarkPath($"M{Html.N(x1)},{Html.N(DiffRowY - 6)}V{Html.N(DiffRowY + 6)}M{Html.N(x1)},{Html.N(DiffRowY)}H{Html.N(x2)}M{Html.N(x2)},{Html.N(DiffRowY - 6)}V{Html.N(DiffRowY + 6)}",
                cls, $"95% interval [{metric.FormatValue(m.CiLow)}, {metric.FormatValue(m.CiHigh)}]");
        }

        svg.MarkCircle(axis[m.Difference], DiffRowY, 5, "diff " + cls, $"difference {ComparisonMarkdown.Signed(metric, m.Difference)}");
        svg.XAxis(axis, DiffAxisY, $"{m.Label}, {m.SystemA} − {m.SystemB}", Html.Compact);
    }

    private static string Clip(string name) => name.Length > 22 ? name[..21] + "…" : name;
}
