// Chunked reading: every line is read exactly once whatever the chunk size, line numbers in warnings are the file's,
// and the parallel daily report equals the one folded from events read one by one.
using System.Text;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class ParallelScanTests : IDisposable
{
    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(1000)]
    [InlineData(1 << 20)]
    public void ReadLines_AnyChunkSize_ReadsEveryLineOnceWithItsOffset(long chunkBytes)
    {
        string path = temp.Combine("events-2026-06.jsonl");
        var lines = Enumerable.Range(0, 300).Select(i => i % 17 == 0 ? "" : new string('x', i % 40) + i).ToList();
        File.WriteAllText(path, string.Join("\n", lines) + (chunkBytes % 2 == 0 ? "\n" : "\r\n"));
        byte[] bytes = File.ReadAllBytes(path);

        var chunks = ParallelScan.Split([path], chunkBytes);
        var seen = ParallelScan.Map(chunks, chunk =>
        {
            var found = new List<(long Offset, string Text)>();
            ParallelScan.ReadLines(chunk, (line, offset) =>
            {
                found.Add((offset, Encoding.UTF8.GetString(line)));
                return null;
            });
            return found;
        }).SelectMany(x => x).ToList();

        Assert.Equal(lines.Where(l => l.Length > 0), seen.Select(s => s.Text.TrimEnd('\r')));
        Assert.All(seen, s => Assert.True(s.Offset == 0 || bytes[s.Offset - 1] == (byte)'\n'));
    }

    [Fact]
    public void ReadDailySummaries_SmallChunks_EqualsTheRollupOfEventsReadOneByOne()
    {
        var gen = new RowMutator(seed: 61);
        var rows = new StringBuilder();
        for (int i = 0; i < 3000; i++)
        {
            rows.Append(gen.Mutate(RowMutator.Write(gen.Event()))).Append(i % 500 == 0 ? "\r\n" : "\n");
        }

        Directory.CreateDirectory(temp.Combine("store"));
        File.WriteAllText(temp.Combine("store", "events-2026-05.jsonl"), rows.ToString());
        File.WriteAllText(temp.Combine("store", "events-2026-06.jsonl"), rows.ToString()[..(rows.Length / 2)]);
        var slowWarnings = new List<StoreWarning>();
        var fastWarnings = new List<StoreWarning>();

        var expected = DailyRollup.Compute(new TelemetryStore(temp.Combine("store"), slowWarnings.Add).ReadEvents());
        var actual = new TelemetryStore(temp.Combine("store"), fastWarnings.Add) { ScanChunkBytes = 4096 }.ReadDailySummaries();

        Assert.True(expected.Count > 50);
        Assert.Equal(Describe(expected), Describe(actual));
        Assert.NotEmpty(slowWarnings);
        Assert.Equal(slowWarnings, fastWarnings);
    }

    [Fact]
    public void ReadDailySummaries_Query_FiltersLikeReadEvents()
    {
        var gen = new RowMutator(seed: 62);
        Directory.CreateDirectory(temp.Combine("store"));
        File.WriteAllLines(temp.Combine("store", "events-2026-06.jsonl"), Enumerable.Range(0, 2000).Select(_ => RowMutator.Write(gen.Event())));
        var store = new TelemetryStore(temp.Combine("store")) { ScanChunkBytes = 10_000 };
        var query = new EventQuery { System = "codex", Since = Make.Utc(2026, 6, 5), Until = Make.Utc(2026, 6, 20, 7, 30) };

        Assert.Equal(Describe(DailyRollup.Compute(store.ReadEvents(query))), Describe(store.ReadDailySummaries(query)));
        Assert.Empty(store.ReadDailySummaries(new EventQuery { SessionId = "nobody" }));
    }

    [Fact]
    public void ReadDailySummaries_MissingRoot_IsEmpty()
    {
        Assert.Empty(new TelemetryStore(temp.Combine("absent")).ReadDailySummaries());
    }

    private static List<string> Describe(IEnumerable<DailySummary> days) =>
        days.Select(d => $"{d.Date:yyyy-MM-dd} {d.System} s{d.Sessions} e{d.Events} t{d.Turns} u{d.UserTurns} c{d.Corrections} i{d.TokensIn} o{d.TokensOut} ${d.CostUsd:R}").ToList();
}
