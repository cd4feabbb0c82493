// Renders a period comparison as an aligned table for terminals and the PowerShell default view, or as JSON.
using System.Globalization;
using System.Text;
using System.Text.Json;
using ZosTelemetry.Reporting;

namespace ZosTelemetry.Comparison;

public static class PeriodComparisonText
{
    public static string Render(PeriodComparison r)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Last {r.Days} days vs last {r.Against} days · {r.System ?? "all systems"} · until {Store.Iso8601.Format(r.GeneratedAt)}\n\n");
        var rows = new List<string[]>
        {
            new[] { "Metric", $"Last {r.Days} days", $"Last {r.Against} days", $"Per day ({r.Days})", $"Per day ({r.Against})", "Change" },
        };
        rows.AddRange(r.Metrics.Select(m => new[] { m.Label, m.FormatValue1(), m.FormatValue2(), m.FormatPerDay1(), m.FormatPerDay2(), m.FormatChange() }));
        TextTable.Append(sb, rows);
        sb.Append('\n').Append(CultureInfo.InvariantCulture, $"Change: the last {r.Days} days against the last {r.Against}; for totals, of the per-day rate, so that periods of different lengths compare; pp = percentage points.\n");
        foreach (string w in r.Warnings)
        {
            sb.Append("warning: ").Append(w).Append('\n');
        }

        return sb.ToString();
    }

    public static string RenderJson(PeriodComparison r, bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartObject();
            if (r.System is null)
            {
                w.WriteNull("system");
            }
            else
            {
                w.WriteString("system", r.System);
            }

            w.WriteString("generated_at", Store.Iso8601.Format(r.GeneratedAt));
            foreach (var (name, p) in new[] { ("period1", r.Period1), ("period2", r.Period2) })
            {
                w.WriteStartObject(name);
                w.WriteNumber("days", p.Days);
                w.WriteString("since", Store.Iso8601.Format(p.Since));
                w.WriteString("until", Store.Iso8601.Format(p.Until));
                w.WriteNumber("calls", p.Calls);
                w.WriteNumber("cost_usd", p.CostUsd);
                w.WriteNumber("priced_calls", p.PricedCalls);
                w.WriteNumber("unknown_price_calls", p.UnknownPriceCalls);
                w.WriteNumber("tokens", p.Tokens);
                w.WriteNumber("cache_known_calls", p.CacheKnownCalls);
                w.WriteNumber("cache_hits", p.CacheHits);
                w.WriteNumber("sessions", p.Sessions);
                w.WriteNumber("user_turns", p.UserTurns);
                w.WriteNumber("corrections", p.Corrections);
                w.WriteEndObject();
            }

            w.WriteStartArray("metrics");
            foreach (var m in r.Metrics)
            {
                w.WriteStartObject();
                w.WriteString("metric", m.Metric);
                Number(w, "period1", m.Value1);
                Number(w, "period2", m.Value2);
                if (m.PerDay1 is not null)
                {
                    Number(w, "period1_per_day", m.PerDay1);
                    Number(w, "period2_per_day", m.PerDay2);
                }

                Number(w, "change", m.Change is double c ? Math.Round(c, 4) : null);
                w.WriteString("change_unit", m.ChangeUnit);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("warnings");
            foreach (string warning in r.Warnings)
            {
                w.WriteStringValue(warning);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v)
        {
            w.WriteNumber(name, Math.Round(v, 10));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
