// Renders the usage reports for the CLI: an aligned text table (with model rows under --breakdown) or one JSON object
// with snake_case fields like the rest of the CLI's JSON.
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ZosTelemetry.Reports;

public static class UsageReportRenderer
{
    private static readonly string[] Headers = ["Input", "Output", "Cache write", "Cache read", "Total tokens", "Cost USD"];

    public static string Text(string label, IReadOnlyList<PeriodUsage> rows, bool breakdown)
    {
        var lines = new List<string[]>();
        foreach (var r in rows)
        {
            lines.Add([r.Period, r.System, .. Numbers(r.InputTokens, r.OutputTokens, r.CacheWriteTokens, r.CacheReadTokens, r.TotalTokens, r.CostUsd, r.UnpricedEvents)]);
            if (breakdown)
            {
                lines.AddRange(r.Breakdown.Select(m => ModelLine(m)));
            }
        }

        var total = UsageReport.Total(rows);
        return Table([label, "System", .. Headers], lines, rows.Count == 0 ? null : ["Total", "", .. Numbers(total.InputTokens, total.OutputTokens, total.CacheWriteTokens, total.CacheReadTokens, total.TotalTokens, total.CostUsd, total.UnpricedEvents)])
            + Footnote(rows.SelectMany(r => r.Breakdown));
    }

    public static string Text(IReadOnlyList<SessionUsage> rows, TimeZoneInfo tz, bool breakdown)
    {
        var text = new StringWriter { NewLine = "\n" };
        WriteText(text, rows, tz, breakdown);
        return text.ToString();
    }

    /// <summary>
    /// The session table written as it goes, for rows that need not fit in memory (UsageReport.StreamBySession): the
    /// rows are enumerated twice, once for the column widths and the footnote, once to write them.
    /// </summary>
    public static void WriteText(TextWriter output, IEnumerable<SessionUsage> rows, TimeZoneInfo tz, bool breakdown)
    {
        string[] headers = ["Session", "System", "Last activity", "User turns", "Corrections", "Tool calls", "Tool failures", "API errors", "Total tokens", "Cost USD"];
        int[] widths = headers.Select(h => h.Length).ToArray();
        var unpriced = new List<(string Model, long Events)>();
        var unpricedIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        bool any = false;
        foreach (var s in rows)
        {
            any = true;
            foreach (var cells in SessionLines(s, tz, breakdown))
            {
                for (int c = 0; c < cells.Length; c++)
                {
                    widths[c] = Math.Max(widths[c], cells[c].Length);
                }
            }

            foreach (var m in s.Breakdown.Where(m => m.UnpricedEvents > 0))
            {
                if (unpricedIndex.TryGetValue(m.Model, out int i))
                {
                    unpriced[i] = (m.Model, unpriced[i].Events + m.UnpricedEvents);
                }
                else
                {
                    unpricedIndex[m.Model] = unpriced.Count;
                    unpriced.Add((m.Model, m.UnpricedEvents));
                }
            }
        }

        output.Write(Line(headers, widths, "Session"));
        output.Write(new string('-', widths.Sum() + (2 * (widths.Length - 1))) + "\n");
        if (any)
        {
            foreach (var s in rows)
            {
                foreach (var cells in SessionLines(s, tz, breakdown))
                {
                    output.Write(Line(cells, widths, "Session"));
                }
            }
        }

        output.Write(unpriced.Count == 0 ? "" : $"\n* leaves out events of models without a price: {string.Join(", ", unpriced.Select(u => $"{u.Model} ({u.Events} events)"))}.\n");
    }

    private static IEnumerable<string[]> SessionLines(SessionUsage s, TimeZoneInfo tz, bool breakdown)
    {
        yield return [
            s.SessionId, s.System, TimeZoneInfo.ConvertTime(s.LastTimestamp, tz).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            N(s.UserTurns), N(s.Corrections), N(s.ToolCalls), N(s.ToolFailures), N(s.ApiErrors),
            N(s.TotalTokens), Cost(s.CostUsd, s.UnpricedEvents)];
        if (breakdown)
        {
            foreach (var m in s.Breakdown)
            {
                yield return ["  └ " + m.Model, "", "", "", "", "", "", "", N(m.TotalTokens), Cost(m.CostUsd, m.UnpricedEvents)];
            }
        }
    }

