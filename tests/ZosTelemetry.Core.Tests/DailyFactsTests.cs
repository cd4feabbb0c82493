// The stored daily facts (.index/events-YYYY-MM.facts): the usage reports print the same bytes whether a month's facts
// are folded from its rows or read from its sidecar, over random stores and in zones with quarter- and half-hour
// offsets; the figures equal a plain fold over the events; a sidecar that no longer matches its events file (an
// append, a replaced file, damaged bytes) is never read; it holds no content; doctor, reset and prune know it.
using System.Text;
using ZosTelemetry.Contracts;
using ZosTelemetry.Events;
using ZosTelemetry.Facts;
using ZosTelemetry.Import;
using ZosTelemetry.Pricing;
using ZosTelemetry.Reports;
using ZosTelemetry.Savings;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class DailyFactsTests : IDisposable
{
    private static readonly string[] Systems = ["claude-code", "codex", "router"];
    private static readonly string?[] ModelIds = ["claude-sonnet-4-5", "gpt-5-codex", null, "unknown-model-x", "claude-haiku-4-5"];
    private static readonly string?[] TierNames = [null, null, "cheap", "Premium", "capable"];
    private static readonly string[] KindList =
        [EventKinds.UserMessage, EventKinds.AssistantMessage, ImportedKinds.ToolResult, ImportedKinds.ApiError, "llm_call"];

    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    public static TheoryData<int, string> SeedsAndZones()
    {
        var data = new TheoryData<int, string>();
        string[] zones = ["UTC", "Asia/Kathmandu", "Pacific/Marquesas", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham"];
        for (int seed = 1; seed <= 4; seed++)
        {
            foreach (string zone in zones)
            {
                data.Add(seed, zone);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SeedsAndZones))]
    public void ByPeriod_FromSidecarOrFold_SameBytes(int seed, string zone)
    {
        var store = RandomStore(seed);
        var tz = ReportArguments.ParseTimeZone(zone);
        var random = new Random(seed);
        var queries = new[]
        {
            new UsageQuery { TimeZone = tz },
            new UsageQuery { TimeZone = tz, System = Systems[random.Next(Systems.Length)], Since = new DateOnly(2026, 3, 1 + random.Next(20)), Until = new DateOnly(2026, 5, 1 + random.Next(25)) },
        };

        foreach (var query in queries)
        {
            foreach (var period in new[] { UsagePeriod.Day, UsagePeriod.Month })
            {
                if (Directory.Exists(Path.Combine(store.Root, ".index")))
                {
                    Directory.Delete(Path.Combine(store.Root, ".index"), recursive: true);
                }

                var folded = Render(UsageReport.ByPeriod(store, period, query), tz);
                Assert.NotEmpty(Directory.GetFiles(Path.Combine(store.Root, ".index"), "*.facts"));
                var observer = new Observer();
                var fromSidecar = Render(UsageReport.ByPeriod(new TelemetryStore(store.Root, clock: () => Make.Now) { Observer = observer }, period, query), tz);

                Assert.Contains(observer.Lines, l => l.StartsWith("Daily facts of", StringComparison.Ordinal));
                Assert.DoesNotContain(observer.Lines, l => l.StartsWith("Folding", StringComparison.Ordinal));
                Assert.Equal(folded.Text, fromSidecar.Text);
                Assert.Equal(folded.Json, fromSidecar.Json);
            }
        }
    }

    [Theory]
    [InlineData(7, "Asia/Kathmandu")]
    [InlineData(8, "Pacific/Marquesas")]
    [InlineData(9, "Europe/London")]
    public void ByPeriod_FromSidecar_EqualsThePlainFoldOfTheEvents(int seed, string zone)
    {
        var store = RandomStore(seed);
        var tz = ReportArguments.ParseTimeZone(zone);
        UsageReport.ByPeriod(store, UsagePeriod.Day, new UsageQuery { TimeZone = tz }); // writes the sidecars
        var events = store.ReadEvents().ToList();

        var rows = UsageReport.ByPeriod(store, UsagePeriod.Day, new UsageQuery { TimeZone = tz });

        var expected = events
            .GroupBy(e => (Day: DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(e.Timestamp, tz).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), e.System))
            .OrderBy(g => g.Key.Day, StringComparer.Ordinal).ThenBy(g => g.Key.System, StringComparer.Ordinal)
            .Select(g => (g.Key.Day, g.Key.System, Sessions: (long)g.Select(e => e.SessionId).Distinct().Count(),
                Usage: g.LongCount(e => CostResolver.HasTokens(e) || e.CostUsd > 0),
                Tokens: g.Sum(e => e.TokensIn + e.TokensOut + (e.CacheReadTokens ?? 0) + (e.CacheWriteTokens ?? 0)),
                Cost: g.Where(e => CostResolver.HasTokens(e) || e.CostUsd > 0).Sum(e => CostResolver.Shipped.Resolve(e).Usd ?? 0),
                Unpriced: g.LongCount(e => (CostResolver.HasTokens(e) || e.CostUsd > 0) && !CostResolver.Shipped.Resolve(e).IsKnown)))
            .ToList();
        Assert.Equal(expected.Select(r => (r.Day, r.System, r.Sessions, r.Usage, r.Tokens, r.Unpriced)),
            rows.Select(r => (r.Period, r.System, r.Sessions, r.Breakdown.Sum(m => m.Events), r.TotalTokens, r.UnpricedEvents)));
        Assert.Equal(expected.Select(r => r.Cost), rows.Select(r => r.CostUsd), new ToleranceComparer(1e-9));
    }

    [Fact]
    public void Trends_FromFacts_EqualTheDailyRollupScan()
    {
        var store = RandomStore(11);
        var since = Make.Now.AddDays(-60);

        var scan = store.ReadDailySummaries(new EventQuery { Since = DailyFacts.SlotFloor(since) });
        var facts = DailyRollup.FromFacts(store.ReadDailyFacts(new EventQuery { Since = DailyFacts.SlotFloor(since) }), null, DailyFacts.SlotFloor(since), null);

        Assert.Equal(scan.Select(d => (d.Date, d.System, d.Sessions, d.Events, d.Turns, d.UserTurns, d.Corrections, d.TokensIn, d.TokensOut, d.UnpricedEvents)),
            facts.Select(d => (d.Date, d.System, d.Sessions, d.Events, d.Turns, d.UserTurns, d.Corrections, d.TokensIn, d.TokensOut, d.UnpricedEvents)));
        Assert.Equal(scan.Select(d => d.CostUsd), facts.Select(d => d.CostUsd), new ToleranceComparer(1e-9));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("codex", null)]
    [InlineData(null, "capable")]
    public void Savings_FromFacts_EqualTheEventFold(string? system, string? baselineTier)
    {
        var store = RandomStore(12);
        var options = new SavingsOptions { System = system, Since = DailyFacts.SlotFloor(Make.Now.AddDays(-45)), Now = Make.Now, BaselineTier = baselineTier };

        var events = SavingsCalculator.Compute(store.ReadEvents(), PriceTable.Default, options);
        var facts = SavingsCalculator.Compute(store.ReadDailyFacts(new EventQuery { Since = options.Since }), PriceTable.Default, options);

        Assert.True(events.Calls > 100);
        Assert.Equal((events.Calls, events.PricedCalls, events.UnknownPriceCalls, events.NoTokenCalls, events.CacheReadTokens, events.BaselineModel),
            (facts.Calls, facts.PricedCalls, facts.UnknownPriceCalls, facts.NoTokenCalls, facts.CacheReadTokens, facts.BaselineModel));
        Assert.Equal(events.ActualCostUsd, facts.ActualCostUsd, 9);
        Assert.Equal(events.BaselineCostUsd, facts.BaselineCostUsd, 9);
        Assert.Equal(events.CacheSavingsUsd, facts.CacheSavingsUsd, 9);
        Assert.Equal(events.ByModel.Select(m => (m.Name, m.Tier, m.Calls, m.Tokens, m.UnknownPriceCalls)), facts.ByModel.Select(m => (m.Name, m.Tier, m.Calls, m.Tokens, m.UnknownPriceCalls)));
        Assert.Equal(events.ByTier.Select(t => (t.Name, t.Calls, t.Tokens, t.UnknownPriceCalls)), facts.ByTier.Select(t => (t.Name, t.Calls, t.Tokens, t.UnknownPriceCalls)));
    }

    [Fact]
    public void Facts_WindowNotOnASlot_Refused()
    {
        var store = RandomStore(13);

        Assert.Throws<ArgumentException>(() => DailyRollup.FromFacts(store.ReadDailyFacts(new EventQuery()), null, Make.Now.AddMinutes(-7), null));
    }

    [Fact]
    public void Sidecar_Written_PrivateUnderIndexAndDeclared()
    {
        var store = RandomStore(14);

        UsageReport.ByPeriod(store, UsagePeriod.Day, new UsageQuery { TimeZone = TimeZoneInfo.Utc });

        var sidecars = Directory.GetFiles(Path.Combine(store.Root, ".index"), "events-*.facts");
        Assert.Equal(Directory.GetFiles(store.Root, "events-*.jsonl").Select(p => Path.GetFileNameWithoutExtension(p)).Order(),
            sidecars.Select(p => Path.GetFileNameWithoutExtension(p)).Order());
        if (!OperatingSystem.IsWindows())
        {
            foreach (string p in sidecars)
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(p));
            }
        }

        // Every file the store now holds is declared in schemas/index.json's store_files (the sidecars under ".index/").
        var patterns = ContractRegistry.Embedded.StoreFiles.Select(f => f.Pattern).ToList();
        foreach (string file in Directory.EnumerateFiles(store.Root, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(store.Root, file).Replace('\\', '/');
            Assert.True(patterns.Any(p => p.EndsWith('/') ? relative.StartsWith(p, StringComparison.Ordinal) : Matches(p, relative)), $"{relative} is not declared in store_files");
        }
    }

    [Fact]
    public void Sidecar_AfterAnAppend_NotReadAndRewritten()
    {
        var store = RandomStore(15);
        var query = new UsageQuery { TimeZone = TimeZoneInfo.Utc };
        var before = UsageReport.ByPeriod(store, UsagePeriod.Day, query);
        string sidecar = NewestSidecar(store);
        byte[] old = File.ReadAllBytes(sidecar);

        store.Append(new TelemetryEvent { Timestamp = Make.Now.AddMinutes(-5), SessionId = "late", System = "codex", Kind = "llm_call", Model = "gpt-5-codex", TokensIn = 1000, CostUsd = 0.5 });
        var after = UsageReport.ByPeriod(store, UsagePeriod.Day, query);

        Assert.Equal(before.Sum(r => r.InputTokens) + 1000, after.Sum(r => r.InputTokens));
        Assert.Equal(before.Sum(r => r.CostUsd) + 0.5, after.Sum(r => r.CostUsd), 9);
        Assert.NotEqual(old, File.ReadAllBytes(sidecar));
        AssertReadFromSidecar(store, query);
    }

    [Fact]
    public void Sidecar_OfAReplacedFile_NotRead()
    {
        var store = RandomStore(16);
        var query = new UsageQuery { TimeZone = TimeZoneInfo.Utc };
        var before = Render(UsageReport.ByPeriod(store, UsagePeriod.Day, query), TimeZoneInfo.Utc);
        string events = Directory.GetFiles(store.Root, "events-*.jsonl").Order().Last();
        // Same bytes, another file (a restore from a backup): another inode, so the sidecar cannot vouch for it.
        File.Copy(events, events + ".copy");
        File.Move(events + ".copy", events, overwrite: true);

        var observer = new Observer();
        var after = Render(UsageReport.ByPeriod(new TelemetryStore(store.Root, clock: () => Make.Now) { Observer = observer }, UsagePeriod.Day, query), TimeZoneInfo.Utc);

        Assert.Contains(observer.Lines, l => l.StartsWith("Folding the daily facts of " + events, StringComparison.Ordinal));
        Assert.Equal(before.Json, after.Json);
    }

    [Fact]
    public void Sidecar_Damaged_NotReadAndTheReportUnchanged()
    {
        var store = RandomStore(17);
        var query = new UsageQuery { TimeZone = ReportArguments.ParseTimeZone("Asia/Kathmandu") };
        var before = Render(UsageReport.ByPeriod(store, UsagePeriod.Month, query), query.TimeZone);
        string sidecar = NewestSidecar(store);
        byte[] bytes = File.ReadAllBytes(sidecar);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(sidecar, bytes);

        var observer = new Observer();
        var after = Render(UsageReport.ByPeriod(new TelemetryStore(store.Root, clock: () => Make.Now) { Observer = observer }, UsagePeriod.Month, query), query.TimeZone);

        Assert.Contains(observer.Lines, l => l.StartsWith("Folding", StringComparison.Ordinal));
        Assert.Equal(before.Json, after.Json);
        Assert.NotEqual(bytes, File.ReadAllBytes(sidecar)); // rewritten whole
    }

    [Fact]
    public void Sidecar_MonthWithUnusableRows_NotWrittenAndWarnedEveryTime()
    {
        var store = RandomStore(18);
        string events = Directory.GetFiles(store.Root, "events-*.jsonl").Order().First();
        File.AppendAllText(events, "{\"schema\":1,\"ts\":\"not a time\"}\n");
        var warnings = new List<StoreWarning>();
        var warned = new TelemetryStore(store.Root, warnings.Add, () => Make.Now);

        UsageReport.ByPeriod(warned, UsagePeriod.Day, new UsageQuery { TimeZone = TimeZoneInfo.Utc });
        UsageReport.ByPeriod(warned, UsagePeriod.Day, new UsageQuery { TimeZone = TimeZoneInfo.Utc });

        Assert.Equal(2, warnings.Count(w => w.Path == events));
        Assert.False(File.Exists(DailyFactsSidecar.PathOf(store.Root, events)));
    }

    [Fact]
    public void Doctor_SidecarOfAnEventsFileThatGrewByAppends_HealthyKeptByRepairAndResumedByTheNextRead()
    {
        var store = RandomStore(19);
        UsageReport.ByPeriod(store, UsagePeriod.Day, new UsageQuery { TimeZone = TimeZoneInfo.Utc });
        string sidecar = NewestSidecar(store);
        store.Append(Make.Event("another", ts: Make.Now.AddMinutes(-3)));
        store.Append(Make.Event("another", ts: Make.Now.AddMinutes(-2)));
        var observer = new Observer();
        var doctor = new StoreDoctor(new TelemetryStore(store.Root, clock: () => Make.Now) { Observer = observer });

        var report = doctor.Examine();
        doctor.Repair();

        Assert.DoesNotContain(report.Files, f => f.Kind == StoreFileKind.Leftover);
        Assert.False(report.NeedsRepair);
        Assert.Equal([sidecar], report.GrownFacts);
        Assert.Contains(observer.Lines, l => l.StartsWith(sidecar, StringComparison.Ordinal) && l.Contains("brought up to date on the next read", StringComparison.Ordinal));
        Assert.True(File.Exists(sidecar));
        var reader = new Observer();
        UsageReport.ByPeriod(new TelemetryStore(store.Root, clock: () => Make.Now) { Observer = reader }, UsagePeriod.Day, new UsageQuery { TimeZone = TimeZoneInfo.Utc });
        Assert.Contains(reader.Lines, l => l.Contains("appended to", StringComparison.Ordinal)); // resumed, not folded whole
        Assert.DoesNotContain(reader.Lines, l => l.StartsWith("Folding the daily facts of", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("replaced")]
    [InlineData("truncated")]
    [InlineData("rewritten")]
    [InlineData("tail changed")]
    [InlineData("damaged sidecar")]
    [InlineData("events removed")]
    public void Doctor_StaleSidecar_ReportedAndRepairDeletesIt(string change)
    {
        var store = RandomStore(19);
        UsageReport.ByPeriod(store, UsagePeriod.Day, new UsageQuery { TimeZone = TimeZoneInfo.Utc });
        string sidecar = NewestSidecar(store);
        string events = Directory.GetFiles(store.Root, "events-*.jsonl").Order().Last();
        var doctor = new StoreDoctor(store);
        Assert.DoesNotContain(doctor.Examine().Files, f => f.Kind == StoreFileKind.Leftover);
        var lines = File.ReadAllLines(events);
        switch (change)
        {
            case "replaced": // another inode, longer: a restore from a backup that was then appended to
                File.WriteAllLines(events + ".new", [.. lines, lines[0]]);
                File.Move(events + ".new", events, overwrite: true);
                break;
            case "truncated":
                File.WriteAllLines(events, lines[..^1]);
                break;
            case "rewritten": // same inode, longer, the bytes before the recorded end changed
                using (var stream = new FileStream(events, FileMode.Open, FileAccess.Write))
                {
                    stream.SetLength(0);
                    stream.Write(Encoding.UTF8.GetBytes(string.Concat(lines.Reverse().Append(lines[0]).Select(l => l + "\n"))));
                }

                break;
            case "tail changed": // same inode, longer, the last two rows swapped before the append
                Assert.NotEqual(lines[^1], lines[^2]);
                File.WriteAllText(events, string.Concat(lines[..^2].Append(lines[^1]).Append(lines[^2]).Append(lines[0]).Select(l => l + "\n")));
                break;
            case "damaged sidecar":
                byte[] bytes = File.ReadAllBytes(sidecar);
                bytes[bytes.Length / 2] ^= 0x5A;
                File.WriteAllBytes(sidecar, bytes);
                break;
            default:
                File.Delete(events);
                break;
        }

        var report = doctor.Examine();

        Assert.Contains(report.Files, f => f.Kind == StoreFileKind.Leftover && f.Path == sidecar && f.Problem!.Contains("daily facts", StringComparison.Ordinal));
        doctor.Repair();
        Assert.False(File.Exists(sidecar));
        Assert.DoesNotContain(doctor.Examine().Files, f => f.Kind == StoreFileKind.Leftover);
    }

    [Fact]
    public void ResetAndPrune_RemoveTheSidecarsOfTheirEventFiles()
    {
        var store = RandomStore(20);
        UsageReport.ByPeriod(store, UsagePeriod.Day, new UsageQuery { TimeZone = TimeZoneInfo.Utc });
        string oldest = Directory.GetFiles(store.Root, "events-*.jsonl").Order().First();
        string oldestSidecar = DailyFactsSidecar.PathOf(store.Root, oldest);
        Assert.True(File.Exists(oldestSidecar));

        StoreRetention.Prune(store, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.False(File.Exists(oldestSidecar));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(store.Root, ".index"), "*.facts"));
        StoreReset.Reset(store);
        Assert.Empty(Directory.GetFiles(Path.Combine(store.Root, ".index"), "*.facts"));
    }

    [Fact]
    public void Sidecar_Canary_HoldsNoneOfTheContentFields()
    {
        const string Canary = "zq7canary";
        var store = new TelemetryStore(temp.Combine("canary"), clock: () => Make.Now);
        store.Append(Enumerable.Range(0, 40).Select(i => new TelemetryEvent
        {
            Timestamp = Make.Now.AddHours(-i * 7),
            SessionId = $"{Canary}-session-{i % 3}",
            System = "codex",
            Kind = i % 2 == 0 ? EventKinds.UserMessage : "llm_call",
            Context = Canary + "ctx",
            Role = Canary + "role",
            Provider = Canary + "prov",
            Model = "gpt-5-codex",
            TokensIn = 10 * i,
            CostUsd = i % 3 == 0 ? null : 0.01,
            User = store.HashUser(Canary + "user"),
            EventId = Canary + "-event-" + i,
            Markers = i % 4 == 0 ? ["corr.strong.1"] : [],
        }).ToList());

        UsageReport.ByPeriod(store, UsagePeriod.Day, new UsageQuery { TimeZone = TimeZoneInfo.Utc });

        string stored = string.Concat(Directory.GetFiles(Path.Combine(store.Root, ".index"), "*.facts").Select(p => Encoding.Latin1.GetString(File.ReadAllBytes(p))));
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(Canary, stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("corr.", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(EventKinds.UserMessage, stored, StringComparison.Ordinal);
    }

    private TelemetryStore RandomStore(int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 1, 20, 0, 0, 0, TimeSpan.Zero);
        var events = new List<TelemetryEvent>();
        for (int s = 0; s < 120; s++)
        {
            // Sessions of a few minutes to two days, some across a month's end, with events at any second.
            var at = start.AddMinutes(random.Next((int)(Make.Now - start).TotalMinutes - 3000));
            string session = "s" + seed + "-" + s;
            string system = Systems[random.Next(Systems.Length)];
            int n = 1 + random.Next(30);
            for (int i = 0; i < n; i++)
            {
                at = at.AddSeconds(random.Next(1, random.Next(2) == 0 ? 600 : 7200));
                string kind = KindList[random.Next(KindList.Length)];
                bool usage = kind is EventKinds.AssistantMessage or "llm_call" || random.Next(8) == 0;
                events.Add(new TelemetryEvent
                {
                    Timestamp = at,
                    SessionId = session,
                    System = random.Next(15) == 0 ? Systems[random.Next(Systems.Length)] : system,
                    Kind = kind,
                    Model = ModelIds[random.Next(ModelIds.Length)],
                    Tier = TierNames[random.Next(TierNames.Length)],
                    TokensIn = usage ? random.Next(6000) : 0,
                    TokensOut = usage ? random.Next(3000) : 0,
                    CacheReadTokens = usage && random.Next(2) == 0 ? random.Next(90000) : null,
                    CacheWriteTokens = usage && random.Next(3) == 0 ? random.Next(9000) : null,
                    CostUsd = random.Next(4) switch { 0 => null, 1 => 0, _ => random.Next(1, 100000) / 1e6 },
                    // Markers only where the kind's family declares them (schemas/index.json): corrections on conversation
                    // kinds, tool errors on tool results.
                    Markers = random.Next(6) switch
                    {
                        0 when kind is EventKinds.UserMessage or EventKinds.AssistantMessage => ["corr.strong.1"],
                        1 when kind == ImportedKinds.ToolResult => [ImportedMarkers.ToolError],
                        _ => [],
                    },
                });
            }
        }

        var store = new TelemetryStore(temp.Combine("store-" + seed), clock: () => Make.Now) { ScanChunkBytes = 4096 };
        store.Append(events.OrderBy(_ => random.Next()).ToList());
        return store;
    }

    private static (string Text, string Json) Render(IReadOnlyList<PeriodUsage> rows, TimeZoneInfo tz) =>
        (UsageReportRenderer.Text("Date", rows, breakdown: true), Encoding.UTF8.GetString(UsageReportRenderer.Json("daily", tz, rows, breakdown: true)));

    private static string NewestSidecar(TelemetryStore store) =>
        DailyFactsSidecar.PathOf(store.Root, Directory.GetFiles(store.Root, "events-*.jsonl").Order().Last());

    private static void AssertReadFromSidecar(TelemetryStore store, UsageQuery query)
    {
        var observer = new Observer();
        UsageReport.ByPeriod(new TelemetryStore(store.Root, clock: () => Make.Now) { Observer = observer }, UsagePeriod.Day, query);
        Assert.DoesNotContain(observer.Lines, l => l.StartsWith("Folding", StringComparison.Ordinal));
    }

    private static bool Matches(string pattern, string name) =>
        System.Text.RegularExpressions.Regex.IsMatch(name, "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("YYYY", "[0-9]{4}").Replace("MM", "[0-9]{2}") + "$");

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
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
