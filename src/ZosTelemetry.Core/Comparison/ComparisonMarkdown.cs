// Renders a comparison as GitHub-flavoured Markdown (reads cleanly in a CI job summary).
using System.Globalization;
using System.Text;
using ZosTelemetry.Statistics;

namespace ZosTelemetry.Comparison;

public static class ComparisonMarkdown
{
    public static string Render(ComparisonReport r)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"## {Escape(r.SystemA)} vs {Escape(r.SystemB)}\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"{Window(r)} · sessions: **{r.A.Sessions}** vs **{r.B.Sessions}** · generated {Store.Iso8601.Format(r.GeneratedAt)}\n\n");
        if (r.IsSmallSample)
        {
            sb.Append(CultureInfo.InvariantCulture, $"> ⚠️ **Small sample** (fewer than {r.SmallSampleThreshold} sessions on a side): the figures below are indicative only.\n\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"| Metric | {Escape(r.SystemA)} mean | {Escape(r.SystemA)} median | {Escape(r.SystemB)} mean | {Escape(r.SystemB)} median | Δ (A − B) | 95% CI | |\n");
        sb.Append("|---|---:|---:|---:|---:|---:|---|---|\n");
        foreach (var m in ComparisonRows.Shown(r))
        {
            var metric = ComparisonMetric.Get(m.Metric);
            string ci = m.Method == IntervalMethod.None ? "–" : $"[{metric.FormatValue(m.CiLow)}, {metric.FormatValue(m.CiHigh)}]";
            string verdict = m.Method == IntervalMethod.None ? "" : m.Significant ? "**significant**" : "not significant";
            sb.Append(CultureInfo.InvariantCulture, $"| {m.Label} | {metric.FormatValue(m.MeanA)} | {metric.FormatValue(m.MedianA)} | {metric.FormatValue(m.MeanB)} | {metric.FormatValue(m.MedianB)} | {Signed(metric, m.Difference)} | {ci} | {verdict} |\n");
        }

        sb.Append('\n');
        sb.Append(CultureInfo.InvariantCulture, $"Intervals: {IntervalNote(r)} \"Significant\" means the 95% interval of the difference excludes zero.\n");
        if (r.Warnings.Count > 0)
        {
            sb.Append("\n**Warnings**\n\n");
            foreach (string w in r.Warnings)
            {
                sb.Append("- ").Append(Escape(w)).Append('\n');
            }
        }

        return sb.ToString();
    }

    internal static string Window(ComparisonReport r) =>
        r.WindowDays is int d ? string.Create(CultureInfo.InvariantCulture, $"last {d} day{(d == 1 ? "" : "s")}") : "all time";

    internal static string IntervalNote(ComparisonReport r)
    {
        var methods = r.IntervalMethods;
        if (methods.Count == 0)
        {
            return "none could be computed (a side has no sessions).";
        }

        return string.Join(" ", methods.Select(m => m == "bootstrap"
            ? string.Create(CultureInfo.InvariantCulture, $"percentile bootstrap of the difference of means ({DifferenceInterval.DefaultResamples} resamples, fixed seed {DifferenceInterval.DefaultSeed}).")
            : "normal approximation with Welch's standard error (large samples)."));
    }

    internal static string Signed(ComparisonMetric metric, double value) =>
        double.IsNaN(value) ? "–" : (value > 0 ? "+" : "") + metric.FormatValue(value);

    private static string Escape(string s) => Reporting.MarkdownText.Escape(s);
}
