// Renders a comparison as an aligned plain-text table for terminals.
using System.Globalization;
using System.Text;
using ZosTelemetry.Statistics;

namespace ZosTelemetry.Comparison;

public static class ComparisonText
{
    public static string Render(ComparisonReport r)
    {
        var rows = new List<string[]>
        {
            new[] { "Metric", r.SystemA + " mean", r.SystemA + " median", r.SystemB + " mean", r.SystemB + " median", "Diff (A-B)", "95% CI", "" },
        };
        foreach (var m in ComparisonRows.Shown(r))
        {
            var metric = ComparisonMetric.Get(m.Metric);
            rows.Add(
            [
                m.Label,
                metric.FormatValue(m.MeanA),
                metric.FormatValue(m.MedianA),
                metric.FormatValue(m.MeanB),
                metric.FormatValue(m.MedianB),
                ComparisonMarkdown.Signed(metric, m.Difference),
                m.Method == IntervalMethod.None ? "-" : $"[{metric.FormatValue(m.CiLow)}, {metric.FormatValue(m.CiHigh)}]",
                m.Method == IntervalMethod.None ? "" : m.Significant ? "significant" : "",
            ]);
        }

        int[] widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{r.SystemA} vs {r.SystemB} · {ComparisonMarkdown.Window(r)} · sessions {r.A.Sessions} vs {r.B.Sessions}\n");
        if (r.IsSmallSample)
        {
            sb.Append(CultureInfo.InvariantCulture, $"SMALL SAMPLE: fewer than {r.SmallSampleThreshold} sessions on a side; figures are indicative only.\n");
        }

        sb.Append('\n');
        for (int i = 0; i < rows.Count; i++)
        {
            for (int c = 0; c < rows[i].Length; c++)
            {
                string cell = rows[i][c];
                sb.Append(c == 0 ? cell.PadRight(widths[c]) : "  " + cell.PadLeft(c == rows[i].Length - 1 ? 0 : widths[c]));
            }

            sb.Append('\n');
            if (i == 0)
            {
                sb.Append(new string('-', widths.Sum() + (2 * (widths.Length - 1)))).Append('\n');
            }
        }

        sb.Append('\n').Append("Intervals: ").Append(ComparisonMarkdown.IntervalNote(r)).Append('\n');
        foreach (string w in r.Warnings)
        {
            sb.Append("warning: ").Append(w).Append('\n');
        }

        return sb.ToString();
    }
}
