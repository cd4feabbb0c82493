// The stored latest session summaries (.index/sessions.summaries): the HTML report prints the same bytes whether its
// sessions come from the sidecar (built cold, read warm, or with appended rows folded in alone) or from the rows as
// compare and ReadSessions read them; a damaged, truncated or stale sidecar is rebuilt, never trusted; a store with an
// unusable row gets none and keeps warning; it holds no content; reset deletes it.
using System.Text;
using ZosTelemetry.Events;
using ZosTelemetry.Facts;
using ZosTelemetry.Reports.Html;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class SessionSummarySidecarTests : IDisposable
{
    private static readonly string[] Systems = ["claude-code", "codex", "aider"];
    private static readonly string?[] Models = [null, "claude-sonnet-4-5", "gpt-5-codex", "unknown-model-x"];
    private static readonly string?[] OutcomeNames = [null, Outcomes.Success, Outcomes.Failure, Outcomes.Abandoned];

    private const string Rebuilt = "Reading the latest session summaries from every sessions file.";
    private const string FromSidecar = "Latest session summaries from ";
    private const string Folded = "Folding the rows appended to ";

    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    public static TheoryData<int, int?, int> Cases() => new()
    {
        { 1, null, 50_000 },
        { 2, 30, 50_000 },
        { 3, null, 10 }, // past the spill threshold: the reference reads through scratch files
        { 4, 7, 10 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_FromSidecarColdAndWarm_SameBytesAsFromTheRows(int seed, int? window, int spillThreshold)
    {
        var store = RandomStore(seed, spillThreshold);
        string reference = Page(store, window, stored: false);
        Assert.False(File.Exists(SessionSummarySidecar.PathOf(store.Root)));

        var (cold, coldLines) = Observed(store, window, spillThreshold);
        var (warm, warmLines) = Observed(store, window, spillThreshold);

        Assert.Contains(Rebuilt, coldLines);
        Assert.Contains(warmLines, l => l.StartsWith(FromSidecar, StringComparison.Ordinal));
        Assert.Equal(reference, cold);
        Assert.Equal(reference, warm);
        Assert.Equal(reference, Page(store, window, stored: true, systems: [])); // and with the default store
    }

    [Fact]
    public void Render_NamedSystems_SameBytesAsFromTheRows()
    {
        var store = RandomStore(5, 50_000);
        Assert.Equal(Page(store, null, stored: false, systems: ["aider", "codex"]), Page(store, null, stored: true, systems: ["aider", "codex"]));
        Assert.Equal(Page(store, 20, stored: false, systems: ["codex"]), Page(store, 20, stored: true, systems: ["codex"]));
    }

    [Fact]
    public void Sidecar_AfterAppendsToTheNewestFile_OnlyTheNewRowsFoldedAndEqualToARebuild()
    {
        var store = RandomStore(6, 50_000);
        Page(store, null, stored: true);

        // A later row of a stored session (closed again) and a new session, both in the newest month, as close writes them.
        var newest = store.ReadSessions().OrderByDescending(s => s.ClosedAt).First();
        store.AppendSessions([Summary(newest.SessionId, newest.System, newest.FirstTimestamp, newest.ClosedAt.AddMinutes(1), turns: 99), Summary("fresh-1", "codex", newest.ClosedAt.AddHours(-2), newest.ClosedAt.AddMinutes(2))]);
        var (after, lines) = Observed(store, null, 50_000);

        Assert.Contains(lines, l => l.StartsWith(Folded + "1 sessions file", StringComparison.Ordinal));
        Assert.DoesNotContain(Rebuilt, lines);
        Assert.Equal(Page(store, null, stored: false), after);
        AssertEqualsARebuild(store);
    }

    [Fact]
    public void Sidecar_AfterANewMonthFile_OnlyItFolded()
    {
        var store = RandomStore(7, 50_000);
        Page(store, null, stored: true);
        var old = store.ReadSessions()[0];

        // A month after every stored one: a new file at the end of the store's order. Its row supersedes an older one.
        store.AppendSessions([Summary(old.SessionId, old.System, old.FirstTimestamp, Make.Now.AddDays(40), turns: 7), Summary("next-month", "aider", Make.Now.AddDays(39), Make.Now.AddDays(40))]);
        var (after, lines) = Observed(store, null, 50_000);

        Assert.Contains(lines, l => l.StartsWith(Folded + "1 sessions file", StringComparison.Ordinal));
        Assert.Equal(Page(store, null, stored: false), after);
        AssertEqualsARebuild(store);
    }

    [Fact]
    public void Sidecar_AfterAnAppendToAnOlderFile_Rebuilt()
    {
        var store = RandomStore(8, 50_000);
        Page(store, null, stored: true);
        var oldest = store.ReadSessions().OrderBy(s => s.ClosedAt).First();

        store.AppendSessions([Summary("backfilled", "codex", oldest.FirstTimestamp, oldest.ClosedAt)]); // an import of old logs
        var (after, lines) = Observed(store, null, 50_000);

        Assert.Contains(Rebuilt, lines);
        Assert.Equal(Page(store, null, stored: false), after);
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("empty")]
    [InlineData("stale")]
    [InlineData("edited")]
    public void Sidecar_DamagedTruncatedOrStale_RebuiltAndTheReportUnchanged(string damage)
    {
        var store = RandomStore(9, 50_000);
        string reference = Page(store, null, stored: false);
        Page(store, null, stored: true);
        string sidecar = SessionSummarySidecar.PathOf(store.Root);
        byte[] bytes = File.ReadAllBytes(sidecar);
        string newest = Directory.GetFiles(store.Root, "sessions-*.jsonl").Order().Last();
        switch (damage)
        {
            case "flip":
                bytes[bytes.Length / 2] ^= 0x5A;
                File.WriteAllBytes(sidecar, bytes);
                break;
            case "truncate":
                File.WriteAllBytes(sidecar, bytes[..(bytes.Length / 3)]);
                break;
            case "empty":
                File.WriteAllBytes(sidecar, []);
                break;
            case "stale":
                // Same bytes, another file (a restore from a backup): another inode, so the sidecar cannot vouch for it.
                File.Copy(newest, newest + ".copy");
                File.Move(newest + ".copy", newest, overwrite: true);
                break;
            default:
                // Edited in place and grown: the bytes before the recorded end changed, so it is no append.
                string rows = File.ReadAllText(newest);
                int at = rows.LastIndexOf("\"ctx-0\"", StringComparison.Ordinal);
                File.WriteAllText(newest, rows[..at] + "\"ctx-1\"" + rows[(at + 7)..] + "\n");
                reference = Page(store, null, stored: false);
                break;
        }

        var (after, lines) = Observed(store, null, 50_000);

        Assert.Contains(Rebuilt, lines);
        Assert.Equal(reference, after);
        Assert.NotNull(SessionSummarySidecar.TryRead(sidecar));
        AssertEqualsARebuild(store);
    }

    [Fact]
    public void Sidecar_StoreWithAnUnusableRow_NotWrittenAndWarnedAsBefore()
    {
        var store = RandomStore(10, 50_000);
        string newest = Directory.GetFiles(store.Root, "sessions-*.jsonl").Order().Last();
        File.AppendAllText(newest, "{\"schema\":1,\"ts_closed\":\"not a time\"}\n");
        var before = new List<StoreWarning>();
        var after = new List<StoreWarning>();

        string reference = HtmlReport.Render(new TelemetryStore(store.Root, before.Add, () => Make.Now), new HtmlReportOptions { Now = Make.Now, ReadStoredSummaries = false }).Html;
        string page = HtmlReport.Render(new TelemetryStore(store.Root, after.Add, () => Make.Now), new HtmlReportOptions { Now = Make.Now }).Html;

        Assert.Equal(reference, page);
        Assert.NotEmpty(before);
        Assert.Equal(before.Select(w => w.ToString()), after.Select(w => w.ToString()));
        Assert.False(File.Exists(SessionSummarySidecar.PathOf(store.Root)));
    }

    [Fact]
    public void Sidecar_Written_PrivateUnderIndex()
    {
        var store = RandomStore(11, 50_000);
        Page(store, null, stored: true);

        string sidecar = SessionSummarySidecar.PathOf(store.Root);
        Assert.True(File.Exists(sidecar));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(sidecar));
        }

        // Declared in schemas/index.json with the class of the sessions rows it copies (ids and context names: S2).
        var declared = Contracts.ContractRegistry.Embedded.StoreFiles.First(f => f.Pattern == ".index/sessions.summaries");
        Assert.Equal("S2", declared.SensitivityClass);
        Assert.Equal("local_only", declared.TransmissionClass);
    }

    [Fact]
    public void Reset_DeletesTheSidecar()
    {
        var store = RandomStore(12, 50_000);
        Page(store, null, stored: true);

        StoreReset.Reset(store);

        Assert.False(File.Exists(SessionSummarySidecar.PathOf(store.Root)));
    }

    [Fact]
    public void Sidecar_Canary_HoldsNoneOfTheContentFields()
    {
        const string Canary = "zq8canary";
        var store = new TelemetryStore(temp.Combine("canary"), clock: () => Make.Now);
        var events = Enumerable.Range(0, 60).Select(i => new TelemetryEvent
        {
            Timestamp = Make.Now.AddHours(-i * 5),
            SessionId = "session-" + (i % 4),
            System = "codex",
            Kind = i % 2 == 0 ? EventKinds.UserMessage : "llm_call",
            Role = Canary + "role",
            Provider = Canary + "prov",
            Model = "gpt-5-codex",
            TokensIn = 10 * i,
            CostUsd = 0.01,
            User = store.HashUser(Canary + "user"),
            EventId = Canary + "-event-" + i,
            Markers = i % 4 == 0 ? ["corr.strong.1"] : [],
        }).ToList();
        store.Append(events);
        foreach (string id in events.Select(e => e.SessionId).Distinct())
        {
            store.Close(id);
        }

        HtmlReport.Render(store, new HtmlReportOptions { Now = Make.Now });

        string stored = Encoding.Latin1.GetString(File.ReadAllBytes(SessionSummarySidecar.PathOf(store.Root)));
        Assert.Contains("session-3", stored, StringComparison.Ordinal); // it is the sidecar of these sessions
        Assert.DoesNotContain(Canary, stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("corr.", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(EventKinds.UserMessage, stored, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, 50_000)] // both sides past twice the limit: the sessions in the order their ids first appear
    [InlineData(5, 10)] // the same through the store's scratch files
    [InlineData(2000, 50_000)] // bootstrap: by first activity, then by the hash of the id
    public void CompareLatest_FromTheSidecar_BitForBitAsCompareReadsTheStore(int bootstrapLimit, int spillThreshold)
    {
        var store = RandomStore(13, spillThreshold);
        var options = new Comparison.ComparisonOptions { Now = Make.Now, BootstrapLimit = bootstrapLimit, Resamples = 200, Distributions = true };

        var fromStore = Comparison.SystemComparer.Compare(store, "codex", "aider", options);
        var fromSidecar = Comparison.SystemComparer.CompareLatest(SessionSummarySidecar.Load(store)!, "codex", "aider", options);

        static object Figures(Comparison.ComparisonReport r) => r.Metrics.Select(m => (m.Metric, m.MeanA, m.MeanB, m.MedianA, m.MedianB, m.CiLow, m.CiHigh, m.Method,
            string.Join(",", r.A[m.Metric].Distribution?.Values ?? []), string.Join(",", r.B[m.Metric].Distribution?.Values ?? []))).ToList();
        Assert.Equal(Figures(fromStore), Figures(fromSidecar));
        Assert.Equal((fromStore.A.Sessions, fromStore.B.Sessions), (fromSidecar.A.Sessions, fromSidecar.B.Sessions));
        Assert.Equal(fromStore.Warnings, fromSidecar.Warnings);
    }

    [Fact]
    public void Savings_EmptyModel_NoModelInTheCliAndTheHtmlReportAlike()
    {
        // Rows with "model":"" (written by hand or by another writer; our validator stores null): one with tokens and a
        // cost, one with neither. The CLI's savings (over events) and the HTML report's cost (over the daily facts)
        // count them by one rule: an empty model is no model, and an event without model, tokens or cost is no call.
        var store = new TelemetryStore(temp.Combine("empty-model"), clock: () => Make.Now);
        store.Append([Make.Event("m1", "codex", EventKinds.AssistantMessage, Make.Now.AddHours(-3), model: "gpt-5-codex", tokensIn: 100)]);
        string events = Directory.GetFiles(store.Root, "events-*.jsonl").Single();
        File.AppendAllText(events,
            "{\"schema\":1,\"ts\":\"2026-06-10T16:00:00.000Z\",\"session_id\":\"m1\",\"system\":\"codex\",\"context\":null,\"role\":null,\"kind\":\"assistant_message\",\"model\":\"\",\"tokens_in\":50,\"tokens_out\":0,\"cost_usd\":0.01,\"markers\":[]}\n" +
            "{\"schema\":1,\"ts\":\"2026-06-10T16:30:00.000Z\",\"session_id\":\"m1\",\"system\":\"codex\",\"context\":null,\"role\":null,\"kind\":\"assistant_message\",\"model\":\"\",\"tokens_in\":0,\"tokens_out\":0,\"cost_usd\":null,\"markers\":[]}\n");
        var options = new Savings.SavingsOptions { Now = Make.Now };

        var cli = Savings.SavingsCalculator.Compute(store.ReadEvents(), Pricing.PriceTable.Default, options);
        var html = Savings.SavingsCalculator.Compute(store.ReadDailyFacts(new EventQuery()), Pricing.PriceTable.Default, options);

        Assert.Equal([(Savings.SavingsCalculator.NoModel, 1L), ("gpt-5-codex", 1L)], cli.ByModel.Select(m => (m.Name, m.Calls)).OrderBy(m => m.Item1, StringComparer.Ordinal));
        Assert.Equal(cli.ByModel.Select(m => (m.Name, m.Tier, m.Calls, m.Tokens, m.CostUsd, m.UnknownPriceCalls)), html.ByModel.Select(m => (m.Name, m.Tier, m.Calls, m.Tokens, m.CostUsd, m.UnknownPriceCalls)));
        Assert.Equal(cli.ByTier.Select(t => (t.Name, t.Calls, t.Tokens)), html.ByTier.Select(t => (t.Name, t.Calls, t.Tokens)));
        Assert.Equal((cli.Calls, cli.ActualCostUsd), (html.Calls, html.ActualCostUsd));
    }

    /// <summary>The sidecar as it stands equals, byte for byte, the one a read of every row writes.</summary>
    private static void AssertEqualsARebuild(TelemetryStore store)
    {
        string sidecar = SessionSummarySidecar.PathOf(store.Root);
        byte[] folded = File.ReadAllBytes(sidecar);
        File.Delete(sidecar);
        SessionSummarySidecar.Load(new TelemetryStore(store.Root, clock: () => Make.Now));
        Assert.Equal(folded, File.ReadAllBytes(sidecar));
    }

    private static string Page(TelemetryStore store, int? window, bool stored, IReadOnlyList<string>? systems = null) =>
        HtmlReport.Render(store, new HtmlReportOptions { Now = Make.Now, WindowDays = window, Systems = systems ?? [], ReadStoredSummaries = stored }).Html;

    private static (string Html, List<string> Lines) Observed(TelemetryStore store, int? window, int spillThreshold)
    {
        var observer = new Observer();
        var observed = new TelemetryStore(store.Root, clock: () => Make.Now) { Observer = observer, ScanChunkBytes = 4096, SpillThreshold = spillThreshold };
        return (Page(observed, window, stored: true), observer.Lines);
    }

    /// <summary>
    /// Summaries over three months, every optional field present or not, some sessions closed again (a later row in
    /// the same file, or in a later month's file), read in chunks of 4 KB so that chunks cut rows of one file.
    /// </summary>
    private TelemetryStore RandomStore(int seed, int spillThreshold)
    {
        var random = new Random(seed);
        var store = new TelemetryStore(temp.Combine("store-" + seed), clock: () => Make.Now) { ScanChunkBytes = 4096, SpillThreshold = spillThreshold };
        var summaries = new List<SessionSummary>();
        for (int i = 0; i < 400; i++)
        {
            var first = Make.Now.AddMinutes(-random.Next(90 * 24 * 60));
            var closed = first.AddMinutes(random.Next(1, 600));
            if (closed > Make.Now)
            {
                closed = Make.Now;
            }

            var s = RandomSummary(random, "s" + seed + "-" + i, Systems[random.Next(Systems.Length)], first, closed);
            summaries.Add(s);
            if (random.Next(10) == 0)
            {
                // Closed again: later, possibly a month later, with other figures.
                var again = closed.AddDays(random.Next(2) == 0 ? 0 : 31);
                summaries.Add(RandomSummary(random, s.SessionId, s.System, first, again > Make.Now ? Make.Now : again));
            }
        }

        store.AppendSessions(summaries.Take(250).ToList());
        store.AppendSessions(summaries.Skip(250).ToList());
        return store;
    }

    private static SessionSummary RandomSummary(Random random, string id, string system, DateTimeOffset first, DateTimeOffset closed)
    {
        long turns = random.Next(1, 60), userTurns = random.Next((int)turns + 1), events = turns + random.Next(40);
        long? Maybe(int max) => random.Next(3) == 0 ? null : random.Next(max);
        var last = first.AddSeconds(random.Next((int)Math.Max(1, (closed - first).TotalSeconds)));
        return new SessionSummary
        {
            SessionId = id,
            System = system,
            Context = random.Next(3) == 0 ? null : "ctx-" + random.Next(3),
            Model = Models[random.Next(Models.Length)],
            DetectorVersion = 2,
            Turns = turns,
            UserTurns = userTurns,
            Corrections = random.Next((int)userTurns + 1),
            Events = events,
            TokensIn = random.Next(200_000),
            TokensOut = random.Next(20_000),
            CostUsd = random.Next(4) == 0 ? 0 : random.NextDouble() * 3,
            UnpricedEvents = random.Next(5) == 0 ? random.Next(4) : 0,
            FirstTimestamp = first,
            LastTimestamp = last,
            DurationSeconds = (last - first).TotalSeconds,
            ClosedAt = closed,
            ToolCalls = Maybe(40),
            ToolFailures = Maybe(5),
            ErrorsByCategory = random.Next(3) switch
            {
                0 => null,
                1 => new Dictionary<string, long>(),
                _ => new Dictionary<string, long> { ["rate_limit"] = random.Next(1, 4), ["other"] = random.Next(1, 3) },
            },
            Outcome = OutcomeNames[random.Next(OutcomeNames.Length)],
            FirstShotSuccess = random.Next(3) switch { 0 => null, 1 => true, _ => false },
            Attempts = Maybe(4),
            Alerts = Maybe(3),
            Variant = random.Next(4) == 0 ? "v" + random.Next(2) : null,
        };
    }

    private static SessionSummary Summary(string id, string system, DateTimeOffset first, DateTimeOffset closed, long turns = 3) => new()
    {
        SessionId = id,
        System = system,
        DetectorVersion = 2,
        Turns = turns,
        UserTurns = 1,
        Events = turns + 1,
        TokensIn = 1000,
        CostUsd = 0.25,
        FirstTimestamp = first,
        LastTimestamp = first.AddMinutes(1),
        DurationSeconds = 60,
        ClosedAt = closed,
    };

    private sealed class Observer : IStoreObserver
    {
        public List<string> Lines { get; } = new();

        public void Verbose(string message) => Lines.Add(message);

        public void Progress(string activity, long done, long total)
        {
        }
    }
}
