// Exports: flat columns, numbers that parse back to the same values (CSV round trip), ISO-8601 timestamps, and
// objects the module emits that flatten cleanly for Export-Csv.
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using ZosTelemetry.Events;
using ZosTelemetry.Export;
using ZosTelemetry.Pricing;
using ZosTelemetry.Sessions;

namespace ZosTelemetry.Tests;

public sealed class TelemetryExportTests
{
    private static readonly TelemetryEvent[] Events =
    [
        new()
        {
            Timestamp = Make.Utc(2026, 6, 10, 9, 30, 15).AddMilliseconds(250), SessionId = "s1", System = "claude-code", Context = "repo-a",
            Role = "assistant", Kind = EventKinds.AssistantMessage, Model = "claude-sonnet-4-5-20250929", Provider = "anthropic", Tier = "capable",
            TokensIn = 123_456, TokensOut = 7_890, CacheReadTokens = 1_000_000_000_000, CacheWriteTokens = 0, CostUsd = 0.1 + 0.2,
            DurationMs = 2340, CacheHit = true, Markers = ["tool.error", "corr.strong.1"], User = UserIdentity.Hash(new byte[32], "alice"), EventId = "ev:1",
        },
        new() { Timestamp = Make.Utc(2026, 6, 10, 9, 31), SessionId = "s1", System = "claude-code", Kind = EventKinds.AssistantMessage, Model = "gpt-5", TokensIn = 1_000, TokensOut = 333 },
        new() { Timestamp = Make.Utc(2026, 6, 10, 9, 32), SessionId = "s1", System = "claude-code", Kind = EventKinds.AssistantMessage, Model = "model-x", TokensIn = 5 },
        new() { Timestamp = Make.Utc(2026, 6, 10, 9, 33), SessionId = "s1", System = "claude-code", Kind = EventKinds.UserMessage, CacheHit = false },
    ];