    public static byte[] Json(string report, TimeZoneInfo tz, IReadOnlyList<PeriodUsage> rows, bool breakdown)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("report", report);
            w.WriteString("timezone", tz.Id);
            w.WriteStartArray("rows");
            foreach (var r in rows)
            {
                w.WriteStartObject();
                w.WriteString(report == "daily" ? "date" : "month", r.Period);
                w.WriteString("system", r.System);
                w.WriteNumber("sessions", r.Sessions);
                WriteUsage(w, r.InputTokens, r.OutputTokens, r.CacheWriteTokens, r.CacheReadTokens, r.TotalTokens, r.CostUsd, r.UnpricedEvents);
                WriteStrings(w, "models", r.Models);
                if (breakdown)
                {
                    WriteBreakdown(w, r.Breakdown);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            var t = UsageReport.Total(rows);
            w.WriteStartObject("totals");
            WriteUsage(w, t.InputTokens, t.OutputTokens, t.CacheWriteTokens, t.CacheReadTokens, t.TotalTokens, t.CostUsd, t.UnpricedEvents);
            w.WriteEndObject();
            WriteStrings(w, "unpriced_models", UsageReport.UnpricedModels(rows.Select(r => r.Breakdown)));
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Json(TimeZoneInfo tz, IReadOnlyList<SessionUsage> rows, bool breakdown)
    {
        var buffer = new MemoryStream();
        WriteJson(buffer, tz, rows, breakdown);
        return buffer.ToArray();
    }

    /// <summary>The session report's JSON written to a stream as it goes (flushed every 64 KB), for rows that need not fit in memory.</summary>
    public static void WriteJson(Stream output, TimeZoneInfo tz, IEnumerable<SessionUsage> rows, bool breakdown)
    {
        var unpriced = new SortedSet<string>(StringComparer.Ordinal);
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("report", "session");
        w.WriteString("timezone", tz.Id);
        w.WriteStartArray("rows");
        foreach (var s in rows)
        {
            w.WriteStartObject();
            w.WriteString("session_id", s.SessionId);
            w.WriteString("system", s.System);
            w.WriteString("first_ts", Store.Iso8601.Format(s.FirstTimestamp));
            w.WriteString("last_ts", Store.Iso8601.Format(s.LastTimestamp));
            w.WriteNumber("user_turns", s.UserTurns);
            w.WriteNumber("corrections", s.Corrections);
            w.WriteNumber("tool_calls", s.ToolCalls);
            w.WriteNumber("tool_failures", s.ToolFailures);
            w.WriteNumber("api_errors", s.ApiErrors);
            w.WriteNumber("interrupts", s.Interrupts);
            WriteUsage(w, s.InputTokens, s.OutputTokens, s.CacheWriteTokens, s.CacheReadTokens, s.TotalTokens, s.CostUsd, s.UnpricedEvents);
            WriteStrings(w, "models", s.Models);
            if (breakdown)
            {
                WriteBreakdown(w, s.Breakdown);
            }

            w.WriteEndObject();
            unpriced.UnionWith(s.Breakdown.Where(m => m.UnpricedEvents > 0).Select(m => m.Model));
            if (w.BytesPending > 64 * 1024)
            {
                w.Flush();
            }
        }

        w.WriteEndArray();
        WriteStrings(w, "unpriced_models", unpriced);
        w.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter w, long input, long output, long cacheWrite, long cacheRead, long total, double cost, long unpriced)
    {
        w.WriteNumber("input_tokens", input);
        w.WriteNumber("output_tokens", output);
        w.WriteNumber("cache_write_tokens", cacheWrite);
        w.WriteNumber("cache_read_tokens", cacheRead);
        w.WriteNumber("total_tokens", total);
        w.WriteNumber("cost_usd", cost);
        w.WriteNumber("unpriced_events", unpriced);
    }

    private static void WriteBreakdown(Utf8JsonWriter w, IReadOnlyList<ModelUsage> breakdown)
    {
        w.WriteStartArray("breakdown");
        foreach (var m in breakdown)
        {
            w.WriteStartObject();
            w.WriteString("model", m.Model);
            w.WriteNumber("events", m.Events);
            WriteUsage(w, m.InputTokens, m.OutputTokens, m.CacheWriteTokens, m.CacheReadTokens, m.TotalTokens, m.CostUsd, m.UnpricedEvents);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (string v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static string[] ModelLine(ModelUsage m) =>
        ["  └ " + m.Model, "", .. Numbers(m.InputTokens, m.OutputTokens, m.CacheWriteTokens, m.CacheReadTokens, m.TotalTokens, m.CostUsd, m.UnpricedEvents)];

    private static string[] Numbers(long input, long output, long cacheWrite, long cacheRead, long total, double cost, long unpriced) =>
        [N(input), N(output), N(cacheWrite), N(cacheRead), N(total), Cost(cost, unpriced)];

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A cost that leaves out unpriced events is marked with an asterisk, explained under the table.</summary>
    private static string Cost(double cost, long unpriced) =>
        cost.ToString("0.0000", CultureInfo.InvariantCulture) + (unpriced > 0 ? "*" : "");

    private static string Footnote(IEnumerable<ModelUsage> models)
    {
        var unpriced = models.Where(m => m.UnpricedEvents > 0).GroupBy(m => m.Model).Select(g => $"{g.Key} ({g.Sum(m => m.UnpricedEvents)} events)").ToList();
        return unpriced.Count == 0 ? "" : $"\n* leaves out events of models without a price: {string.Join(", ", unpriced)}.\n";
    }

    /// <summary>One line of a table, with its newline.</summary>
    private static string Line(string[] cells, int[] widths, string firstHeader)
    {
        var line = new StringBuilder();
        for (int c = 0; c < cells.Length; c++)
        {
            // The first two columns (period or session, system) read left to right; numbers align right.
            string cell = c < 2 || (firstHeader == "Session" && c == 2) ? cells[c].PadRight(widths[c]) : cells[c].PadLeft(widths[c]);
            line.Append(cell).Append(c + 1 < cells.Length ? "  " : "");
        }

        return line.ToString().TrimEnd() + "\n";
    }

    private static string Table(string[] headers, List<string[]> rows, string[]? total)
    {
        var all = new List<string[]> { headers };
        all.AddRange(rows);
        if (total is not null)
        {
            all.Add(total);
        }

        int[] widths = Enumerable.Range(0, headers.Length).Select(c => all.Max(r => r[c].Length)).ToArray();
        var sb = new StringBuilder();
        void Line(string[] cells) => sb.Append(UsageReportRenderer.Line(cells, widths, headers[0]));

        Line(headers);
        sb.Append(new string('-', widths.Sum() + (2 * (widths.Length - 1)))).Append('\n');
        foreach (var r in rows)
        {
            Line(r);
        }

        if (total is not null)
        {
            sb.Append(new string('-', widths.Sum() + (2 * (widths.Length - 1)))).Append('\n');
            Line(total);
        }

        return sb.ToString();
    }
}
