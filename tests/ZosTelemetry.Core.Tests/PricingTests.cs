// The price table: what ships, how model ids are matched, how user files override it, and how costs are resolved.
using System.Text;
using ZosTelemetry.Events;
using ZosTelemetry.Pricing;

namespace ZosTelemetry.Tests;

public sealed class PricingTests
{
    internal static PriceTable Table(string json) => PriceTable.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json");

    [Theory]
    [InlineData("claude-sonnet-4-5", "claude-sonnet-4-5")]
    [InlineData("Claude-Sonnet-4-5", "claude-sonnet-4-5")]
    [InlineData("claude-sonnet-4-5-20250929", "claude-sonnet-4-5")]
    [InlineData("claude-opus-4-1-2025-08-05", "claude-opus-4-1")]
    [InlineData("anthropic/claude-sonnet-4-5", "claude-sonnet-4-5")]
    [InlineData("openrouter/openai/gpt-5", "gpt-5")]
    [InlineData("models/gemini-2.5-pro", "gemini-2.5-pro")]
    [InlineData("claude-sonnet-4-5@20250929", "claude-sonnet-4-5")]
    [InlineData("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5")]
    [InlineData("claude-3-5-haiku-latest", "claude-3-5-haiku")]
    [InlineData("gpt-4.1", "gpt-4.1")]
    [InlineData("deepseek-v3", "deepseek-v3")]
    [InlineData("grok-4-0709", "grok-4-0709")]
    [InlineData("mistral-large-2411", "mistral-large-2411")]
    public void Normalise_KnownShapes_GiveTheBareModelId(string model, string expected)
    {
        Assert.Equal(expected, ModelIds.Normalise(model));
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    [InlineData("google")]
    [InlineData("mistral")]
    [InlineData("deepseek")]
    [InlineData("xai")]
    public void Default_EachMajorProvider_HasModelsAndANamedSource(string provider)
    {
        var table = PriceTable.Default;

        Assert.Contains(table.Models, m => m.Provider == provider);
        var source = Assert.Single(table.Sources, s => s.Provider == provider);
        Assert.StartsWith("https://", source.Source);
        Assert.False(string.IsNullOrEmpty(source.AsOf));
    }

    [Fact]
    public void Default_SaysWhenItWasTakenAndThatItIsListPrices()
    {
        Assert.Equal("2025-11", PriceTable.Default.TakenOn);
        Assert.Contains("List prices", PriceTable.Default.Note);
        Assert.Equal(["prices.json (shipped)"], PriceTable.Default.Files);
    }

    [Fact]
    public void Default_EveryTierHasModels_AndCachePricesNeverExceedInput()
    {
        var models = PriceTable.Default.Models;

        Assert.All(Tiers.All, t => Assert.Contains(models, m => m.Tier == t));
        Assert.All(models, m => Assert.True(m.CacheReadPerMillion <= m.InputPerMillion, m.Model));
        Assert.All(models, m => Assert.True(m.OutputPerMillion > 0 && m.InputPerMillion > 0, m.Model));
    }

    [Fact]
    public void TryResolve_DatedAndPrefixedIds_FindTheListedModel()
    {
        Assert.True(PriceTable.Default.TryResolve("anthropic/claude-haiku-4-5-20251001", out var price));
        Assert.Equal("claude-haiku-4-5", price.Model);
        Assert.Equal(1, price.InputPerMillion);
    }

    [Fact]
    public void TryResolve_UnknownOrMissingModel_IsFalse()
    {
        Assert.False(PriceTable.Default.TryResolve("model-x", out _));
        Assert.False(PriceTable.Default.TryResolve(null, out _));
    }

    [Fact]
    public void Load_MissingCachePrices_DefaultToTheInputPrice()
    {
        var table = Table("""{"models": {"m": {"input": 2, "output": 6}}}""");

        var m = Assert.Single(table.Models);
        Assert.Equal((2.0, 2.0, Tiers.Capable), (m.CacheReadPerMillion, m.CacheWritePerMillion, m.Tier));
    }

    [Theory]
    [InlineData("""{"models": {"m": {"output": 6}}}""", "\"input\"")]
    [InlineData("""{"models": {"m": {"input": -1, "output": 6}}}""", "\"input\"")]
    [InlineData("""{"models": {"m": {"input": 1, "output": 6, "tier": "gold"}}}""", "tier 'gold'")]
    [InlineData("""{"prices": {}}""", "no \"models\"")]
    [InlineData("""{"models": """, "not valid JSON")]
    public void Load_BadFile_ThrowsNamingTheProblem(string json, string expected)
    {
        var ex = Assert.Throws<PriceTableException>(() => Table(json));

        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void OverriddenBy_UserEntriesWinAndExtend_ShippedEntriesStay()
    {
        var user = Table("""{"taken": "2026-11-01", "models": {"claude-sonnet-4-5": {"tier": "premium", "input": 4, "output": 20}, "in-house-1": {"input": 0.5, "output": 1}}}""");

        var merged = PriceTable.Default.OverriddenBy(user);

        Assert.True(merged.TryResolve("claude-sonnet-4-5-20250929", out var sonnet));
        Assert.Equal((4.0, Tiers.Premium), (sonnet.InputPerMillion, sonnet.Tier));
        Assert.True(merged.TryResolve("in-house-1", out _));
        Assert.True(merged.TryResolve("gpt-5", out _));
        Assert.Equal("2026-11-01", merged.TakenOn);
        Assert.Equal(["prices.json (shipped)", "test.json"], merged.Files);
    }

    [Fact]
    public void Cost_AllFourTokenKinds_PricedPerMillion()
    {
        var price = new ModelPrice("m", null, Tiers.Capable, 3, 15, 0.3, 3.75);
        var e = new TelemetryEvent { TokensIn = 1_000_000, TokensOut = 100_000, CacheReadTokens = 2_000_000, CacheWriteTokens = 400_000 };

        // 3 + 1.5 + 0.6 + 1.5
        Assert.Equal(6.6, CostCalculator.Cost(e, price), 10);
    }

    [Fact]
    public void Resolve_RecordedCost_WinsOverThePrice()
    {
        var cost = CostResolver.Shipped.Resolve(new TelemetryEvent { Model = "gpt-5", TokensIn = 1_000_000, CostUsd = 0.5 });

        Assert.Equal((0.5, CostSource.Recorded), (cost.Usd, cost.Source));
        Assert.NotNull(cost.Price);
    }

    [Fact]
    public void Resolve_NoCost_PricedFromTokens()
    {
        var cost = CostResolver.Shipped.Resolve(new TelemetryEvent { Model = "gpt-5", TokensIn = 1_000_000, TokensOut = 100_000 });

        Assert.Equal(CostSource.Priced, cost.Source);
        Assert.Equal(1.25 + 1.0, cost.Usd!.Value, 10);
    }

    [Fact]
    public void Resolve_NoCostAndUnknownModel_IsUnknownNotZero()
    {
        var cost = CostResolver.Shipped.Resolve(new TelemetryEvent { Model = "model-x", TokensIn = 10 });

        Assert.Equal(CostSource.Unknown, cost.Source);
        Assert.Null(cost.Usd);
    }

    [Fact]
    public void Resolve_NoTokensNoCost_CostsNothing()
    {
        var cost = CostResolver.Shipped.Resolve(new TelemetryEvent { Kind = EventKinds.UserMessage });

        Assert.Equal((0.0, CostSource.None), (cost.Usd, cost.Source));
    }
}

[Collection(ProcessStateCollection.Name)]
public sealed class PriceFilesTests : IDisposable
{
    private readonly TempRoot home = new();

    public void Dispose() => home.Dispose();

    [Fact]
    public void Load_ZosHomePricesJson_OverridesTheShippedTable()
    {
        File.WriteAllText(home.Combine("prices.json"), """{"models": {"gpt-5": {"input": 9, "output": 9}}}""");
        using var env = new EnvironmentVariableScope("ZOS_HOME", home.Path);

        var table = PriceFiles.Load();

        Assert.True(table.TryResolve("gpt-5", out var p));
        Assert.Equal(9, p.InputPerMillion);
        Assert.Equal(home.Combine("prices.json"), table.Files[^1]);
    }

    [Fact]
    public void Load_ExplicitFile_WinsOverTheUserFile()
    {
        File.WriteAllText(home.Combine("prices.json"), """{"models": {"gpt-5": {"input": 9, "output": 9}}}""");
        File.WriteAllText(home.Combine("team.json"), """{"models": {"gpt-5": {"input": 7, "output": 7}}}""");
        using var env = new EnvironmentVariableScope("ZOS_HOME", home.Path);

        Assert.True(PriceFiles.Load(home.Combine("team.json")).TryResolve("gpt-5", out var p));
        Assert.Equal(7, p.InputPerMillion);
    }

    [Fact]
    public void Load_NoUserFile_IsTheShippedTable()
    {
        using var env = new EnvironmentVariableScope("ZOS_HOME", home.Path);

        Assert.Equal(PriceTable.Default.Models.Count, PriceFiles.Load().Models.Count);
    }

    [Fact]
    public void Load_MissingExplicitFile_ThrowsNamingIt()
    {
        using var env = new EnvironmentVariableScope("ZOS_HOME", home.Path);

        var ex = Assert.Throws<PriceTableException>(() => PriceFiles.Load(home.Combine("nope.json")));
        Assert.Contains("nope.json", ex.Message);
    }
}
