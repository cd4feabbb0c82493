// The page being written: escaped text, notes and warnings, and figures (SVG, notes, the data table under a
// disclosure). Sections write only through these methods, so nothing they pass can become markup.
using System.Globalization;
using System.Text;

namespace ZosTelemetry.Reports.Html;

public sealed class HtmlPage
{
    private readonly StringBuilder sb = new(64 * 1024);
    private readonly List<Chart> charts = new();

    public IReadOnlyList<Chart> Charts => charts;

    public void Heading(string text, int level = 3) =>
        sb.Append(CultureInfo.InvariantCulture, $"<h{level}>{Html.Escape(text)}</h{level}>\n");

    public void Paragraph(string text, string cls = "") =>
        sb.Append(cls.Length == 0 ? "<p>" : $"<p class=\"{Html.Escape(cls)}\">").Append(Html.Escape(text)).Append("</p>\n");

    public void Warning(string text) => Paragraph("⚠ " + text, "warning");

    public void Note(string text) => Paragraph(text, "note");

    /// <summary>Key figures as a row of tiles: label above, value below.</summary>
    public void Tiles(IEnumerable<(string Label, string Value)> tiles)
    {
        sb.Append("<div class=\"tiles\">");
        foreach (var (label, value) in tiles)
        {
            sb.Append("<div class=\"tile\"><span class=\"tile-label\">").Append(Html.Escape(label))
              .Append("</span><span class=\"tile-value\">").Append(Html.Escape(value)).Append("</span></div>");
        }

        sb.Append("</div>\n");
    }

    public void Figure(Chart chart)
    {
        charts.Add(chart);
        string id = Html.Escape(chart.Id);
        sb.Append(CultureInfo.InvariantCulture, $"<figure class=\"chart\" id=\"{id}\" data-chart=\"{id}\" data-marks=\"{chart.Marks}\">\n");
        sb.Append("<figcaption>").Append(Html.Escape(chart.Title)).Append("</figcaption>\n");
        sb.Append(chart.Svg).Append('\n');
        foreach (string w in chart.Warnings)
        {
            Warning(w);
        }

        if (chart.Source.Length > 0)
        {
            Paragraph(chart.Source, "source");
        }

        Table(chart.TableHeaders, chart.TableRows, "Data: " + chart.Title);
        sb.Append("</figure>\n");
    }

    /// <summary>A plain table under a closed disclosure (open when printed is the browser's choice).</summary>
    public void Table(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, string summary)
    {
        if (headers.Count == 0)
        {
            return;
        }

        sb.Append("<details><summary>").Append(Html.Escape(summary)).Append("</summary>\n");
        TableBody(headers, rows);
        sb.Append("</details>\n");
    }

    /// <summary>A plain table shown as it is (a list the section is about, not the numbers behind a chart); it prints.</summary>
    public void List(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, string id)
    {
        sb.Append("<div class=\"list\" id=\"").Append(Html.Escape(id)).Append("\">");
        TableBody(headers, rows);
        sb.Append("</div>\n");
    }

    private void TableBody(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        sb.Append("<div class=\"table-wrap\"><table><thead><tr>");
        foreach (string h in headers)
        {
            sb.Append("<th>").Append(Html.Escape(h)).Append("</th>");
        }

        sb.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            for (int i = 0; i < row.Count; i++)
            {
                sb.Append(i == 0 ? "<th scope=\"row\">" : "<td>").Append(Html.Escape(row[i])).Append(i == 0 ? "</th>" : "</td>");
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</tbody></table></div>");
    }

    internal void Raw(string trustedMarkup) => sb.Append(trustedMarkup);

    public override string ToString() => sb.ToString();
}
