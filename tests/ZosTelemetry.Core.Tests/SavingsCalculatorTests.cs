// Savings against hand-computed cases: mixed tiers, cache reads, recorded and missing costs, an unknown model.
using ZosTelemetry.Events;
using ZosTelemetry.Pricing;
using ZosTelemetry.Savings;

namespace ZosTelemetry.Tests;

public sealed class SavingsCalculatorTests
{
    /// <summary>USD per million tokens: input, output, cache read, cache write. top-2 is never used by the events.</summary>
    private static readonly PriceTable Prices = PricingTests.Table("""
        {"taken": "2026-01", "models": {
          "cheap-1": {"tier": "cheap", "input": 1, "output": 2, "cache_read": 0.1, "cache_write": 1.25},
          "mid-1": {"tier": "capable", "input": 3, "output": 15, "cache_read": 0.3, "cache_write": 3.75},
          "top-1": {"tier": "premium", "input": 15, "output": 75, "cache_read": 1.5, "cache_write": 18.75},
          "top-2": {"tier": "premium", "input": 10, "output": 100, "cache_read": 1, "cache_write": 12.5}
        }}
        """);

    private static TelemetryEvent Call(string? model, long tokensIn = 0, long tokensOut = 0, long? cacheRead = null, double? cost = null, string system = "alpha", string? tier = null, int hoursAgo = 1, string kind = EventKinds.AssistantMessage) => new()
    {
        Timestamp = Make.Now.AddHours(-hoursAgo),
        SessionId = "s1",
        System = system,
        Kind = kind,
        Model = model,
        TokensIn = tokensIn,
        TokensOut = tokensOut,
        CacheReadTokens = cacheRead,
        CostUsd = cost,
        Tier = tier,
    };

    /// <summary>
    /// e1 cheap-1 1M in + 100k out, no cost     → priced 1 + 0.2 = 1.2;   at top-1: 15 + 7.5 = 22.5
    /// e2 cheap-1 2M cache reads, recorded 0.5  → 0.5;                    at top-1: 2 × 1.5 = 3.0; cache savings 2 × (1 − 0.1) = 1.8
    /// e3 mid-1 100k in + 10k out, no cost      → 0.3 + 0.15 = 0.45;      at top-1: 1.5 + 0.75 = 2.25
    /// e4 top-1 10k in + 1k out, recorded 0.3   → 0.3 (recorded wins);    at top-1: 0.15 + 0.075 = 0.225
    /// e5 mystery 5k in + 500 out, no cost      → unknown: out of both sums
    /// e6 a user message without usage          → not a call
    /// e7 no model, no tokens, recorded 0.05    → 0.05 on both sides
    /// actual 2.5; baseline (top-1, the only premium model seen) 28.025; savings 25.525 = 91.08%.
    /// </summary>
    private static TelemetryEvent[] Window() =>
    [
        Call("cheap-1", 1_000_000, 100_000),
        Call("cheap-1", cacheRead: 2_000_000, cost: 0.5),
        Call("mid-1", 100_000, 10_000),
        Call("top-1", 10_000, 1_000, cost: 0.3),
        Call("mystery", 5_000, 500),
        Call(null, kind: EventKinds.UserMessage),
        Call(null, cost: 0.05, kind: "cost_tick"),
    ];

    private static SavingsReport Compute(SavingsOptions? options = null, TelemetryEvent[]? events = null) =>
        SavingsCalculator.Compute(events ?? Window(), Prices, (options ?? new SavingsOptions()) with { Now = Make.Now });

    [Fact]
    public void Compute_MixedTiers_ActualBaselineAndSavingsMatchHandComputed()
    {
        var r = Compute();

        Assert.Equal(2.5, r.ActualCostUsd, 10);
        Assert.Equal(28.025, r.BaselineCostUsd, 10);
        Assert.Equal(25.525, r.SavingsUsd, 10);
        Assert.Equal(100 * 25.525 / 28.025, r.SavingsPercent!.Value, 10);
    }

