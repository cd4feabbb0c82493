// The import's parse workers build, validate and write each record's row before the committing thread knows whether
// the record is a duplicate (issue 15). These tests pin what that must not change: the store's bytes, whatever the
// number of workers, and counts (unpriced models, refused events) that include only the events kept.
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

    private static ImportResult Import(ImportFixture fx, LogSource source, int workers) =>
        LogImporter.Import(fx.Store, new ImportOptions
        {
            Source = source,
            Paths = [source == LogSource.ClaudeCode ? fx.ClaudeLogs : fx.CodexLogs],
            Environment = new LogEnvironment(null, null, null),
            Clock = () => ImportFixture.Later,
            MaxParallelism = workers,
        });

    /// <summary>The store's rows and remembered ids (the import state holds the logs' modification times, which differ).</summary>
    private static List<string> StoreFiles(ImportFixture fx) =>
        Directory.GetFiles(fx.StoreRoot).Select(Path.GetFileName).OfType<string>()
            .Where(n => n.EndsWith(".jsonl", StringComparison.Ordinal) || n == ImportSeenSet.FileName)
            .Order(StringComparer.Ordinal).ToList();
}
