// A missing cost is priced the same way everywhere: session summaries, daily rollups, the usage reports, exports and
// the system comparison.
// An event that cannot be priced is counted as unpriced, never added as zero.
using System.Buffers;
using System.Text;
using ZosTelemetry.Comparison;
using ZosTelemetry.Events;
using ZosTelemetry.Pricing;
using ZosTelemetry.Reports;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class CostConsistencyTests : IDisposable
{
    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    private static TelemetryEvent Call(string model, long tokensIn, long tokensOut, double? cost, string session = "s1", DateTimeOffset? ts = null) => new()
    {
        Timestamp = ts ?? Make.Now.AddHours(-1),
        SessionId = session,
        System = "alpha",
        Kind = EventKinds.AssistantMessage,
        Model = model,
        TokensIn = tokensIn,
        TokensOut = tokensOut,
        CostUsd = cost,
    };

    /// <summary>gpt-5 priced (1.25 + 10 per million: 100k in + 10k out = 0.125 + 0.1 = 0.225), a recorded 0.5, and an unknown model.</summary>
    private static TelemetryEvent[] Mixed() =>
    [
        Call("gpt-5", 100_000, 10_000, null),
        Call("claude-opus-4-1", 10, 10, 0.5),
        Call("model-x", 1_000, 1_000, null),
        Make.Event(system: "alpha", kind: EventKinds.UserMessage, ts: Make.Now.AddHours(-1)),
    ];

    [Fact]
    public void Close_MissingCost_PricedFromTokensAndUnknownCounted()
    {
        var store = new TelemetryStore(temp.Combine("store"), clock: () => Make.Now);
        store.Append(Mixed());

        var summary = store.Close("s1");

        Assert.Equal(0.725, summary.CostUsd, 10);
        Assert.Equal(1, summary.UnpricedEvents);
        Assert.Equal("claude-opus-4-1", summary.Model);
    }

    [Fact]
    public void Close_WithAUserTable_PricesTheUnknownModel()
    {
        var store = new TelemetryStore(temp.Combine("store"), clock: () => Make.Now);
        store.Append(Mixed());
        var table = PriceTable.Default.OverriddenBy(PricingTests.Table("""{"models": {"model-x": {"input": 1000, "output": 0}}}"""));

        var summary = store.Close("s1", new CostResolver(table));

        Assert.Equal(0.725 + 1.0, summary.CostUsd, 10);
        Assert.Equal(0, summary.UnpricedEvents);
    }

    [Fact]
    public void Close_UnpricedEvents_SurviveTheRoundTripThroughTheStore()
    {
        var store = new TelemetryStore(temp.Combine("store"), clock: () => Make.Now);
        store.Append(Mixed());
        store.Close("s1");

        Assert.Equal(1, Assert.Single(store.ReadSessions()).UnpricedEvents);
    }

    [Fact]
    public void WriteSession_NoUnpricedEvents_OmitsTheField()
    {
        var buffer = new ArrayBufferWriter<byte>();
        RowCodec.WriteSession(buffer, SystemComparerTests.Session("a", "alpha"));

        Assert.DoesNotContain("unpriced_events", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void DailyRollup_MissingCost_PricedAndUnknownCounted()
    {
        var day = Assert.Single(DailyRollup.Compute(Mixed()));

        Assert.Equal(0.725, day.CostUsd, 10);
        Assert.Equal(1, day.UnpricedEvents);
    }

    [Fact]
    public void Compare_SessionWithUnpricedEvents_LeftOutOfCostAndWarned()
    {
        var priced = SystemComparerTests.Session("a1", "alpha", cost: 0.10);
        var unpriced = new SessionSummary
        {
            SessionId = "a2", System = "alpha", CostUsd = 0.01, UnpricedEvents = 3,
            FirstTimestamp = priced.FirstTimestamp, LastTimestamp = priced.LastTimestamp, ClosedAt = priced.ClosedAt,
        };
        var b = SystemComparerTests.Session("b1", "beta", cost: 0.20);

        var report = SystemComparer.Compare([priced, unpriced, b], "alpha", "beta", new ComparisonOptions { Now = Make.Now });

        var cost = report.A["cost_usd_per_session"];
        Assert.Equal((1, 0.10), (cost.N, cost.Mean));
        Assert.Equal(2, report.A["corrections_per_session"].N);
        Assert.Contains(report.Warnings, w => w.Contains("'alpha': 1 session has events with no recorded cost and no known price", StringComparison.Ordinal));
    }

    [Fact]
    public void UsageReport_MissingCost_PricedAndUnknownCountedAsInTheRollup()
    {
        var store = new TelemetryStore(temp.Combine("store"), clock: () => Make.Now);
        store.Append(Mixed());

        var day = Assert.Single(UsageReport.ByPeriod(store, UsagePeriod.Day, new UsageQuery { TimeZone = TimeZoneInfo.Utc }));

        Assert.Equal(0.725, day.CostUsd, 10);
        Assert.Equal(1, day.UnpricedEvents);
        Assert.Equal(["model-x"], UsageReport.UnpricedModels([day.Breakdown]));
    }

    [Fact]
    public void UsageReport_WithAUserTable_PricesTheUnknownModel()
    {
        var store = new TelemetryStore(temp.Combine("store"), clock: () => Make.Now);
        store.Append(Mixed());
        var table = PriceTable.Default.OverriddenBy(PricingTests.Table("""{"models": {"model-x": {"input": 1000, "output": 0}}}"""));

        var session = Assert.Single(UsageReport.BySession(store, UsageQuery.Create(null, null, null, TimeZoneInfo.Utc, table)));

        Assert.Equal(0.725 + 1.0, session.CostUsd, 10);
        Assert.Equal(0, session.UnpricedEvents);
    }

    [Fact]
    public void UsageQuery_SinceAfterUntil_Refused()
    {
        var since = new DateOnly(2024, 3, 5);
        var until = new DateOnly(2024, 3, 1);

        Assert.Throws<ArgumentException>(() => UsageQuery.Create(null, since, until, TimeZoneInfo.Utc, PriceTable.Default));
    }

    [Fact]
    public void TimeWindow_SinceNotBeforeUntil_Refused()
    {
        Assert.Throws<ArgumentException>(() => TimeWindow.Check(Make.Now, Make.Now));
        TimeWindow.Check(Make.Now, null);
        TimeWindow.Check(Make.Now.AddDays(-1), Make.Now);
    }

    [Theory]
    [InlineData(null, 0.5)]
    [InlineData("recorded", 0.5)]
    [InlineData("Recorded", 0.5)]
    [InlineData("priced", null)]
    [InlineData("none", null)]
    [InlineData("unknown", null)]
    public void ExportedCost_OnlyARecordedCostIsStoredAgain(string? source, double? expected)
    {
        Assert.Equal(expected, Export.ExportedCost.ToStore(0.5, source));
    }
}