    [Fact]
    public void Compute_DefaultBaseline_IsThePremiumModelSeenNamedWithItsReason()
    {
        var r = Compute();

        Assert.Equal(("top-1", Tiers.Premium), (r.BaselineModel, r.BaselineTier));
        Assert.Contains("seen in the window", r.BaselineReason);
    }

    [Fact]
    public void Compute_CacheReads_SaveInputMinusCachePrice()
    {
        var r = Compute();

        Assert.Equal(2_000_000, r.CacheReadTokens);
        Assert.Equal(1.8, r.CacheSavingsUsd, 10);
    }

    [Fact]
    public void Compute_Counts_CallsUnknownAndNoTokenCalls()
    {
        var r = Compute();

        Assert.Equal((6L, 5L, 1L, 1L), (r.Calls, r.PricedCalls, r.UnknownPriceCalls, r.NoTokenCalls));
        Assert.Equal([new UnknownModel("mystery", 1)], r.UnknownModels);
    }

    [Fact]
    public void Compute_MixByTier_CallsTokensCostAndShares()
    {
        var r = Compute();

        Assert.Equal(["cheap", "capable", "premium", "unknown"], r.ByTier.Select(t => t.Name));
        var cheap = r.ByTier[0];
        Assert.Equal((2L, 3_100_000L, 1L), (cheap.Calls, cheap.Tokens, cheap.Calls / 2));
        Assert.Equal(1.7, cheap.CostUsd, 10);
        Assert.Equal(2.0 / 6, cheap.CallShare, 10);
        Assert.Equal(1.7 / 2.5, cheap.CostShare, 10);
        var unknown = r.ByTier[3];
        Assert.Equal((2L, 5_500L, 1L), (unknown.Calls, unknown.Tokens, unknown.UnknownPriceCalls));
        Assert.Equal(0.05, unknown.CostUsd, 10);
        Assert.Equal(r.ActualCostUsd, r.ByTier.Sum(t => t.CostUsd), 10);
        Assert.Equal(1.0, r.ByTier.Sum(t => t.CallShare), 10);
    }

    [Fact]
    public void Compute_MixByModel_MostExpensiveFirstWithTheirTier()
    {
        var r = Compute();

        Assert.Equal(["cheap-1", "mid-1", "top-1", "(no model)", "mystery"], r.ByModel.Select(m => m.Name));
        Assert.Equal(["cheap", "capable", "premium", "unknown", "unknown"], r.ByModel.Select(m => m.Tier));
    }

    [Fact]
    public void Compute_NamedBaselineModel_PricesEveryCallAtIt()
    {
        // top-2: 20 + 2 + 2 + 0.2, and 0.05 recorded without tokens
        var r = Compute(new SavingsOptions { BaselineModel = "top-2" });

        Assert.Equal(24.25, r.BaselineCostUsd, 10);
        Assert.Equal("named", r.BaselineReason);
    }

    [Fact]
    public void Compute_BaselineTierCapable_UsesTheCapableModelSeen()
    {
        // mid-1: 4.5 + 0.6 + 0.45 + 0.045 + 0.05
        var r = Compute(new SavingsOptions { BaselineTier = "capable" });

        Assert.Equal("mid-1", r.BaselineModel);
        Assert.Equal(5.645, r.BaselineCostUsd, 10);
    }

    [Fact]
    public void Compute_NoPremiumModelSeen_FallsBackToTheTablesMostExpensiveForTheseTokens()
    {
        // Only e1 (1M in, 100k out): top-1 would cost 22.5, top-2 10 + 10 = 20, so top-1.
        var r = Compute(events: [Call("cheap-1", 1_000_000, 100_000)]);

        Assert.Equal("top-1", r.BaselineModel);
        Assert.Contains("no premium model was used", r.BaselineReason);

        // Output-heavy tokens flip it: 100k in, 1M out → top-1 1.5 + 75 = 76.5, top-2 1 + 100 = 101.
        Assert.Equal("top-2", Compute(events: [Call("cheap-1", 100_000, 1_000_000)]).BaselineModel);
    }

