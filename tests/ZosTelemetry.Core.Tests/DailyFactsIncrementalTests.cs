// The daily facts after an append: only the appended lines are folded, resuming the stored fold from its open chunk,
// and the sidecar that comes out is byte for byte the one a fold of the whole grown file writes (the cost sums are
// doubles, so this holds only if every addition happens in the same order). Over many append patterns: more rows of
// known days, systems and models; a new day, system, model or tier; a new month; a duplicate row; blank lines up to a
// chunk boundary; appends spanning many chunks; a torn last line; and files replaced, truncated or rewritten, which
// are folded whole.
using ZosTelemetry.Events;
using ZosTelemetry.Facts;
using ZosTelemetry.Import;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class DailyFactsIncrementalTests : IDisposable
{
    // Small chunks, and not a round number, so that appends cross chunk boundaries everywhere.
    private const long ChunkBytes = 3001;
    private static readonly string[] Systems = ["claude-code", "codex", "router"];
    private static readonly string?[] Models = ["claude-sonnet-4-5", "gpt-5-codex", null, "claude-haiku-4-5"];
    private static readonly string?[] Tiers = [null, "cheap", "capable"];
    private static readonly DateTimeOffset May = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    // Most rows fall in a few slots under one system, model and tier, so the same sums run through many chunks.
    private static readonly DateTimeOffset BusyFrom = May.AddDays(1).AddHours(10), BusyUntil = BusyFrom.AddMinutes(45);

    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5, 6];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Append_RowsOfKnownDaysAndNames_ResumedFoldEqualsTheWholeFold(int seed)
    {
        var random = new Random(seed);
        var store = Store("known-" + seed, random, 400);
        for (int round = 0; round < 8; round++)
        {
            // From a row to a few chunks' worth of rows, within May's days so far.
            store.Append(Events(random, 1 + random.Next(round % 2 == 0 ? 3 : 60), BusyFrom, BusyUntil));

            AssertResumedEqualsWhole(store, May);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Append_NewDaySystemModelAndTier_ResumedFoldEqualsTheWholeFold(int seed)
    {
        var random = new Random(seed);
        var store = Store("new-" + seed, random, 300);

        store.Append(Events(random, 5, May.AddDays(27), May.AddDays(28))); // a day no row had
        AssertResumedEqualsWhole(store, May);

        store.Append(Events(random, 7, BusyFrom, BusyUntil, system: "newcomer-" + seed)); // a new system
        AssertResumedEqualsWhole(store, May);

        store.Append(Events(random, 7, BusyFrom, BusyUntil, model: "model-new-" + seed, tier: "tier-new")); // a new model and tier
        AssertResumedEqualsWhole(store, May);
    }

    [Fact]
    public void Append_NewMonth_OldMonthReadAndNewMonthFoldedAsAWholeFoldWould()
    {
        var random = new Random(7);
        var store = Store("month", random, 300);

        byte[] may = File.ReadAllBytes(DailyFactsSidecar.PathOf(store.Root, EventsFile(store, May)));

        store.Append(Events(random, 40, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 6, 9, 0, 0, 0, TimeSpan.Zero)));

        AssertResumedEqualsWhole(store, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), expectResume: false);
        Assert.Equal(may, File.ReadAllBytes(DailyFactsSidecar.PathOf(store.Root, EventsFile(store, May))));
        store.Append(Events(random, 30, new DateTimeOffset(2026, 6, 2, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 6, 9, 0, 0, 0, TimeSpan.Zero)));
        AssertResumedEqualsWhole(store, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Append_ADuplicateRow_CountedTwiceAsAWholeFoldCountsIt()
    {
        var random = new Random(8);
        var store = Store("duplicate", random, 300);
        string events = EventsFile(store, May);
        string last = File.ReadLines(events).Last();

        File.AppendAllText(events, last + "\n");

        var table = AssertResumedEqualsWhole(store, May);
        Assert.Equal(301, table.Rows.Sum(r => r.Events));
    }

    [Fact]
    public void Append_EndingOnAChunkBoundaryThenMore_ResumedFoldEqualsTheWholeFold()
    {
        var random = new Random(9);
        var store = Store("boundary", random, 300);
        string events = EventsFile(store, May);
        store.Append(Events(random, 3, BusyFrom, BusyUntil));
        AssertResumedEqualsWhole(store, May);

        // Blank lines (read and skipped by every reader) up to the next multiple of the chunk size: the open chunk is
        // then empty, and the next append begins a new chunk.
        long length = new FileInfo(events).Length;
        long pad = ChunkBytes - (length % ChunkBytes);
        File.AppendAllText(events, new string(' ', (int)pad - 1) + "\n");
        Assert.Equal(0, new FileInfo(events).Length % ChunkBytes);
        AssertResumedEqualsWhole(store, May);

        store.Append(Events(random, 4, BusyFrom, BusyUntil));
        AssertResumedEqualsWhole(store, May);
    }

    [Fact]
    public void Append_TornLastLine_FoldedWholeWithAWarningAndResumedOnceTheLineIsWhole()
    {
        var random = new Random(10);
        var store = Store("torn", random, 300);
        string events = EventsFile(store, May);
        string sidecar = DailyFactsSidecar.PathOf(store.Root, events);
        byte[] before = File.ReadAllBytes(sidecar);
        store.Append(Events(random, 2, BusyFrom, BusyUntil));
        string row = File.ReadLines(events).Last();
        var torn = File.ReadAllBytes(events);
        File.AppendAllText(events, row[..(row.Length / 2)]); // a writer stopped mid-row

        var warnings = new List<StoreWarning>();
        var observer = new Observer();
        var table = new TelemetryStore(store.Root, warnings.Add, () => Make.Now) { ScanChunkBytes = ChunkBytes, Observer = observer }.ReadDailyFacts(new EventQuery()).Tables.Single();

        Assert.Contains(observer.Lines, l => l.StartsWith("Folding the daily facts of", StringComparison.Ordinal)); // the resumed fold met the torn row
        Assert.Single(warnings, w => w.Path == events && w.Reason.StartsWith("torn last line", StringComparison.Ordinal));
        Assert.Equal(before, File.ReadAllBytes(sidecar)); // nothing saved for a month with an unusable row
        var whole = new TelemetryStore(temp.Combine("torn-whole"), _ => { }, () => Make.Now) { ScanChunkBytes = ChunkBytes };
        Directory.CreateDirectory(whole.Root);
        File.WriteAllBytes(Path.Combine(whole.Root, Path.GetFileName(events)), File.ReadAllBytes(events));
        Assert.Equal(Encode(whole.ReadDailyFacts(new EventQuery()).Tables.Single()), Encode(table));

        File.AppendAllText(events, row[(row.Length / 2)..] + "\n"); // the writer finished the row
        Assert.Equal(torn.Length + row.Length + 1, new FileInfo(events).Length);
        AssertResumedEqualsWhole(store, May);
    }

    [Fact]
    public void ReplacedTruncatedOrRewrittenFile_FoldedWhole()
    {
        var random = new Random(11);
        var store = Store("replaced", random, 300);
        string events = EventsFile(store, May);

        // Longer, but another file (a restore from a backup, then appended to): another inode.
        File.Copy(events, events + ".copy");
        File.AppendAllText(events + ".copy", File.ReadLines(events).First() + "\n");
        File.Move(events + ".copy", events, overwrite: true);
        AssertResumedEqualsWhole(store, May, expectResume: false);

        // Truncated in place: shorter.
        var lines = File.ReadAllLines(events);
        File.WriteAllLines(events, lines[..^5]);
        AssertResumedEqualsWhole(store, May, expectResume: false);

        // Rewritten in place and longer: same inode, the bytes before the recorded end changed.
        lines = File.ReadAllLines(events);
        using (var stream = new FileStream(events, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(0);
            var swapped = lines.Reverse().Append(lines[0]).Select(l => l + "\n");
            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(string.Concat(swapped));
            stream.Write(bytes);
        }

        AssertResumedEqualsWhole(store, May, expectResume: false);
    }

    [Fact]
    public void FoldInChunks_CostBits_DependOnTheChunks_SoTheTestsAboveCanFail()
    {
        // Guards the tests above: were the costs order-free in these data (whole numbers, say), equal bytes would
        // prove nothing about the order of additions.
        var random = new Random(12);
        var store = Store("order", random, 600);
        var coarse = new TelemetryStore(store.Root, clock: () => Make.Now) { ScanChunkBytes = 1 << 20 };
        Directory.Delete(Path.Combine(store.Root, ".index"), recursive: true);

        var fine = store.ReadDailyFacts(new EventQuery()).Tables.Single().Rows;
        Directory.Delete(Path.Combine(store.Root, ".index"), recursive: true);
        var one = coarse.ReadDailyFacts(new EventQuery()).Tables.Single().Rows;

        Assert.Equal(fine.Select(r => r.Key), one.Select(r => r.Key));
        Assert.Contains(fine.Zip(one), p => BitConverter.DoubleToInt64Bits(p.First.Cost) != BitConverter.DoubleToInt64Bits(p.Second.Cost));
    }

    /// <summary>
    /// Reads the month's facts through a fresh store (resuming the stored fold when expectResume), then deletes the
    /// sidecar and folds the whole file: both sidecars must be the same bytes, and so the tables read from them.
    /// </summary>
    private DailyFactTable AssertResumedEqualsWhole(TelemetryStore store, DateTimeOffset month, bool expectResume = true)
    {
        string events = EventsFile(store, month);
        string sidecar = DailyFactsSidecar.PathOf(store.Root, events);
        var observer = new Observer();
        var warnings = new List<StoreWarning>();
        var resumed = new TelemetryStore(store.Root, warnings.Add, () => Make.Now) { ScanChunkBytes = ChunkBytes, Observer = observer }.ReadDailyFacts(new EventQuery());

        string name = Path.GetFileName(events);
        Assert.Empty(warnings);
        Assert.Equal(expectResume, observer.Lines.Any(l => l.StartsWith("Folding the ", StringComparison.Ordinal) && l.Contains(" bytes appended to " + events, StringComparison.Ordinal)));
        Assert.Equal(!expectResume, observer.Lines.Contains("Folding the daily facts of " + events + "."));
        byte[] afterResume = File.ReadAllBytes(sidecar);
        var table = resumed.Tables.Single(t => t.Rows.Count > 0 && DailyFactTable.SlotStartTicks(t.Rows[0].Key.Slot) >= month.UtcTicks && DailyFactTable.SlotStartTicks(t.Rows[0].Key.Slot) < month.AddMonths(1).UtcTicks);

        File.Delete(sidecar);
        var whole = new TelemetryStore(store.Root, clock: () => Make.Now) { ScanChunkBytes = ChunkBytes }.ReadDailyFacts(new EventQuery());

        Assert.Equal(File.ReadAllBytes(sidecar), afterResume);
        Assert.Equal(Encode(whole.Tables.Single(t => t.Rows.Count > 0 && t.Rows[0].Key.Slot == table.Rows[0].Key.Slot)), Encode(table));
        Assert.True(name.Length > 0);
        return table;
    }

    /// <summary>A table's every figure, the costs' exact bits included, as text.</summary>
    private static string Encode(DailyFactTable t) => string.Join('\n',
        [string.Join(',', t.Systems), string.Join(',', t.Models), string.Join(',', t.Tiers),
         .. t.Rows.Select(r => $"{r.Key} {r.Events} {r.Turns} {r.UserTurns} {r.Corrections} {r.PositiveCost} {r.TokensIn} {r.TokensOut} {r.CacheRead} {r.CacheWrite} {BitConverter.DoubleToInt64Bits(r.Cost):X}"),
         .. t.Sessions.Select(s => $"{s.Hash:X} {s.System} {string.Join(';', s.Runs.ToArray())}")]);

    private static string EventsFile(TelemetryStore store, DateTimeOffset month) =>
        Path.Combine(store.Root, $"events-{month:yyyy-MM}.jsonl");

    private TelemetryStore Store(string name, Random random, int events)
    {
        var store = new TelemetryStore(temp.Combine(name), clock: () => Make.Now) { ScanChunkBytes = ChunkBytes };
        store.Append(Events(random, events, BusyFrom, BusyUntil));
        store.ReadDailyFacts(new EventQuery()); // the sidecar every test begins from
        Assert.True(File.Exists(DailyFactsSidecar.PathOf(store.Root, EventsFile(store, May))));
        return store;
    }

    private static List<TelemetryEvent> Events(Random random, int count, DateTimeOffset from, DateTimeOffset until, string? system = null, string? model = null, string? tier = null)
    {
        var events = new List<TelemetryEvent>(count);
        for (int i = 0; i < count; i++)
        {
            string kind = random.Next(4) switch { 0 => EventKinds.UserMessage, 1 => ImportedKinds.ToolResult, _ => "llm_call" };
            bool usage = kind == "llm_call";
            events.Add(new TelemetryEvent
            {
                Timestamp = from.AddSeconds(random.NextDouble() * (until - from).TotalSeconds),
                SessionId = "s" + random.Next(40),
                System = system ?? Systems[random.Next(4) == 0 ? random.Next(Systems.Length) : 0],
                Kind = kind,
                Model = model ?? Models[random.Next(4) == 0 ? random.Next(Models.Length) : 0],
                Tier = tier ?? Tiers[random.Next(4) == 0 ? random.Next(Tiers.Length) : 0],
                TokensIn = usage ? random.Next(6000) : 0,
                TokensOut = usage ? random.Next(3000) : 0,
                CacheReadTokens = usage && random.Next(2) == 0 ? random.Next(90000) : null,
                // Costs with many significant digits, so that the order of their additions shows in the sums' bits.
                CostUsd = random.Next(8) switch { 0 => null, 1 => 0, _ => random.Next(1, 1_000_000) / 3e6 },
                Markers = kind == EventKinds.UserMessage && random.Next(5) == 0 ? ["corr.strong.1"] : [],
            });
        }

        return events;
    }

    private sealed class Observer : IStoreObserver
    {
        public List<string> Lines { get; } = new();

        public void Verbose(string message) => Lines.Add(message);

        public void Progress(string activity, long done, long total)
        {
        }
    }
}
