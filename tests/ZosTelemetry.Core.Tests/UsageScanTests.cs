// The usage reports' parallel scan against a plain reference: the same rows as a straightforward fold over every
// event the store reads back (TimeZoneInfo.ConvertTime per event, strings, LINQ), on a generated store cut into many
// small chunks, in time zones with daylight saving and quarter-hour offsets, with date and system filters.
using ZosTelemetry.Events;
using ZosTelemetry.Import;
using ZosTelemetry.Pricing;
using ZosTelemetry.Reports;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class UsageScanTests : IDisposable
{
    private static readonly string[] Systems = ["claude-code", "codex", "copilot"];
    private static readonly string?[] ModelIds = ["claude-sonnet-4-5", "gpt-5-codex", null, "unknown-model-x"];
    private static readonly string[] KindList =
        [EventKinds.UserMessage, EventKinds.AssistantMessage, ImportedKinds.ToolResult, ImportedKinds.ApiError, ImportedKinds.UserInterrupt, "cost_tick"];

    private readonly TempRoot temp = new();
    private readonly TelemetryStore store;

    public UsageScanTests()
    {
        var random = new Random(20261202);
        var events = new List<TelemetryEvent>();
        // 500 days before the tests' fixed "now", plus an event every 4 minutes for 3 hours either side of each change
        // of UTC offset in the zones tested: that is where a day boundary computed from a stale offset would show.
        var start = Make.Now.AddDays(-500);
        var instants = Enumerable.Range(0, 6000).Select(_ => start.AddMinutes(random.Next(500 * 24 * 60)).AddSeconds(random.Next(60))).ToList();
        foreach (var change in OffsetChanges(start, Make.Now))
        {
            instants.AddRange(Enumerable.Range(-45, 90).Select(k => change.AddMinutes(4 * k)));
        }

        foreach (var ts in instants)
        {
            string kind = KindList[random.Next(KindList.Length)];
            bool usage = kind is EventKinds.AssistantMessage or "cost_tick" || random.Next(10) == 0;
            events.Add(new TelemetryEvent
            {
                Timestamp = ts,
                SessionId = "s" + random.Next(300),
                System = Systems[random.Next(Systems.Length)],
                Kind = kind,
                Model = ModelIds[random.Next(ModelIds.Length)],
                TokensIn = usage ? random.Next(5000) : 0,
                TokensOut = usage ? random.Next(2000) : 0,
                CacheReadTokens = usage && random.Next(2) == 0 ? random.Next(90000) : null,
                CacheWriteTokens = usage && random.Next(3) == 0 ? random.Next(9000) : null,
                CostUsd = random.Next(4) switch { 0 => null, 1 => 0, _ => random.Next(1, 100000) / 1e6 },
                Markers = Make.MarkersAllowed(kind, random.Next(5) switch
                {
                    0 => ["corr.strong.1"],
                    1 => [ImportedMarkers.ToolError],
                    2 => ["corr.opener.2", ImportedMarkers.ToolError],
                    _ => [],
                }),
            });
        }

        // Shuffled: rows out of time order, as merged and imported stores have them.
        store = new TelemetryStore(temp.Combine("store"), clock: () => Make.Now) { ScanChunkBytes = 8192 };
        store.Append(events.OrderBy(_ => random.Next()).ToList());
    }

    public void Dispose() => temp.Dispose();

    public static TheoryData<string, string?, string?, string?> Queries => new()
    {
        { "UTC", null, null, null },
        { "America/New_York", null, null, null },
        { "Australia/Adelaide", "2025-10-01", "2026-04-30", null },
        { "Asia/Kathmandu", null, "2026-01-15", "codex" },
        { "Pacific/Chatham", "2025-09-20", null, "claude-code" },
        { "Europe/London", "2026-03-29", "2026-03-29", null },
        { "America/Santiago", null, null, null },
    };

    private static readonly string[] Zones = ["America/New_York", "Australia/Adelaide", "Pacific/Chatham", "Europe/London", "America/Santiago"];

    [Theory]
    [MemberData(nameof(Queries))]
    public void ByPeriod_Days_EqualThePlainFold(string zone, string? since, string? until, string? system)
    {
        var query = Query(zone, since, until, system);

        AssertSameRows(Reference(query, e => Day(e, query)), UsageReport.ByPeriod(store, UsagePeriod.Day, query));
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void ByPeriod_Months_EqualThePlainFold(string zone, string? since, string? until, string? system)
    {
        var query = Query(zone, since, until, system);

        AssertSameRows(Reference(query, e => Day(e, query).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)), UsageReport.ByPeriod(store, UsagePeriod.Month, query));
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void BySession_EqualsThePlainFold(string zone, string? since, string? until, string? system)
    {
        var query = Query(zone, since, until, system);
        var expected = InRange(query)
            .GroupBy(e => (e.SessionId, e.System))
            .Select(g => new
            {
                g.Key.SessionId,
                g.Key.System,
                First = g.Min(e => e.Timestamp),
                Last = g.Max(e => e.Timestamp),
                UserTurns = g.LongCount(e => e.Kind == EventKinds.UserMessage),
                Corrections = g.LongCount(e => e.IsCorrection),
                ToolCalls = g.LongCount(e => e.Kind == ImportedKinds.ToolResult),
                ToolFailures = g.LongCount(e => e.Kind == ImportedKinds.ToolResult && e.Markers.Contains(ImportedMarkers.ToolError)),
                ApiErrors = g.LongCount(e => e.Kind == ImportedKinds.ApiError),
                Interrupts = g.LongCount(e => e.Kind == ImportedKinds.UserInterrupt),
                Models = ModelRows(g),
            })
            .OrderBy(s => s.Last).ThenBy(s => s.SessionId, StringComparer.Ordinal)
            .ToList();

        var actual = UsageReport.BySession(store, query);

        Assert.NotEmpty(actual);
        Assert.Equal(expected.Select(s => (s.SessionId, s.System, s.First, s.Last)), actual.Select(s => (s.SessionId, s.System, s.FirstTimestamp, s.LastTimestamp)));
        Assert.Equal(
            expected.Select(s => (s.UserTurns, s.Corrections, s.ToolCalls, s.ToolFailures, s.ApiErrors, s.Interrupts)),
            actual.Select(s => (s.UserTurns, s.Corrections, s.ToolCalls, s.ToolFailures, s.ApiErrors, s.Interrupts)));
        for (int i = 0; i < expected.Count; i++)
        {
            AssertSameModels(expected[i].Models, actual[i].Breakdown);
        }
    }

    [Fact]
    public void ByPeriod_OneChunkOrMany_SameReport()
    {
        var query = Query("America/New_York", null, null, null);
        var whole = new TelemetryStore(store.Root, clock: () => Make.Now);

        var many = UsageReport.ByPeriod(store, UsagePeriod.Day, query);
        var one = UsageReport.ByPeriod(whole, UsagePeriod.Day, query);

        Assert.Equal(one.Select(r => (r.Period, r.System, r.Sessions, r.TotalTokens, r.UnpricedEvents)), many.Select(r => (r.Period, r.System, r.Sessions, r.TotalTokens, r.UnpricedEvents)));
        Assert.Equal(one.Select(r => r.CostUsd), many.Select(r => r.CostUsd), new ToleranceComparer(1e-9));
    }

    // The instants (to the minute) at which one of the zones changes its UTC offset between from and to.
    private static IEnumerable<DateTimeOffset> OffsetChanges(DateTimeOffset from, DateTimeOffset to)
    {
        foreach (var zone in Zones.Select(TimeZoneInfo.FindSystemTimeZoneById))
        {
            for (var t = from; t < to; t = t.AddHours(1))
            {
                if (zone.GetUtcOffset(t) != zone.GetUtcOffset(t.AddHours(1)))
                {
                    var m = t;
                    while (zone.GetUtcOffset(m) == zone.GetUtcOffset(t))
                    {
                        m = m.AddMinutes(1);
                    }

                    yield return m;
                }
            }
        }
    }

    private static UsageQuery Query(string zone, string? since, string? until, string? system) => new()
    {
        TimeZone = ReportArguments.ParseTimeZone(zone),
        System = system,
        Since = since is null ? null : ReportArguments.ParseDate("--since", since),
        Until = until is null ? null : ReportArguments.ParseDate("--until", until),
    };

    private static DateOnly Day(TelemetryEvent e, UsageQuery query) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(e.Timestamp, query.TimeZone).DateTime);

    private IEnumerable<TelemetryEvent> InRange(UsageQuery query) => store.ReadEvents().Where(e =>
        (query.System is null || e.System == query.System)
        && (query.Since is not DateOnly s || Day(e, query) >= s)
        && (query.Until is not DateOnly u || Day(e, query) <= u));

    private List<(string Period, string System, long Sessions, List<(string Model, long Events, long In, long Out, long CacheWrite, long CacheRead, double Cost, long Unpriced)> Models)> Reference(
        UsageQuery query, Func<TelemetryEvent, object> period) =>
        InRange(query)
            .GroupBy(e => (Period: period(e) is DateOnly d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : (string)period(e), e.System))
            .Select(g => (g.Key.Period, g.Key.System, (long)g.Select(e => e.SessionId).Distinct().Count(), ModelRows(g)))
            .OrderBy(r => r.Period, StringComparer.Ordinal).ThenBy(r => r.System, StringComparer.Ordinal)
            .ToList();

    // Events with usage, per model: what the report's breakdown shows, each priced by the one rule (CostResolver).
    private static List<(string Model, long Events, long In, long Out, long CacheWrite, long CacheRead, double Cost, long Unpriced)> ModelRows(IEnumerable<TelemetryEvent> events) =>
        events
            .Where(e => e.TokensIn + e.TokensOut + (e.CacheReadTokens ?? 0) + (e.CacheWriteTokens ?? 0) > 0 || e.CostUsd is > 0)
            .GroupBy(e => e.Model ?? "(none)")
            .Select(g => (g.Key, g.LongCount(), g.Sum(e => e.TokensIn), g.Sum(e => e.TokensOut), g.Sum(e => e.CacheWriteTokens ?? 0), g.Sum(e => e.CacheReadTokens ?? 0),
                g.Sum(e => CostResolver.Shipped.Resolve(e).Usd ?? 0), g.LongCount(e => !CostResolver.Shipped.Resolve(e).IsKnown)))
            .OrderBy(m => m.Key, StringComparer.Ordinal)
            .ToList();

    private static void AssertSameRows(
        List<(string Period, string System, long Sessions, List<(string Model, long Events, long In, long Out, long CacheWrite, long CacheRead, double Cost, long Unpriced)> Models)> expected,
        IReadOnlyList<PeriodUsage> actual)
    {
        Assert.NotEmpty(actual);
        Assert.Equal(expected.Select(r => (r.Period, r.System, r.Sessions)), actual.Select(r => (r.Period, r.System, r.Sessions)));
        for (int i = 0; i < expected.Count; i++)
        {
            AssertSameModels(expected[i].Models, actual[i].Breakdown);
            Assert.Equal(expected[i].Models.Sum(m => m.Cost), actual[i].CostUsd, 9);
        }
    }

    private static void AssertSameModels(
        List<(string Model, long Events, long In, long Out, long CacheWrite, long CacheRead, double Cost, long Unpriced)> expected, IReadOnlyList<ModelUsage> actual)
    {
        var ordered = actual.OrderBy(m => m.Model, StringComparer.Ordinal).ToList();
        Assert.Equal(
            expected.Select(m => (m.Model, m.Events, m.In, m.Out, m.CacheWrite, m.CacheRead, m.Unpriced)),
            ordered.Select(m => (m.Model, m.Events, m.InputTokens, m.OutputTokens, m.CacheWriteTokens, m.CacheReadTokens, m.UnpricedEvents)));
        Assert.Equal(expected.Select(m => m.Cost), ordered.Select(m => m.CostUsd), new ToleranceComparer(1e-9));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