    [Fact]
    public void Compute_EventTier_WinsOverTheTablesTier()
    {
        var r = Compute(events: [Call("mid-1", 100_000, 10_000, tier: "PREMIUM"), Call("cheap-1", 1, 1)]);

        Assert.Equal(["cheap", "premium"], r.ByTier.Select(t => t.Name));
    }

    [Fact]
    public void Compute_DaysAndSystem_FilterTheCalls()
    {
        TelemetryEvent[] events = [Call("cheap-1", 1_000_000, 0), Call("cheap-1", 1_000_000, 0, hoursAgo: 49), Call("cheap-1", 1_000_000, 0, system: "beta")];

        var r = Compute(new SavingsOptions { Days = 2, System = "alpha" }, events);

        Assert.Equal(1, r.Calls);
        Assert.Equal(1.0, r.ActualCostUsd, 10);
        Assert.Equal(Make.Now.AddDays(-2), r.Since);
    }

    [Fact]
    public void Compute_NoCalls_ZeroCostsAndNoPercent()
    {
        var r = Compute(events: []);

        Assert.Equal((0L, 0.0, 0.0), (r.Calls, r.ActualCostUsd, r.BaselineCostUsd));
        Assert.Null(r.SavingsPercent);
    }

    [Theory]
    [InlineData("nope", null, "'nope' has no price")]
    [InlineData(null, "gold", "baseline tier (4 characters) is not one of")]
    [InlineData("top-1", "premium", "not both")]
    public void Compute_BadBaseline_ThrowsNamingIt(string? model, string? tier, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => Compute(new SavingsOptions { BaselineModel = model, BaselineTier = tier }));

        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Compute_DaysAndSince_Refused()
    {
        Assert.Throws<ArgumentException>(() => Compute(new SavingsOptions { Days = 7, Since = Make.Now.AddDays(-3) }));
    }

    [Fact]
    public void Render_Text_ShowsTiersTotalsAndTheUnknownModelByName()
    {
        string text = SavingsText.Render(Compute());

        Assert.Contains("Baseline: every call priced at top-1 (premium; the most expensive premium model seen in the window).", text);
        Assert.Contains("Actual cost          $2.5000", text);
        Assert.Contains("Baseline cost       $28.0250", text);
        Assert.Contains("Savings             $25.5250   91.1% of the baseline", text);
        Assert.Contains("Cache savings        $1.8000", text);
        Assert.Contains("mystery (1)", text);
        Assert.Matches(@"cheap\s+2\s+33\.3%\s+3,100,000\s+1\.7000\s+68\.0%", text);
    }

    [Fact]
    public void RenderAtAGlance_TierMixAndTotalsWithoutTheModelTable()
    {
        string text = SavingsText.RenderAtAGlance(Compute());

        Assert.Matches(@"cheap\s+2\s+33\.3%", text);
        Assert.Contains("Savings             $25.5250", text);
        Assert.DoesNotContain("cheap-1", text);
    }

    [Fact]
    public void Render_Markdown_HasTablesForTiersModelsAndTotals()
    {
        string md = SavingsText.Render(Compute(), markdown: true);

        Assert.StartsWith("## Savings · all systems · all time · 6 calls", md);
        Assert.Contains("| Tier | Calls | Share | Tokens | Cost USD | Cost share |", md);
        Assert.Contains("| Savings | $25.5250 | 91.1% of the baseline |", md);
        Assert.Contains("- Unknown price: 1 of 6 calls", md);
    }

    [Fact]
    public void Render_Json_HasTheFiguresUnderSnakeCaseKeys()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(SavingsJson.Render(Compute()));
        var root = doc.RootElement;

        Assert.Equal(2.5, root.GetProperty("actual_cost_usd").GetDouble(), 10);
        Assert.Equal(28.025, root.GetProperty("baseline_cost_usd").GetDouble(), 10);
        Assert.Equal("top-1", root.GetProperty("baseline").GetProperty("model").GetString());
        Assert.Equal(1, root.GetProperty("unknown_price_calls").GetInt32());
        Assert.Equal("mystery", root.GetProperty("unknown_models")[0].GetProperty("model").GetString());
        Assert.Equal(4, root.GetProperty("by_tier").GetArrayLength());
    }
}
