// Reads and writes quality snapshot rows (snapshots-YYYY-MM.jsonl), schema 1, fields in a fixed order. As with the
// event rows, the reader skips fields it does not know and refuses a row that breaks the snapshot rules, so a
// hand-edited or foreign row can never bring into a report what `snapshot` would have refused to write.
using System.Buffers;
using System.Text.Json;
using ZosTelemetry.Events;
using ZosTelemetry.Snapshots;

namespace ZosTelemetry.Store;

public static class SnapshotRowCodec
{
    public static void Write(IBufferWriter<byte> output, QualitySnapshot s)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, SkipValidation = true });
        w.WriteStartObject();
        w.WriteNumber("schema", s.Schema);
        w.WriteString("ts", Iso8601.Format(s.Timestamp));
        w.WriteString("system", s.System);
        StringOrNull(w, "user", s.User);
        StringOrNull(w, "window_start", s.WindowStart is DateTimeOffset a ? Iso8601.Format(a) : null);
        StringOrNull(w, "window_end", s.WindowEnd is DateTimeOffset b ? Iso8601.Format(b) : null);
        w.WriteNumber("total_windows", s.TotalWindows);
        Map(w, "feature_missingness", s.FeatureMissingness);
        if (s.ConfidenceStats is { } c)
        {
            w.WriteStartObject("confidence_stats");
            w.WriteNumber("mean", c.Mean);
            w.WriteNumber("median", c.Median);
            w.WriteNumber("p5", c.P5);
            w.WriteNumber("p95", c.P95);
            w.WriteNumber("std", c.Std);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("confidence_stats");
        }

        w.WriteNumber("reject_rate", s.RejectRate);
        w.WriteNumber("mean_entropy", s.MeanEntropy);
        Map(w, "class_distribution", s.ClassDistribution);
        StringOrNull(w, "schema_version", s.SchemaVersion);
        w.WriteNumber("suggestions_per_day", s.SuggestionsPerDay);
        w.WriteEndObject();
    }

    /// <summary>One row and its newline.</summary>
    public static byte[] Line(QualitySnapshot s)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        Write(buffer, s);
        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    public static bool TryParse(ReadOnlySpan<byte> line, out QualitySnapshot? row, out string? reason)
    {
        row = null;
        try
        {
            row = Read(line);
            SnapshotRules.ValidateRow(row);
            reason = null;
            return true;
        }
        catch (JsonException)
        {
            reason = "not a JSON object";
        }
        catch (InvalidOperationException)
        {
            reason = "a value has the wrong type or is not valid UTF-8";
        }
        catch (FormatException)
        {
            reason = "a timestamp is not ISO-8601";
        }
        catch (KeyNotFoundException)
        {
            reason = "confidence_stats lacks one of mean, median, p5, p95, std";
        }
        catch (TelemetryValidationException ex)
        {
            reason = ex.Message;
        }

        row = null;
        return false;
    }

    private static QualitySnapshot Read(ReadOnlySpan<byte> line)
    {
        var r = new Utf8JsonReader(line);
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException();
        }

        int? schema = null;
        DateTimeOffset? ts = null, start = null, end = null;
        string? system = null, user = null, version = null;
        long? total = null;
        long suggestions = 0;
        IReadOnlyDictionary<string, double> missing = QualitySnapshot.Empty, classes = QualitySnapshot.Empty;
        ConfidenceStats? stats = null;
        double reject = 0, entropy = 0;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            string name = r.GetString()!;
            r.Read();
            switch (name)
            {
                case "schema": schema = r.GetInt32(); break;
                case "ts": ts = Time(ref r); break;
                case "system": system = r.GetString(); break;
                case "user": user = r.TokenType == JsonTokenType.Null ? null : r.GetString(); break;
                case "window_start": start = Time(ref r); break;
                case "window_end": end = Time(ref r); break;
                case "total_windows": total = r.GetInt64(); break;
                case "feature_missingness": missing = Map(ref r); break;
                case "confidence_stats": stats = Stats(ref r); break;
                case "reject_rate": reject = r.GetDouble(); break;
                case "mean_entropy": entropy = r.GetDouble(); break;
                case "class_distribution": classes = Map(ref r); break;
                case "schema_version": version = r.TokenType == JsonTokenType.Null ? null : r.GetString(); break;
                case "suggestions_per_day": suggestions = r.GetInt64(); break;
                default: r.Skip(); break;
            }
        }

        if (r.TokenType != JsonTokenType.EndObject || r.Read())
        {
            throw new JsonException();
        }

        if (schema is null || ts is null || system is null || total is null)
        {
            throw new TelemetryValidationException("schema", "a snapshot row needs schema, ts, system and total_windows.");
        }

        return new QualitySnapshot
        {
            Schema = schema.Value, Timestamp = ts.Value, System = system, User = user, WindowStart = start, WindowEnd = end,
            TotalWindows = total.Value, FeatureMissingness = missing, ConfidenceStats = stats, RejectRate = reject,
            MeanEntropy = entropy, ClassDistribution = classes, SchemaVersion = version, SuggestionsPerDay = suggestions,
        };
    }

    private static DateTimeOffset? Time(ref Utf8JsonReader r) =>
        r.TokenType == JsonTokenType.Null ? null : DateTimeOffset.Parse(r.GetString()!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal).ToUniversalTime();

    private static SortedDictionary<string, double> Map(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException();
        }

        var map = new SortedDictionary<string, double>(StringComparer.Ordinal);
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            string key = r.GetString()!;
            r.Read();
            if (!map.TryAdd(key, r.GetDouble()))
            {
                throw new JsonException();
            }
        }

        return map;
    }

    private static ConfidenceStats? Stats(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var values = Map(ref r);
        return new ConfidenceStats
        {
            Mean = values["mean"], Median = values["median"], P5 = values["p5"], P95 = values["p95"], Std = values["std"],
        };
    }

    private static void StringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void Map(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, double> map)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            w.WriteNumber(key, value);
        }

        w.WriteEndObject();
    }
}
