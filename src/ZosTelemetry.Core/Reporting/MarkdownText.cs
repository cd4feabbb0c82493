// One rule for every name the Markdown renderings print (systems, models, warnings): a value cannot end a table cell
// (|), break a row (CR, LF) or open HTML (<, >, &) in a renderer that allows it, such as GitHub's job summary.
using System.Text;

namespace ZosTelemetry.Reporting;

public static class MarkdownText
{
    public static string Escape(string s)
    {
        if (s.AsSpan().IndexOfAny("|\r\n<>&\\") < 0)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length + 8);
        foreach (char c in s)
        {
            sb.Append(c switch
            {
                '|' => "\\|",
                '\\' => "\\\\",
                '\r' => "&#13;",
                '\n' => "&#10;",
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }
}
