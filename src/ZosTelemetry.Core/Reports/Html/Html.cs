// HTML escaping and invariant number formats for the HTML report. Every name that reaches the page (systems, models,
// tiers, warnings) goes through Escape, in text and in attributes alike, so `<script>` renders as text.
using System.Globalization;
using System.Text;

namespace ZosTelemetry.Reports.Html;

public static class Html
{
    /// <summary>Escapes the five characters that can end text or an attribute value: &amp; &lt; &gt; " and '.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            } ?? c.ToString());
        }

        return sb.ToString();
    }

    /// <summary>A coordinate in SVG: invariant, at most two decimals.</summary>
    internal static string N(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    internal static string Int(long v) => v.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>US dollars at a precision that suits the amount: cents from one dollar up, four decimals below.</summary>
    internal static string Usd(double v) =>
        double.IsNaN(v) ? "–" : (v < 0 ? "-$" : "$") + Math.Abs(v).ToString(Math.Abs(v) >= 1 || v == 0 ? "N2" : "0.0000", CultureInfo.InvariantCulture);

    /// <summary>A share from 0 to 1 as a percentage with one decimal.</summary>
    internal static string Percent(double share) => (100 * share).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A short axis label: 1.2k, 3.4M; plain below a thousand.</summary>
    internal static string Compact(double v)
    {
        double a = Math.Abs(v);
        return a >= 1e9 ? (v / 1e9).ToString("0.#", CultureInfo.InvariantCulture) + "G"
            : a >= 1e6 ? (v / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M"
            : a >= 1e4 ? (v / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k"
            : v.ToString("0.####", CultureInfo.InvariantCulture);
    }

    internal static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
