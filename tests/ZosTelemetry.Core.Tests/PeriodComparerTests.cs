// The last N days against the last M days, checked against hand-computed figures.
using ZosTelemetry.Comparison;
using ZosTelemetry.Events;
using ZosTelemetry.Pricing;

namespace ZosTelemetry.Tests;

public sealed class PeriodComparerTests
{
    private static TelemetryEvent E(string session, string kind, double hoursAgo, string? model = null, long tokensIn = 0, double? cost = null, bool? hit = null, long? cacheRead = null, string system = "alpha", params string[] markers) => new()
    {
        Timestamp = Make.Now.AddHours(-hoursAgo),
        SessionId = session,
        System = system,
        Kind = kind,
        Model = model,
        TokensIn = tokensIn,
        CostUsd = cost,
        CacheHit = hit,
        CacheReadTokens = cacheRead,
        Markers = markers,
    };

    /// <summary>
    /// Last 2 days: s1 (a corrected user turn, one call: 1000 tokens, $0.10, cache hit).
    /// Last 4 days adds s2 (a user turn and a call: 2000 tokens, $0.20, 0 cache reads = a miss) and s3 (a call of an
    /// unknown model, 500 tokens, no cost, cache_hit false). s9 (5 days ago) and beta are outside.
    ///   calls 1 vs 3 → per day 0.5 vs 0.75 → −33.3%;  cost 0.10 vs 0.30 → per day 0.05 vs 0.075 → −33.3%
    ///   avg cost/call 0.10 vs 0.30/2 priced = 0.15 → −33.3%;  tokens 1000 vs 3500 → per day 500 vs 875 → −42.857%
    ///   cache hit rate 1/1 vs 1/3 → +66.67 pp;  sessions 1 vs 3 → −33.3%;  corrections/session 1 vs 1/3 → +200%
    /// </summary>
    private static PeriodComparison Compare(int days = 2, int against = 4, string? system = "alpha") => PeriodComparer.Compare(
    [
        E("s1", EventKinds.UserMessage, 1, markers: "corr.strong.1"),
        E("s1", EventKinds.AssistantMessage, 1, "m", 1000, 0.10, hit: true),
        E("s2", EventKinds.AssistantMessage, 72, "m", 2000, 0.20, cacheRead: 0),
        E("s2", EventKinds.UserMessage, 72),
        E("s3", EventKinds.AssistantMessage, 84, "unknown-x", 500, hit: false),
        E("s9", EventKinds.AssistantMessage, 120, "m", 9000, 0.9),
        E("b1", EventKinds.AssistantMessage, 1, "m", 9000, 0.9, system: "beta"),
    ], CostResolver.Shipped, new PeriodOptions { Days = days, Against = against, System = system, Now = Make.Now });

    private static PeriodMetric Metric(PeriodComparison r, string name) => Assert.Single(r.Metrics, m => m.Metric == name);

    [Fact]
    public void Compare_Periods_CountsMatchHandComputed()
    {
        var r = Compare();

        Assert.Equal((1L, 1L, 1000L, 1L, 1L), (r.Period1.Calls, r.Period1.Sessions, r.Period1.Tokens, r.Period1.Corrections, r.Period1.CacheHits));
        Assert.Equal((3L, 3L, 3500L, 1L, 1L, 3L), (r.Period2.Calls, r.Period2.Sessions, r.Period2.Tokens, r.Period2.UnknownPriceCalls, r.Period2.CacheHits, r.Period2.CacheKnownCalls));
        Assert.Equal(0.30, r.Period2.CostUsd, 10);
    }

    [Theory]
    [InlineData("calls", 1, 3, -100.0 / 3)]
    [InlineData("cost_usd", 0.10, 0.30, -100.0 / 3)]
    [InlineData("avg_cost_per_call_usd", 0.10, 0.15, -100.0 / 3)]
    [InlineData("tokens", 1000, 3500, -300.0 / 7)]
    [InlineData("sessions", 1, 3, -100.0 / 3)]
    [InlineData("corrections_per_session", 1, 1.0 / 3, 200)]
    public void Compare_Metric_ValuesAndChangeMatchHandComputed(string name, double v1, double v2, double change)
    {
        var m = Metric(Compare(), name);

        Assert.Equal(v1, m.Value1!.Value, 10);
        Assert.Equal(v2, m.Value2!.Value, 10);
        Assert.Equal(change, m.Change!.Value, 8);
        Assert.Equal("%", m.ChangeUnit);
    }

    [Fact]
    public void Compare_CacheHitRate_ChangesInPercentagePoints()
    {
        var m = Metric(Compare(), "cache_hit_rate");

        Assert.Equal((1.0, "pp"), (m.Value1!.Value, m.ChangeUnit));
        Assert.Equal(200.0 / 3, m.Change!.Value, 8);
        Assert.Equal("+66.7 pp", m.FormatChange());
        Assert.Equal("33.3%", m.FormatValue2());
    }

    [Fact]
    public void Compare_Totals_HavePerDayRates()
    {
        var calls = Metric(Compare(), "calls");

        Assert.Equal((0.5, 0.75), (calls.PerDay1!.Value, calls.PerDay2!.Value));
        Assert.Null(Metric(Compare(), "cache_hit_rate").PerDay1);
    }

    [Fact]
    public void Compare_UnknownPrices_Warned()
    {
        Assert.Contains(Compare().Warnings, w => w.StartsWith("The last 4 days: 1 of 3 calls have no recorded cost and no price", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_DataStartsLate_WarnsThatTheLongerPeriodIsDiluted()
    {
        var r = Compare(days: 2, against: 30);

        Assert.Contains(r.Warnings, w => w.Contains("after the start of the last 30 days", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_EmptyPeriod_ChangeIsUnknownNotZero()
    {
        var r = PeriodComparer.Compare([], CostResolver.Shipped, new PeriodOptions { Days = 7, Against = 30, Now = Make.Now });

        Assert.All(r.Metrics, m => Assert.Null(m.Change));
        Assert.Equal("–", Metric(r, "calls").FormatChange());
    }

    [Theory]
    [InlineData(7, 7)]
    [InlineData(0, 30)]
    [InlineData(7, 40000)]
    public void Compare_BadPeriods_Refused(int days, int against)
    {
        Assert.Throws<ArgumentException>(() => Compare(days, against));
    }

    [Fact]
    public void Render_Text_OneLinePerMetricWithTheChange()
    {
        string text = PeriodComparisonText.Render(Compare());

        Assert.Contains("Last 2 days vs last 4 days · alpha", text);
        Assert.Matches(@"Calls\s+1\s+3\s+0\.5\s+0\.75\s+-33\.3%", text);
        Assert.Matches(@"Cache hit rate\s+100\.0%\s+33\.3%\s+\+66\.7 pp", text);
        Assert.Contains("warning: The last 4 days: 1 of 3 calls", text);
    }

    [Fact]
    public void Render_Json_HasBothPeriodsAndEveryMetric()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(PeriodComparisonText.RenderJson(Compare()));

        Assert.Equal(3, doc.RootElement.GetProperty("period2").GetProperty("sessions").GetInt32());
        Assert.Equal(7, doc.RootElement.GetProperty("metrics").GetArrayLength());
        Assert.Equal("pp", doc.RootElement.GetProperty("metrics")[4].GetProperty("change_unit").GetString());
    }
}
