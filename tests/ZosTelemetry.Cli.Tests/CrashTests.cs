// Promise 2: a writer killed at any point (mid-append, mid-close, mid-repair) leaves the store readable. Real processes
// are SIGKILLed in a loop while they write: every row a writer saw acknowledged survives, at most the batch being
// written is lost, a torn last line is skipped with a warning naming file and line, and the next writer starts on a
// fresh line (a row glued to a torn one would be unreadable, and its acknowledged id would be missing).
using System.Diagnostics;
using System.Globalization;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class CrashTests : IDisposable
{
    private const int Rounds = 24;

    private readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    private sealed record LoopWriter(string Name, int Acked, int Begun);

    [Fact]
    public async Task Writers_KilledInALoopMidAppendCloseAndRepair_NoAcknowledgedRowIsLost()
    {
        var random = new Random(FuzzSeed.Value);
        var clock = Stopwatch.StartNew();
        var loops = new List<LoopWriter>();
        var cliAcked = new List<string>();
        int kills = 0, killedMidAppend = 0, tornPlanted = 0, repairsKilled = 0;
        for (int round = 0; round < Rounds; round++)
        {
            // Between rounds, no writer runs: leave exactly what a kill inside write(2) leaves, the first part of a row and
            // no newline. The next writer must start on a fresh line, or its row is glued on and its id goes missing.
            string events = Directory.Exists(root.Path_) ? Directory.GetFiles(root.Path_, "events-*.jsonl").FirstOrDefault() ?? "" : "";
            if (events.Length > 0 && File.ReadLines(events).LastOrDefault() is { Length: > 100 } lastRow)
            {
                File.AppendAllText(events, lastRow[..random.Next(20, lastRow.Length - 20)]);
                tornPlanted++;
            }

            string name = $"r{round}";
            var writer = WriterRunner.Start("loop", root.Path_, name, (FuzzSeed.Value + round).ToString(CultureInfo.InvariantCulture));
            var others = new List<(Process Process, string? AckedSession)>
            {
                (WriterRunner.StartCli("append", "--root", root.Path_, "--session-id", $"cli-{round}", "--system", "codex", "--kind", "user_message", "--lock-timeout", "30"), $"cli-{round}"),
                (round > 0 ? WriterRunner.StartCli("close", "--root", root.Path_, "--session-id", $"r{round - 1}-0", "--lock-timeout", "30") : WriterRunner.StartCli("--version"), null),
                (WriterRunner.StartCli("doctor", "--root", root.Path_, "--repair", "--yes", "--lock-timeout", "30"), null),
            };
            // The kill comes a random time after the writer's first acknowledged batch, not after its start: on a loaded
            // machine a process can take longer to start than the whole delay, and a kill before it wrote proves nothing.
            var (output, firstAck) = ReadOutput(writer);
            await Task.WhenAny(firstAck, Task.Delay(TimeSpan.FromSeconds(60)));
            await Task.Delay(random.Next(150, 650));

            writer.Kill();
            writer.WaitForExit();
            kills++;
            // Only whole lines count: a kill can cut the last one short.
            string text = await output;
            var lines = text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries);
            int acked = Last(lines, "ack "), begun = Last(lines, "begin ");
            killedMidAppend += begun > acked ? 1 : 0;
            loops.Add(new LoopWriter(name, acked, begun));

            foreach (var (process, session) in others)
            {
                if (!process.HasExited)
                {
                    process.Kill();
                    kills++;
                    repairsKilled += process == others[2].Process ? 1 : 0;
                }

                process.WaitForExit();
                if (session is not null && process.ExitCode == 0)
                {
                    cliAcked.Add(session);
                }
            }
        }

        // Before any final repair: readable, every acknowledged row there, the damage skipped and reported by line.
        var warnings = new List<StoreWarning>();
        var ids = new TelemetryStore(root.Path_, warnings.Add).ReadEvents().Select(e => e.SessionId).ToList();
        int lost = CheckEveryAcknowledgedRow(ids, loops, cliAcked);

        Assert.All(warnings, w => Assert.Matches(@"events-\d{4}-\d{2}\.jsonl$", w.Path));
        Assert.All(warnings, w => Assert.True(w.Line > 0));
        new TelemetryStore(root.Path_).ReadSessions();

        // The doctor repairs what the kills and the garbage left; nothing acknowledged is lost by it either.
        Assert.Equal(0, CliRunner.Run("doctor", "--root", root.Path_, "--repair", "--yes").ExitCode);
        var afterRepair = new List<StoreWarning>();
        var repairedIds = new TelemetryStore(root.Path_, afterRepair.Add).ReadEvents().Select(e => e.SessionId).ToList();
        Assert.Empty(afterRepair);
        Assert.Equal(0, CheckEveryAcknowledgedRow(repairedIds, loops, cliAcked));
        Assert.Equal(0, lost);
        Assert.True(loops.Sum(l => l.Acked + 1) > Rounds * 100, "the writers hardly wrote: the kills came too early to prove anything");

        ReliabilityFigures.Record("crash", string.Create(CultureInfo.InvariantCulture,
            $"{Rounds} rounds, {kills} SIGKILLs ({killedMidAppend} loop writers killed between begin and ack of a batch, {repairsKilled} doctor --repair processes killed before they finished), {loops.Sum(l => l.Acked + 1) + cliAcked.Count} acknowledged rows, {ids.Count} rows readable, {tornPlanted} torn rows planted between rounds, {warnings.Count} lines skipped with a warning naming file and line before the final repair, 0 after it, 0 acknowledged rows lost, {clock.Elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>All of a writer's output, and a task that completes once it has acknowledged its first batch.</summary>
    private static (Task<string> Output, Task FirstAck) ReadOutput(Process writer)
    {
        var firstAck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = Task.Run(async () =>
        {
            var text = new System.Text.StringBuilder();
            var buffer = new char[4096];
            int read;
            while ((read = await writer.StandardOutput.ReadAsync(buffer)) > 0)
            {
                text.Append(buffer, 0, read);
                if (!firstAck.Task.IsCompleted && text.ToString().Contains("ack ", StringComparison.Ordinal))
                {
                    firstAck.TrySetResult();
                }
            }

            firstAck.TrySetResult();
            return text.ToString();
        });
        return (output, firstAck.Task);
    }

    /// <summary>Asserts every acknowledged row is present once and nothing beyond the batch in flight exists; returns rows lost.</summary>
    private static int CheckEveryAcknowledgedRow(List<string> ids, List<LoopWriter> loops, List<string> cliAcked)
    {
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        var present = ids.ToHashSet(StringComparer.Ordinal);
        int lost = 0;
        foreach (var w in loops)
        {
            lost += Enumerable.Range(0, w.Acked + 1).Count(i => !present.Contains($"{w.Name}-{i}"));
            var mine = ids.Where(id => id.StartsWith(w.Name + "-", StringComparison.Ordinal)).Select(id => int.Parse(id[(w.Name.Length + 1)..], CultureInfo.InvariantCulture));
            Assert.All(mine, i => Assert.True(i <= Math.Max(w.Acked, w.Begun), $"{w.Name}-{i} exists but was never begun"));
        }

        lost += cliAcked.Count(s => !present.Contains(s));
        Assert.Equal(0, lost);
        return lost;
    }

    private static int Last(string[] lines, string prefix) =>
        lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
            .Select(l => int.TryParse(l[prefix.Length..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : -1)
            .DefaultIfEmpty(-1)
            .Max();
}
