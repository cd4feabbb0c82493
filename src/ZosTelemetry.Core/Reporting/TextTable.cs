// Aligned plain-text and Markdown tables for the usage reports (savings, period comparison). Alignment is one letter
// per column, 'l' or 'r'; by default the first column is left-aligned and the others, figures, right-aligned.
using System.Globalization;
using System.Text;

namespace ZosTelemetry.Reporting;

public static class TextTable
{
    public static void Append(StringBuilder sb, IReadOnlyList<string[]> rows, string? align = null)
    {
        align ??= DefaultAlign(rows[0].Length);
        int[] widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        for (int i = 0; i < rows.Count; i++)
        {
            for (int c = 0; c < widths.Length; c++)
            {
                string cell = align[c] == 'l' ? rows[i][c].PadRight(widths[c]) : rows[i][c].PadLeft(widths[c]);
                sb.Append(c == 0 ? cell : "  " + cell);
            }

            TrimEnd(sb);
            sb.Append('\n');
            if (i == 0)
            {
                sb.Append(new string('-', widths.Sum() + (2 * (widths.Length - 1)))).Append('\n');
            }
        }
    }

    public static void AppendMarkdown(StringBuilder sb, IReadOnlyList<string[]> rows, string? align = null)
    {
        align ??= DefaultAlign(rows[0].Length);
        sb.Append("| ").Append(string.Join(" | ", rows[0].Select(Escape))).Append(" |\n");
        sb.Append('|').Append(string.Concat(align.Select(a => a == 'l' ? "---|" : "---:|"))).Append('\n');
        foreach (var row in rows.Skip(1))
        {
            sb.Append("| ").Append(string.Join(" | ", row.Select(Escape))).Append(" |\n");
        }
    }

    /// <summary>USD with four decimals, so cents and fractions of a cent of small calls both show.</summary>
    public static string Usd(double v) => "$" + v.ToString("0.0000", CultureInfo.InvariantCulture);

    public static string Percent(double share) => (100 * share).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string DefaultAlign(int columns) => "l" + new string('r', columns - 1);

    public static string Escape(string s) => MarkdownText.Escape(s);

    private static void TrimEnd(StringBuilder sb)
    {
        while (sb.Length > 0 && sb[^1] == ' ')
        {
            sb.Length--;
        }
    }
}
