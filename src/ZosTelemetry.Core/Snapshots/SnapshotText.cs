// Renders snapshots and drift reports for the CLI: aligned tables for terminals, JSON, and Markdown for CI summaries
// (the same three shapes as compare).
using System.Globalization;
using System.Text;
using System.Text.Json;
using ZosTelemetry.Reporting;
using ZosTelemetry.Store;

namespace ZosTelemetry.Snapshots;

public static class SnapshotText
{
    /// <summary>One line per snapshot, newest last, as the module's default view shows them.</summary>
    public static string RenderTable(IReadOnlyList<QualitySnapshot> snapshots)
    {
        var rows = new List<string[]> { new[] { "Timestamp", "System", "User", "Records", "Confidence", "Reject", "Entropy", "Classes", "Suggestions" } };
        rows.AddRange(snapshots.Select(s => new[]
        {
            Iso8601.Format(s.Timestamp), s.System, s.User ?? "-", s.TotalWindows.ToString(CultureInfo.InvariantCulture),
            s.MeanConfidence is double c ? c.ToString("0.0000", CultureInfo.InvariantCulture) : "–", TextTable.Percent(s.RejectRate),
            s.MeanEntropy.ToString("0.0000", CultureInfo.InvariantCulture), s.Classes.ToString(CultureInfo.InvariantCulture),
            s.SuggestionsPerDay.ToString(CultureInfo.InvariantCulture),
        }));
        var sb = new StringBuilder();
        TextTable.Append(sb, rows, "llllrrrrr");
        return sb.ToString();
    }

    /// <summary>The rows as stored, one JSON object per line.</summary>
    public static string RenderJsonLines(IEnumerable<QualitySnapshot> snapshots)
    {
        var sb = new StringBuilder();
        foreach (var s in snapshots)
        {
            sb.Append(Encoding.UTF8.GetString(SnapshotRowCodec.Line(s)));
        }

        return sb.ToString();
    }

    public static string RenderDrift(SnapshotDriftReport r)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Snapshot drift: last {r.Last} days against the {r.Baseline} days before · until {Iso8601.Format(r.GeneratedAt)}\n\n");
        if (r.Rows.Count == 0)
        {
            sb.Append("No snapshots in either window.\n");
        }
        else
        {
            var rows = new List<string[]> { new[] { "System", "Metric", "Baseline", "Recent", "Change", "Threshold", "Drift", "Snapshots" } };
            rows.AddRange(r.Rows.Select(d => new[] { d.System, d.Label, d.FormatBaseline, d.FormatRecent, d.FormatChange, d.FormatThreshold, d.Drifted ? "DRIFT" : "", Counts(d) }));
            TextTable.Append(sb, rows, "llrrrrlr");
            sb.Append('\n').Append(Note);
        }

        foreach (string w in r.Warnings)
        {
            sb.Append("warning: ").Append(w).Append('\n');
        }

        return sb.ToString();
    }

    public static string RenderDriftMarkdown(SnapshotDriftReport r)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"## Snapshot drift\n\nLast **{r.Last}** days against the **{r.Baseline}** days before · generated {Iso8601.Format(r.GeneratedAt)}\n\n");
        if (r.Rows.Count == 0)
        {
            sb.Append("No snapshots in either window.\n");
        }
        else
        {
            var rows = new List<string[]> { new[] { "System", "Metric", "Baseline", "Recent", "Change", "Threshold", "Drift", "Snapshots" } };
            rows.AddRange(r.Rows.Select(d => new[] { d.System, d.Label, d.FormatBaseline, d.FormatRecent, d.FormatChange, d.FormatThreshold, d.Drifted ? "**drift**" : "", Counts(d) }));
            TextTable.AppendMarkdown(sb, rows, "llrrrrlr");
            sb.Append('\n').Append(Note);
        }

        if (r.Warnings.Count > 0)
        {
            sb.Append("\n**Warnings**\n\n");
            foreach (string w in r.Warnings)
            {
                sb.Append("- ").Append(TextTable.Escape(w)).Append('\n');
            }
        }

        return sb.ToString();
    }

    public static string RenderDriftJson(SnapshotDriftReport r)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("generated_at", Iso8601.Format(r.GeneratedAt));
            w.WriteNumber("last_days", r.Last);
            w.WriteNumber("baseline_days", r.Baseline);
            w.WriteString("recent_since", Iso8601.Format(r.RecentSince));
            w.WriteString("baseline_since", Iso8601.Format(r.BaselineSince));
            w.WriteBoolean("drifted", r.Drifted);
            w.WriteStartArray("rows");
            foreach (var d in r.Rows)
            {
                w.WriteStartObject();
                w.WriteString("system", d.System);
                w.WriteString("metric", d.Metric);
                Number(w, "baseline", d.Baseline);
                Number(w, "recent", d.Recent);
                Number(w, "change", d.Change);
                w.WriteNumber("threshold", d.Threshold);
                w.WriteBoolean("drifted", d.Drifted);
                w.WriteNumber("baseline_snapshots", d.BaselineSnapshots);
                w.WriteNumber("recent_snapshots", d.RecentSnapshots);
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

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private const string Note = "Windows pool their snapshots weighted by record count; change = recent − baseline (class mix: total variation distance); DRIFT = change at least the threshold either way; snapshots: baseline / recent.\n";

    private static string Counts(SnapshotDrift d) => string.Create(CultureInfo.InvariantCulture, $"{d.BaselineSnapshots} / {d.RecentSnapshots}");

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
