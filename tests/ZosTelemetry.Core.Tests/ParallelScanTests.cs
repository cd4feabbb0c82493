// Chunked reading: every line is read exactly once whatever the chunk size, line numbers in warnings are the file's,
// and the parallel daily report equals the one folded from events read one by one.
using System.Text;
using ZosTelemetry.Events;
using ZosTelemetry.Pricing;
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
    public void ReadDailySummaries_NullCosts_PricedThroughTheResolverAndUnknownCounted()
    {
        // gpt-5 with cache tokens and no cost, a recorded cost, an unknown model, no model, and a turn without usage;
        // spread over many small chunks so that each chunk prices with its own per-model cache.
        var events = new List<TelemetryEvent>();
        for (int i = 0; i < 400; i++)
        {
            var ts = Make.Utc(2026, 6, 1 + (i % 5), 8);
            events.Add(Usage(ts, $"s{i % 7}", "gpt-5", 100_000, 10_000, null, cacheRead: 50_000, cacheWrite: 2_000));
            events.Add(Usage(ts, $"s{i % 7}", "claude-opus-4-1", 10, 10, 0.5));
            events.Add(Usage(ts, $"s{i % 7}", "model-x", 1_000, 1_000, null));
            events.Add(Usage(ts, $"s{i % 7}", null, 5, 5, null));
            events.Add(Usage(ts, $"s{i % 7}", "model-x", 0, 0, null)); // no usage: costs nothing, needs no price
        }

        var store = new TelemetryStore(temp.Combine("store"), clock: () => Make.Now) { ScanChunkBytes = 2048 };
        store.Append(events);
        var table = PriceTable.Default.OverriddenBy(PricingTests.Table("""{"models": {"model-x": {"input": 1000, "output": 0}}}"""));

        foreach (var costs in new[] { CostResolver.Shipped, new CostResolver(table) })
        {
            var byDay = events.GroupBy(e => DateOnly.FromDateTime(e.Timestamp.UtcDateTime)).OrderBy(g => g.Key).ToList();
            var actual = store.ReadDailySummaries(costs: costs);

            Assert.Equal(byDay.Select(g => g.Key), actual.Select(d => d.Date));
            foreach (var (day, summary) in byDay.Zip(actual))
            {
                var resolved = day.Select(costs.Resolve).ToList();
                Assert.Equal(resolved.Sum(c => c.Usd ?? 0), summary.CostUsd, 8);
                Assert.Equal(resolved.Count(c => !c.IsKnown), summary.UnpricedEvents);
            }

            Assert.Equal(Describe(DailyRollup.Compute(store.ReadEvents(), costs)), Describe(actual));
        }
    }

    private static TelemetryEvent Usage(DateTimeOffset ts, string session, string? model, long tokensIn, long tokensOut, double? cost, long? cacheRead = null, long? cacheWrite = null) => new()
    {
        Timestamp = ts,
        SessionId = session,
        System = "alpha",
        Kind = EventKinds.AssistantMessage,
        Model = model,
        TokensIn = tokensIn,
        TokensOut = tokensOut,
        CostUsd = cost,
        CacheReadTokens = cacheRead,
        CacheWriteTokens = cacheWrite,
    };

    [Fact]
    public void ReadDailySummaries_MissingRoot_IsEmpty()
    {
        Assert.Empty(new TelemetryStore(temp.Combine("absent")).ReadDailySummaries());
    }

    private static List<string> Describe(IEnumerable<DailySummary> days) =>
        days.Select(d => $"{d.Date:yyyy-MM-dd} {d.System} s{d.Sessions} e{d.Events} t{d.Turns} u{d.UserTurns} c{d.Corrections} i{d.TokensIn} o{d.TokensOut} ${d.CostUsd:R} n{d.UnpricedEvents}").ToList();
}
