// What routing and caching saved over a window: actual cost, the same tokens priced at one baseline model, the
// usage mix by tier and by model, cache savings, and the calls whose price is unknown (named, never priced as zero).
namespace ZosTelemetry.Savings;

public sealed class SavingsReport
{
    public string? System { get; init; }

    /// <summary>The window: calls at or after Since and before Until (either may be open).</summary>
    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    /// <summary>The -Days/--days the window was given as, when it was.</summary>
    public int? Days { get; init; }

    public DateTimeOffset GeneratedAt { get; init; }

    public string BaselineModel { get; init; } = "";

    public string BaselineTier { get; init; } = "";

    /// <summary>Why this baseline: named by the user, or chosen as the most expensive model of a tier.</summary>
    public string BaselineReason { get; init; } = "";

    /// <summary>Calls in the window: events with a model, tokens or a cost.</summary>
    public long Calls { get; init; }

    /// <summary>Calls whose cost is known (recorded or priced): the ones both costs are summed over.</summary>
    public long PricedCalls { get; init; }

    /// <summary>Calls with no recorded cost and no price for their model: left out of both costs.</summary>
    public long UnknownPriceCalls { get; init; }

    /// <summary>Calls with a recorded cost but no token counts: they cannot be re-priced and count at their cost on both sides.</summary>
    public long NoTokenCalls { get; init; }

    public double ActualCostUsd { get; init; }

    public double BaselineCostUsd { get; init; }

    public double SavingsUsd => BaselineCostUsd - ActualCostUsd;

    /// <summary>Savings as a percentage of the baseline cost; null when the baseline cost is zero.</summary>
    public double? SavingsPercent => BaselineCostUsd > 0 ? 100 * SavingsUsd / BaselineCostUsd : null;

    /// <summary>Cache-read tokens of the priced calls whose model has a price.</summary>
    public long CacheReadTokens { get; init; }

    /// <summary>What those cache-read tokens would have cost at the full input price, minus what they cost at the cache price.</summary>
    public double CacheSavingsUsd { get; init; }

    public IReadOnlyList<UsageMixRow> ByTier { get; init; } = Array.Empty<UsageMixRow>();

    public IReadOnlyList<UsageMixRow> ByModel { get; init; } = Array.Empty<UsageMixRow>();

    /// <summary>The models of the calls of unknown price, with their call counts, most calls first.</summary>
    public IReadOnlyList<UnknownModel> UnknownModels { get; init; } = Array.Empty<UnknownModel>();

    /// <summary>The date the price table's figures were taken, and the files it was read from.</summary>
    public string? PricesTaken { get; init; }

    public IReadOnlyList<string> PriceFiles { get; init; } = Array.Empty<string>();
}

/// <summary>One line of the usage mix: a tier or a model, its calls, tokens and known cost, and its shares.</summary>
public sealed class UsageMixRow
{
    /// <summary>"tier" or "model".</summary>
    public string Group { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>The tier of the row (for a model row, the tier of its calls; "mixed" when they differ).</summary>
    public string Tier { get; init; } = "";

    public long Calls { get; init; }

    /// <summary>Calls as a share of all calls in the window, 0 to 1.</summary>
    public double CallShare { get; init; }

    /// <summary>Input, output, cache-read and cache-write tokens together.</summary>
    public long Tokens { get; init; }

    public double CostUsd { get; init; }

    /// <summary>Cost as a share of the actual cost, 0 to 1; 0 when the actual cost is 0.</summary>
    public double CostShare { get; init; }

    public long UnknownPriceCalls { get; init; }
}

/// <summary>A model whose calls could not be priced; "(no model)" for calls that name none.</summary>
public sealed record UnknownModel(string Model, long Calls);
