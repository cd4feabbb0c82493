// snapshot, snapshots, guardrail and detect --snapshot as users run them, through CliApp.Run (the code a process runs)
// and, for the canary, with generated messages whose unique words must reach no byte under the root.
using System.Text;
using System.Text.Json;
using ZosTelemetry.Cli;
using ZosTelemetry.Events;

namespace ZosTelemetry.Tests;

public sealed class SnapshotCliTests : IDisposable
{
    private const string Records = """
        {"ts": "2026-12-01T10:00:00Z", "label": "premium", "confidence": 0.91, "probabilities": [0.91, 0.06, 0.03], "features": {"tokens": 812, "lang": null}}
        {"ts": "2026-12-01T10:05:00Z", "label": "basic", "confidence": 0.62, "probabilities": [0.30, 0.62, 0.08], "features": {"tokens": 95}, "suggested": true}

        {"label": "unknown", "confidence": 0.41}
        """;

    private readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    private (int ExitCode, string Stdout, string Stderr) Run(string stdin, params string[] args)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(stdin));
        var output = new MemoryStream();
        var errors = new MemoryStream();
        int code = CliApp.Run([args[0], "--root", root.Path_, .. args[1..]], input, output, errors);
        return (code, Encoding.UTF8.GetString(output.ToArray()), Encoding.UTF8.GetString(errors.ToArray()));
    }

    [Fact]
    public void Snapshot_Json_PrintsTheStoredRow()
    {
        var r = Run(Records, "snapshot", "--system", "router", "--schema-version", "v3", "--user", "alice", "--json");

        Assert.True(r.ExitCode == 0, r.Stderr);
        using var row = JsonDocument.Parse(r.Stdout);
        var s = row.RootElement;
        Assert.Equal(3, s.GetProperty("total_windows").GetInt32());
        Assert.Equal(0.6467, s.GetProperty("confidence_stats").GetProperty("mean").GetDouble());
        Assert.Equal(0.3333, s.GetProperty("reject_rate").GetDouble());
        Assert.Equal(new ZosTelemetry.Store.TelemetryStore(root.Path_).HashUser("alice"), s.GetProperty("user").GetString());
        Assert.Equal("v3", s.GetProperty("schema_version").GetString());
        // The suggested record is of 1 December, so it counts for that day, not for the snapshot's.
        Assert.Equal(0, s.GetProperty("suggestions_per_day").GetInt32());
        Assert.Contains("\"kind\":\"suggestion\"", Assert.Single(root.Lines("events-*.jsonl")), StringComparison.Ordinal);
        Assert.Equal(r.Stdout.Trim(), Assert.Single(root.Lines("snapshots-*.jsonl")));
    }

    [Theory]
    [InlineData("""{"label": "a", "confidence": 2}""", "confidence")]
    [InlineData("""{"label": "a", "text": "the whole prompt"}""", "not part of a prediction record")]
    [InlineData("""{"label": "what the user typed"}""", "label")]
    [InlineData("not json", "JSON")]
    public void Snapshot_BadRecord_ExitTwoNamesTheLineAndWritesNothing(string bad, string expected)
    {
        Run(Records, "snapshot", "--system", "router");
        byte[] before = CanaryMessages.AllBytesUnder(root.Path_);

        var r = Run(Records + "\n" + bad + "\n", "snapshot", "--system", "router");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("stdin line 5:", r.Stderr, StringComparison.Ordinal);
        Assert.Contains(expected, r.Stderr, StringComparison.Ordinal);
        Assert.Contains("Nothing was written.", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, CanaryMessages.AllBytesUnder(root.Path_));
    }

    [Fact]
    public void Snapshots_LastAndJson_NewestLast()
    {
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(0, Run($$"""{"label": "c{{i}}"}""", "snapshot", "--system", i % 2 == 0 ? "router" : "intent").ExitCode);
        }

        var last = Run("", "snapshots", "--last", "2", "--json");
        var labels = last.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("class_distribution").EnumerateObject().Single().Name);
        Assert.Equal(["c3", "c4"], labels);
        Assert.Equal(3, Run("", "snapshots", "--system", "router", "--json").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("router", Run("", "snapshots").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void SnapshotsCompare_JsonAndMarkdown_RowsPerSystemAndMetric()
    {
        Run(Records, "snapshot", "--system", "router");

        var json = Run("", "snapshots", "--compare", "--last", "7", "--baseline", "30", "--json");
        var markdown = Run("", "snapshots", "--compare", "--markdown");

        Assert.Equal(0, json.ExitCode);
        using var report = JsonDocument.Parse(json.Stdout);
        Assert.Equal(4, report.RootElement.GetProperty("rows").GetArrayLength());
        Assert.Contains("| router | Mean confidence |", markdown.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, Run("", "snapshots", "--compare", "--since", "2026-01-01").ExitCode);
    }

    [Fact]
    public void Guardrail_LoadedModelWithoutSuggestion_ExitsOne_AndWithOne_ExitsZero()
    {
        string today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Run("""{"label": "unknown"}""", "snapshot", "--system", "router");

        var warned = Run("", "guardrail", "--date", today, "--model-loaded");
        Assert.Equal(1, warned.ExitCode);
        Assert.Contains("warning: router surfaced no suggestion", warned.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, Run("", "guardrail", "--date", today).ExitCode);

        Assert.Equal(0, Run("", "append", "--session-id", "s1", "--system", "router", "--kind", "suggestion").ExitCode);
        var ok = Run("", "guardrail", "--date", today, "--model-loaded", "--json");
        Assert.Equal(0, ok.ExitCode);
        using var check = JsonDocument.Parse(ok.Stdout);
        Assert.Equal(1, check.RootElement.GetProperty("suggestions").GetInt32());
        Assert.Equal(1, check.RootElement.GetProperty("snapshots_filled").GetInt32());
        Assert.Equal(1, JsonDocument.Parse(Run("", "snapshots", "--json").Stdout).RootElement.GetProperty("suggestions_per_day").GetInt32());
        Assert.Equal(2, Run("", "guardrail", "--date", "5 Dec").ExitCode);
    }

    [Fact]
    public void ExportSnapshots_Csv_OneRowPerSnapshot()
    {
        Run(Records, "snapshot", "--system", "router");

        var r = Run("", "export", "--kind", "snapshots");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(2, r.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("basic=0.3333 premium=0.3333 unknown=0.3333", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void DetectSnapshotAndSnapshot_ThousandsOfMessagesWithCanaries_NoCanaryUnderTheRoot()
    {
        var messages = CanaryMessages.Generate(FuzzSeed.Cases(1000), FuzzSeed.Value + 14).ToList();
        var jsonl = string.Join('\n', messages.Select(m => JsonSerializer.Serialize(new { text = m.Text })));
        var output = new MemoryStream();

        var detect = Run(jsonl, "detect", "--snapshot");
        Assert.True(detect.ExitCode == 0, detect.Stderr);
        output.Write(Encoding.UTF8.GetBytes(detect.Stdout + detect.Stderr));

        // Text offered where only names and numbers belong: every such record is refused, and nothing is written.
        int refused = 0;
        foreach (var m in messages.Take(200))
        {
            foreach (string record in new[]
            {
                JsonSerializer.Serialize(new { label = m.Text }),
                JsonSerializer.Serialize(new { label = "a", text = m.Text }),
                JsonSerializer.Serialize(new { label = "a", features = new Dictionary<string, object> { [m.Text] = 1 } }),
                JsonSerializer.Serialize(new { label = "a", features = new Dictionary<string, object> { ["f"] = m.Text } }),
                JsonSerializer.Serialize(new { label = "a", schema = m.Text }),
            })
            {
                var r = Run("""{"label": "premium"}""" + "\n" + record, "snapshot", "--system", "router");
                refused += r.ExitCode == 2 ? 1 : 0;
            }
        }

        var stored = Assert.Single(root.Lines("snapshots-*.jsonl"));
        using var row = JsonDocument.Parse(stored);
        Assert.Equal(messages.Count, row.RootElement.GetProperty("total_windows").GetInt32());
        Assert.Equal(["correction", "none"], row.RootElement.GetProperty("class_distribution").EnumerateObject().Select(p => p.Name));
        Assert.Equal(1000, refused);
        Assert.Empty(CanaryMessages.FoundIn(CanaryMessages.AllBytesUnder(root.Path_), messages));
        Assert.Empty(CanaryMessages.FoundIn(output.ToArray(), messages));
    }

    [Fact]
    public void DetectSnapshot_TakesTheDetectorVersion_AndItsV2MarkersAreFeatures()
    {
        string jsonl = """{"text": "nein, das ist falsch"}""" + "\n" + """{"text": "danke, passt"}""";

        var v2 = Run(jsonl, "detect", "--snapshot", "--system", "det-two");
        var v1 = Run(jsonl, "detect", "--detector", "1", "--snapshot", "--system", "det-one");
        var both = Run("", "detect", "--evaluate", "labels.jsonl", "--snapshot");

        Assert.True(v2.ExitCode == 0, v2.Stderr);
        Assert.True(v1.ExitCode == 0, v1.Stderr);
        Assert.Equal(2, both.ExitCode);
        var rows = root.Lines("snapshots-*.jsonl").Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var two = rows.Single(r => r.GetProperty("system").GetString() == "det-two");
        var one = rows.Single(r => r.GetProperty("system").GetString() == "det-one");
        Assert.Equal("detector-v2", two.GetProperty("schema_version").GetString());
        Assert.Equal("detector-v1", one.GetProperty("schema_version").GetString());
        var missing = two.GetProperty("feature_missingness");
        Assert.Contains(missing.EnumerateObject(), p => p.Name.StartsWith("corr.strong.de.", StringComparison.Ordinal) && p.Value.GetDouble() < 1);
    }
}
