// Renders a comparison as one JSON object: systems keyed by name, deltas, warnings. NaN (an empty side) is null.
using System.Text;
using System.Text.Json;
using ZosTelemetry.Statistics;

namespace ZosTelemetry.Comparison;

public static class ComparisonJson
{
    public static string Render(ComparisonReport r, bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartObject();
            w.WriteString("system_a", r.SystemA);
            w.WriteString("system_b", r.SystemB);
            if (r.WindowDays is int d)
            {
                w.WriteNumber("window_days", d);
            }
            else
            {
                w.WriteNull("window_days");
            }

            w.WriteString("generated_at", Store.Iso8601.Format(r.GeneratedAt));
            w.WriteNumber("small_sample_n", r.SmallSampleThreshold);
            w.WriteStartArray("interval_methods");
            foreach (string m in r.IntervalMethods)
            {
                w.WriteStringValue(m);
            }

            w.WriteEndArray();
            w.WriteStartObject("systems");
            foreach (var side in new[] { r.A, r.B })
            {
                w.WriteStartObject(side.System);
                w.WriteNumber("sessions", side.Sessions);
                w.WriteBoolean("small_sample", side.SmallSample);
                w.WriteStartArray("detector_versions");
                foreach (int v in side.DetectorVersions)
                {
                    w.WriteNumberValue(v);
                }

                w.WriteEndArray();
                foreach (var m in side.Metrics)
                {
                    w.WriteStartObject(m.Metric);
                    w.WriteNumber("n", m.N);
                    Number(w, "mean", m.Mean);
                    Number(w, "median", m.Median);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteStartArray("deltas");
            foreach (var m in r.Metrics)
            {
                w.WriteStartObject();
                w.WriteString("metric", m.Metric);
                Number(w, "a", m.MeanA);
                Number(w, "b", m.MeanB);
                Number(w, "diff", m.Difference);
                if (m.Method == IntervalMethod.None)
                {
                    w.WriteNull("ci95");
                }
                else
                {
                    w.WriteStartArray("ci95");
                    w.WriteNumberValue(m.CiLow);
                    w.WriteNumberValue(m.CiHigh);
                    w.WriteEndArray();
                }

                w.WriteString("method", MetricComparison.MethodName(m.Method));
                w.WriteBoolean("significant", m.Significant);
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

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