    private static string Export(ExportFormat format, IEnumerable<TelemetryEvent>? events = null)
    {
        using var stream = new MemoryStream();
        TelemetryExport.WriteEvents(stream, format, events ?? Events, CostResolver.Shipped);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A strict RFC 4180 reader, so the round trip proves the CSV is well formed, not just split on commas.</summary>
    internal static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
            }
            else if (c == '"' && field.Length == 0) { quoted = true; }
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add([.. row]); row.Clear(); i++; }
            else { Assert.NotEqual('"', c); field.Append(c); }
        }

        Assert.Empty(row);
        return rows;
    }

    [Fact]
    public void Csv_RoundTrip_ColumnsParseBackToTheSameNumbers()
    {
        var rows = ParseCsv(Export(ExportFormat.Csv));
        var header = rows[0];
        string Cell(int row, string column) => rows[row][Array.IndexOf(header, column)];

        Assert.Equal(TelemetryExport.EventColumns, header);
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(header.Length, r.Length));
        Assert.Equal(123_456, long.Parse(Cell(1, "tokens_in"), CultureInfo.InvariantCulture));
        Assert.Equal(1_000_000_000_000, long.Parse(Cell(1, "cache_read_tokens"), CultureInfo.InvariantCulture));
        Assert.Equal(0.1 + 0.2, double.Parse(Cell(1, "cost_usd"), CultureInfo.InvariantCulture));
        Assert.Equal(CostResolver.Shipped.Resolve(Events[1]).Usd, double.Parse(Cell(2, "cost_usd"), CultureInfo.InvariantCulture));
        Assert.Equal(2340, long.Parse(Cell(1, "duration_ms"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Csv_TimestampsAndFlags_AreIsoAndPlain()
    {
        var rows = ParseCsv(Export(ExportFormat.Csv));

        Assert.Equal("2026-06-10T09:30:15.250Z", rows[1][0]);
        Assert.Equal(Events[0].Timestamp, DateTimeOffset.Parse(rows[1][0], CultureInfo.InvariantCulture));
        Assert.Equal(("true", "false"), (rows[1][16], rows[4][16]));
        Assert.Equal("tool.error corr.strong.1", rows[1][17]);
    }

    [Fact]
    public void Csv_CostSource_SaysRecordedPricedUnknownOrNone()
    {
        var rows = ParseCsv(Export(ExportFormat.Csv));
        int cost = Array.IndexOf(rows[0], "cost_usd"), source = Array.IndexOf(rows[0], "cost_source");

        Assert.Equal(["recorded", "priced", "unknown", "none"], rows.Skip(1).Select(r => r[source]));
        Assert.Equal("", rows[3][cost]);
        Assert.Equal("0", rows[4][cost]);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData(" edge", "\" edge\"")]
    public void Csv_Field_QuotedOnlyWhenNeeded(string value, string expected)
    {
        Assert.Equal(expected, CsvExportWriter.Field(value));
    }

    [Fact]
    public void Csv_Sessions_RoundTripTheSummary()
    {
        var s = SystemComparerTests.Session("s9", "beta", corrections: 2, userTurns: 5, turns: 10, cost: 0.123456789, tokensIn: 40, tokensOut: 2, duration: 61.5);
        using var stream = new MemoryStream();
        TelemetryExport.WriteSessions(stream, ExportFormat.Csv, [s]);

        var rows = ParseCsv(Encoding.UTF8.GetString(stream.ToArray()));

        Assert.Equal(TelemetryExport.SessionColumns, rows[0]);
        var row = rows[1];
        Assert.Equal(s.CostUsd, double.Parse(row[15], CultureInfo.InvariantCulture));
        Assert.Equal(s.DurationSeconds, double.Parse(row[8], CultureInfo.InvariantCulture));
        Assert.Equal((2L, 5L, 40L), (long.Parse(row[11], CultureInfo.InvariantCulture), long.Parse(row[10], CultureInfo.InvariantCulture), long.Parse(row[13], CultureInfo.InvariantCulture)));
        Assert.Equal(s.LastTimestamp, DateTimeOffset.Parse(row[6], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Json_IsOneArrayOfFlatObjectsWithEveryColumn()
    {
        using var doc = JsonDocument.Parse(Export(ExportFormat.Json));

        Assert.Equal(4, doc.RootElement.GetArrayLength());
        foreach (var row in doc.RootElement.EnumerateArray())
        {
            Assert.Equal(TelemetryExport.EventColumns, row.EnumerateObject().Select(p => p.Name));
            Assert.DoesNotContain(row.EnumerateObject(), p => p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array);
        }

        Assert.Equal(1_000_000_000_000, doc.RootElement[0].GetProperty("cache_read_tokens").GetInt64());
        Assert.Equal(JsonValueKind.Null, doc.RootElement[2].GetProperty("cost_usd").ValueKind);
    }

    [Fact]
    public void Jsonl_IsOneObjectPerLine()
    {
        var lines = Export(ExportFormat.Jsonl).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(l).RootElement.ValueKind));
        Assert.Equal(0.1 + 0.2, JsonDocument.Parse(lines[0]).RootElement.GetProperty("cost_usd").GetDouble());
    }

    [Fact]
    public void Empty_CsvHasTheHeaderAndJsonAnEmptyArray()
    {
        Assert.Single(ParseCsv(Export(ExportFormat.Csv, [])));
        Assert.Equal("[]\n", Export(ExportFormat.Json, []));
        Assert.Equal("", Export(ExportFormat.Jsonl, []));
    }

    [Theory]
    [InlineData(typeof(SessionSummary))]
    [InlineData(typeof(DailySummary))]
    [InlineData(typeof(ZosTelemetry.Savings.UsageMixRow))]
    [InlineData(typeof(ZosTelemetry.Comparison.PeriodMetric))]
    public void PipelineObjects_PublicProperties_AreScalarsSoExportCsvFlattensThem(Type type)
    {
        var scalar = new[] { typeof(string), typeof(DateTimeOffset), typeof(DateOnly) };
        var nested = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => !(Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType).IsPrimitive && !scalar.Contains(p.PropertyType) && Nullable.GetUnderlyingType(p.PropertyType) is null)
            .Select(p => p.Name);

        Assert.Empty(nested);
    }

    [Theory]
    [InlineData("CSV", ExportFormat.Csv)]
    [InlineData("jsonl", ExportFormat.Jsonl)]
    public void ParseFormat_KnownNames(string text, ExportFormat expected)
    {
        Assert.Equal(expected, ExportNames.ParseFormat(text));
    }

    [Fact]
    public void ParseFormat_Unknown_ThrowsListingTheChoices()
    {
        Assert.Contains("csv, json or jsonl", Assert.Throws<ArgumentException>(() => ExportNames.ParseFormat("xlsx")).Message);
    }
}
