// The import's parse workers build, validate and write each record's row before the committing thread knows whether
// the record is a duplicate (issue 15). These tests pin what that must not change: the store's bytes, whatever the
// number of workers or of pieces a large log is cut into, and counts (unpriced models, refused events) that include
// only the events kept.
using ZosTelemetry.Events;
using ZosTelemetry.Import;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class ImportWorkersTests : IDisposable
{
    private const string Session = "5d0c2a1e-7f3b-4c1a-9e2d-000000000b02";
    private readonly ImportFixture parallel = new();
    private readonly ImportFixture sequential = new();

    public void Dispose()
    {
        parallel.Dispose();
        sequential.Dispose();
    }

    [Theory]
    [InlineData(LogSource.ClaudeCode)]
    [InlineData(LogSource.Codex)]
    public void Import_ManyWorkersAndOne_StoreTheSameBytes(LogSource source)
    {
        foreach (var fx in new[] { parallel, sequential })
        {
            // More files than workers, in more than one month, so that files finish out of order.
            string dir = source == LogSource.ClaudeCode ? fx.ClaudeLogs : fx.CodexLogs;
            foreach (string file in Directory.GetFiles(dir, "*.jsonl", SearchOption.AllDirectories))
            {
                File.Copy(file, Path.Combine(Path.GetDirectoryName(file)!, "copy-" + Path.GetFileName(file)));
            }
        }

        var a = Import(parallel, source, workers: 4);
        var b = Import(sequential, source, workers: 1);

        Assert.True(a.EventsAdded > 0);
        Assert.Equal((a.EventsAdded, a.Duplicates, a.LinesSkipped, a.SessionsClosed), (b.EventsAdded, b.Duplicates, b.LinesSkipped, b.SessionsClosed));
        var files = StoreFiles(parallel);
        Assert.Equal(files, StoreFiles(sequential));
        Assert.Contains(files, f => f.StartsWith("events-", StringComparison.Ordinal));
        foreach (string name in files)
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(parallel.StoreRoot, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(sequential.StoreRoot, name))),
                $"{name} differs between 4 workers and 1");
        }
    }

    [Fact]
    public void Import_UnpricedResponseCopiedIntoAnotherFile_CountedOnce()
    {
        string line = $$$"""{"isSidechain":false,"sessionId":"{{{Session}}}","message":{"id":"msg_01U1","role":"assistant","model":"claude-future-9","content":[],"usage":{"input_tokens":100,"output_tokens":50}},"requestId":"req_01U1","type":"assistant","uuid":"u-1","timestamp":"2025-10-02T10:00:00.000Z"}""";
        string dir = Path.Combine(parallel.ClaudeLogs, "projects", "-home-user-copies");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "a.jsonl"), line + "\n");
        File.WriteAllText(Path.Combine(dir, "b.jsonl"), line + "\n");

        var first = Import(parallel, LogSource.ClaudeCode, workers: 2);
        File.WriteAllText(Path.Combine(dir, "c.jsonl"), line + "\n");
        var second = Import(parallel, LogSource.ClaudeCode, workers: 2);

        Assert.Equal(1, first.UnpricedModels["claude-future-9"]);
        Assert.Empty(second.UnpricedModels);
        Assert.Equal(0, second.EventsAdded);
        Assert.Single(parallel.Events(), e => e.Model == "claude-future-9");
    }

    [Fact]
    public void Import_EventTheStoreRefusesCopiedIntoAnotherFile_SkippedOnce()
    {
        // Before the store's earliest timestamp: the parser takes it, the store refuses it.
        string line = $$$"""{"isSidechain":false,"sessionId":"{{{Session}}}","message":{"id":"msg_01R1","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"usage":{"input_tokens":1,"output_tokens":2}},"requestId":"req_01R1","type":"assistant","uuid":"u-2","timestamp":"1999-01-01T00:00:00.000Z"}""";
        string dir = Path.Combine(parallel.ClaudeLogs, "projects", "-home-user-copies");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "a.jsonl"), line + "\n");
        File.WriteAllText(Path.Combine(dir, "b.jsonl"), line + "\n");
        var without = Import(sequential, LogSource.ClaudeCode, workers: 2);

        var with = Import(parallel, LogSource.ClaudeCode, workers: 2);

        Assert.Equal(without.LinesSkipped + 1, with.LinesSkipped);
        Assert.Equal(without.EventsAdded, with.EventsAdded);
        Assert.DoesNotContain(parallel.Events(), e => e.Timestamp.Year == 1999);
    }

    [Theory]
    [InlineData(1)] // every line a piece of its own
    [InlineData(1500)] // a few lines a piece
    public void Import_LogsCutIntoPieces_StoreTheSameBytesAsOneWorkerReadingThemWhole(long pieceBytes)
    {
        foreach (var fx in new[] { parallel, sequential })
        {
            File.WriteAllText(Path.Combine(fx.ClaudeLogs, "projects", "-home-user-shop", "crossing.jsonl"), CrossingLog(0, 60));
        }

        var a = Import(parallel, LogSource.ClaudeCode, workers: 4, pieceBytes);
        var b = Import(sequential, LogSource.ClaudeCode, workers: 1);

        Assert.True(a.Duplicates > 60, $"{a.Duplicates} duplicates"); // copies of responses in other pieces, replays
        Assert.True(a.Corrections > 0);
        Assert.Equal(
            (a.EventsAdded, a.Duplicates, a.LinesSkipped, a.SessionsClosed, a.UserTurns, a.Corrections, a.ToolCalls, a.Lines, a.BytesRead),
            (b.EventsAdded, b.Duplicates, b.LinesSkipped, b.SessionsClosed, b.UserTurns, b.Corrections, b.ToolCalls, b.Lines, b.BytesRead));
        AssertSameStore();
        Assert.Contains(parallel.Events(ImportedKinds.ToolResult), e => e.Tool == "Bash");
        Assert.Contains(parallel.Events(ImportedKinds.ToolResult), e => e.Tool == "Read");
        Assert.Contains(parallel.Events(EventKinds.UserMessage), e => e.Markers.Contains("corr.repeat"));
    }

    [Fact]
    public void Import_ActiveLogCutIntoPieces_HoldsBackAndResumesAsOneWorkerReadingItWhole()
    {
        // A session still being written: its last response held back, its last line unterminated; then it grows.
        var soon = Start.AddMinutes((39 * 37) + 5);
        foreach (var fx in new[] { parallel, sequential })
        {
            File.WriteAllText(Path.Combine(fx.ClaudeLogs, "projects", "-home-user-shop", "crossing.jsonl"), CrossingLog(0, 40) + "{\"type\":\"user\",\"mess");
        }

        var first = (Import(parallel, LogSource.ClaudeCode, workers: 3, pieceBytes: 700, soon), Import(sequential, LogSource.ClaudeCode, workers: 1, now: soon));
        AssertSameStore();
        Assert.Equal(Offsets(sequential), Offsets(parallel));
        foreach (var fx in new[] { parallel, sequential })
        {
            string log = Path.Combine(fx.ClaudeLogs, "projects", "-home-user-shop", "crossing.jsonl");
            File.WriteAllText(log, CrossingLog(0, 70));
        }

        var second = (Import(parallel, LogSource.ClaudeCode, workers: 3, pieceBytes: 700), Import(sequential, LogSource.ClaudeCode, workers: 1));

        Assert.True(first.Item1.SessionsOpen > 0);
        Assert.Equal((first.Item1.EventsAdded, first.Item1.SessionsOpen), (first.Item2.EventsAdded, first.Item2.SessionsOpen));
        Assert.Equal((second.Item1.EventsAdded, second.Item1.Duplicates), (second.Item2.EventsAdded, second.Item2.Duplicates));
        Assert.True(second.Item1.EventsAdded > 0);
        AssertSameStore();
        Assert.Equal(Offsets(sequential), Offsets(parallel));
    }

    private static readonly DateTimeOffset Start = new(2025, 10, 30, 20, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Lines <paramref name="from"/> to <paramref name="to"/> of a log whose lines lean on earlier ones: two sessions
    /// interleaved, each response written twice (the later copy with more tokens) and sometimes replayed by a subagent,
    /// tool results after their calls, user turns that restate the previous one, a line without a message and a broken
    /// line; spanning two months.
    /// </summary>
    private static string CrossingLog(int from, int to)
    {
        var lines = new System.Text.StringBuilder();
        string[] asks = ["please run the whole test suite again and report every failure", "no, that is wrong, undo the change to the parser"];
        for (int i = from; i < to; i++)
        {
            string session = "5d0c2a1e-7f3b-4c1a-9e2d-00000000c" + (i % 2).ToString("000", System.Globalization.CultureInfo.InvariantCulture);
            string ts = Start.AddMinutes(i * 37).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            string ask = asks[(i / 4) % 2];
            lines.Append($$$$"""{"type":"user","sessionId":"{{{{session}}}}","uuid":"u-{{{{i}}}}","timestamp":"{{{{ts}}}}","isSidechain":false,"message":{"role":"user","content":"{{{{ask}}}}"}}""").Append('\n');
            for (int copy = 0; copy < 2; copy++)
            {
                lines.Append($$$$"""{"type":"assistant","sessionId":"{{{{session}}}}","uuid":"a-{{{{i}}}}-{{{{copy}}}}","requestId":"req-{{{{i}}}}","timestamp":"{{{{ts}}}}","isSidechain":false,"message":{"id":"msg-{{{{i}}}}","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[{"type":"tool_use","id":"toolu-{{{{i}}}}","name":"{{{{(copy == 0 ? "Bash" : "Read")}}}}","input":{}}],"usage":{"input_tokens":10,"output_tokens":{{{{(copy + 1) * 5}}}},"cache_read_input_tokens":100}}}""").Append('\n');
                if (copy == 0)
                {
                    lines.Append($$$$"""{"type":"user","sessionId":"{{{{session}}}}","uuid":"r-{{{{i}}}}","timestamp":"{{{{ts}}}}","isSidechain":false,"message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu-{{{{i}}}}","is_error":{{{{(i % 5 == 0 ? "true" : "false")}}}},"content":"ok"},{"type":"tool_result","tool_use_id":"toolu-{{{{i - 1}}}}","content":"ok"}]}}""").Append('\n');
                }
            }

            if (i % 3 == 0)
            {
                lines.Append($$$$"""{"type":"assistant","sessionId":"{{{{session}}}}","uuid":"s-{{{{i}}}}","requestId":"req-side-{{{{i}}}}","timestamp":"{{{{ts}}}}","isSidechain":true,"message":{"id":"msg-{{{{i}}}}","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"usage":{"input_tokens":10,"output_tokens":99}}}""").Append('\n');
            }

            if (i % 7 == 0)
            {
                lines.Append("{\"type\":\"summary\",\"summary\":\"x\"}\n").Append("{\"type\":\"user\",\"message\":{\n");
            }
        }

        return lines.ToString();
    }

    private void AssertSameStore()
    {
        var files = StoreFiles(parallel);
        Assert.Equal(StoreFiles(sequential), files);
        foreach (string name in files)
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(parallel.StoreRoot, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(sequential.StoreRoot, name))),
                $"{name} differs between pieces and whole logs");
        }
    }

    /// <summary>Where the next import reads each log from (the state's keys are digests of paths, which differ).</summary>
    private static List<(long Offset, long Size)> Offsets(ImportFixture fx) =>
        ImportState.Load(fx.StoreRoot).Files.Values.Select(f => (f.Offset, f.Size)).Order().ToList();

    private static ImportResult Import(ImportFixture fx, LogSource source, int workers, long pieceBytes = long.MaxValue, DateTimeOffset? now = null) =>
        LogImporter.Import(fx.Store, new ImportOptions
        {
            Source = source,
            Paths = [source == LogSource.ClaudeCode ? fx.ClaudeLogs : fx.CodexLogs],
            Environment = new LogEnvironment(null, null, null),
            Clock = () => now ?? ImportFixture.Later,
            MaxParallelism = workers,
            PieceBytes = pieceBytes,
        });

    /// <summary>The store's rows and remembered ids (the import state holds the logs' modification times, which differ).</summary>
    private static List<string> StoreFiles(ImportFixture fx) =>
        Directory.GetFiles(fx.StoreRoot).Select(Path.GetFileName).OfType<string>()
            .Where(n => n.EndsWith(".jsonl", StringComparison.Ordinal) || n == ImportSeenSet.FileName)
            .Order(StringComparer.Ordinal).ToList();
}
