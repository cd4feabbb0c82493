// The periods a team database sums by: UTC intervals whose days come from .NET's rules for the report's zone, exactly
// where the local daily facts put each 15-minute slot.
using ZosTelemetry.Pricing;
using ZosTelemetry.Reports;
using ZosTelemetry.Sync;

namespace ZosTelemetry.Tests;

public sealed class TeamPeriodsTests
{
    private static UsageQuery Query(string zone, DateOnly? since = null, DateOnly? until = null) =>
        UsageQuery.Create(null, since, until, TimeZoneInfo.FindSystemTimeZoneById(zone), PriceTable.Default);

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void For_QuarterHourZone_StartsTheDayAtItsLocalMidnight()
    {
        var q = TeamPeriods.For(Query("Asia/Kathmandu"), UsagePeriod.Day, Utc("2026-11-03T18:00:00Z"), Utc("2026-11-03T18:20:00Z"));

        Assert.Equal([Utc("2026-11-03T18:00:00Z"), Utc("2026-11-03T18:15:00Z")], q.Bounds);
        Assert.Equal([new DateOnly(2026, 11, 3).DayNumber, new DateOnly(2026, 11, 4).DayNumber], q.Periods);
        Assert.Equal(Utc("2026-11-03T18:30:00Z"), q.Until);
    }

    [Fact]
    public void For_DaysOutsideSinceUntil_AreMarkedOut()
    {
        var q = TeamPeriods.For(Query("UTC", new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 2)), UsagePeriod.Day, Utc("2026-11-01T23:50:00Z"), Utc("2026-11-03T00:05:00Z"));

        Assert.Equal([-1, new DateOnly(2026, 11, 2).DayNumber, -1], q.Periods);
        Assert.Equal([Utc("2026-11-01T23:45:00Z"), Utc("2026-11-02T00:00:00Z"), Utc("2026-11-03T00:00:00Z")], q.Bounds);
    }

    [Fact]
    public void For_Month_OneIntervalPerLocalMonth()
    {
        var q = TeamPeriods.For(Query("Pacific/Pago_Pago"), UsagePeriod.Month, Utc("2026-11-30T10:00:00Z"), Utc("2026-12-01T12:00:00Z"));

        Assert.Equal([(2026 * 12) + 10, (2026 * 12) + 11], q.Periods);
        Assert.Equal(Utc("2026-12-01T11:00:00Z"), q.Bounds[1]); // -11:00: December begins at 11:00 UTC
    }

    [Fact]
    public void Window_NoBounds_CoversTheStoresWholeRange()
    {
        var q = TeamPeriods.Window("codex", null, Utc("2026-11-20T00:00:00Z"));

        Assert.Equal([0], q.Periods);
        Assert.Equal(q.From, Assert.Single(q.Bounds));
        Assert.Equal("codex", q.System);
    }
}
