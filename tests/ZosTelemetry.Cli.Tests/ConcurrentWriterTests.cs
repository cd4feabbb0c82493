// Promise 1: many processes and threads append to one store at once (writer processes, the CLI and in-process
// threads as the module would be) and no row is lost, torn or interleaved: every line parses and the count is exact.
using System.Collections.Concurrent;
using System.Diagnostics;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class ConcurrentWriterTests : IDisposable
{
    public const int Processes = 8;
    public const int Threads = 4;
    public const int EventsEach = 5000;
    public const int CliAppends = 12;

    private readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void Append_EightProcessesFourThreadsAndTheCli_EveryRowParsesAndTheCountIsExact()
    {
        var clock = Stopwatch.StartNew();
        var processes = Enumerable.Range(0, Processes).Select(p => WriterRunner.Start("append", root.Path_, $"proc{p}", EventsEach.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            var store = new TelemetryStore(root.Path_) { LockTimeout = WriterProcess.LockTimeout };
            for (int i = 0; i < EventsEach; i++)
            {
                store.Append(WriterProcess.Event($"thread{t}", i));
            }
        })).ToList();
        threads.ForEach(t => t.Start());

        // The CLI as hooks run it, one process per event, at the same time.
        var cliResults = new ConcurrentBag<CliResult>();
        Parallel.For(0, CliAppends, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => cliResults.Add(CliRunner.Run(
            ["append", "--root", root.Path_, "--session-id", $"cli-{i}", "--system", "codex", "--kind", "user_message", "--lock-timeout", "120"])));

        processes.ForEach(p => WriterRunner.WaitForSuccess(p, TimeSpan.FromMinutes(5)));
        threads.ForEach(t => t.Join());
        Assert.All(cliResults, r => Assert.True(r.ExitCode == 0, r.Stderr));

        var warnings = new List<StoreWarning>();
        var ids = new TelemetryStore(root.Path_, warnings.Add).ReadEvents().Select(e => e.SessionId).ToList();
        int expected = (Processes + Threads) * EventsEach + CliAppends;
        Assert.Empty(warnings);
        Assert.Equal(expected, ids.Count);
        Assert.Equal(expected, ids.Distinct(StringComparer.Ordinal).Count());
        foreach (string writer in Enumerable.Range(0, Processes).Select(p => $"proc{p}").Concat(Enumerable.Range(0, Threads).Select(t => $"thread{t}")))
        {
            // Each writer's rows are all there and in the order it wrote them: nothing was lost or reordered.
            var mine = ids.Where(id => id.StartsWith(writer + "-", StringComparison.Ordinal)).Select(id => int.Parse(id[(writer.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Enumerable.Range(0, EventsEach), mine);
        }

        // No line holds more or less than one row: the file is exactly the rows, each ending in one newline.
        string[] files = Directory.GetFiles(root.Path_, "events-*.jsonl");
        Assert.Equal(expected, files.Sum(f => File.ReadAllBytes(f).Count(b => b == (byte)'\n')));
        Assert.All(files, f => Assert.Equal((byte)'\n', File.ReadAllBytes(f)[^1]));
        ReliabilityFigures.Record("concurrency", $"{Processes} writer processes x {EventsEach} + {Threads} threads x {EventsEach} + {CliAppends} CLI processes: {ids.Count} rows written, {ids.Count} read back, 0 lost, 0 unreadable, {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
