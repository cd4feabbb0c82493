// Computes a savings report in one pass over the events, holding only per-model totals.
//   actual   = Σ known cost of each call (recorded cost_usd wins; else tokens × its model's price)
//   baseline = Σ the same call's tokens × the baseline model's price (a call with a cost but no tokens counts at its cost)
//   cache    = Σ cache-read tokens × (input price − cache-read price) of the call's model
// Calls of unknown price are left out of both sums and reported by model.
using ZosTelemetry.Events;
using ZosTelemetry.Pricing;

namespace ZosTelemetry.Savings;

public static class SavingsCalculator
{
    public const string NoModel = "(no model)";
    public const string UnknownTier = "unknown";

    public static SavingsReport Compute(IEnumerable<TelemetryEvent> events, PriceTable prices, SavingsOptions? options = null)
    {
        options ??= new SavingsOptions();
        var (since, until) = options.Window();
        ModelPrice? named = ResolveNamedBaseline(prices, options);
        string tier = named?.Tier ?? CheckTier(options.BaselineTier ?? Tiers.Premium);

        var models = new Dictionary<string, ModelTotals>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if ((options.System is not null && e.System != options.System) || (since is not null && e.Timestamp < since) || (until is not null && e.Timestamp >= until) || !IsCall(e))
            {
                continue;
            }

            Add(models, prices, string.IsNullOrEmpty(e.Model) ? null : e.Model, e.Tier, new Calls(1, e.CostUsd is not null, CostResolver.HasTokens(e), e.CostUsd ?? 0, e.CostUsd > 0 ? 1 : 0,
                e.TokensIn, e.TokensOut, e.CacheReadTokens ?? 0, e.CacheWriteTokens ?? 0));
        }

        var (baseline, reason) = named is not null
            ? (named, "named")
            : ChooseBaseline(prices, tier, models.Values);
        return Build(options, since, until, prices, baseline, reason, models.Values.ToList());
    }

    /// <summary>
    /// The same report from the store's daily facts (the HTML report's cost section): the window must start and end on
    /// 15-minute UTC slots. Calls are priced per (slot, model, tier, cost class) sum rather than one by one, so a cost
    /// may differ from Compute's in the last bits of a double, never in a printed cent. A model logged as "" counts as
    /// no model here (the validator stores "" as null, so only a hand-written row has one).
    /// </summary>
    internal static SavingsReport Compute(Facts.DailyFacts facts, PriceTable prices, SavingsOptions options)
    {
        var (since, until) = options.Window();
        var (first, end) = Facts.DailyFacts.Slots(since, until);
        ModelPrice? named = ResolveNamedBaseline(prices, options);
        string tier = named?.Tier ?? CheckTier(options.BaselineTier ?? Tiers.Premium);
        var models = new Dictionary<string, ModelTotals>(StringComparer.Ordinal);
        foreach (var table in facts.Tables)
        {
            foreach (var r in table.Rows)
            {
                if (r.Key.Slot < first || r.Key.Slot >= end || (options.System is not null && table.Systems[r.Key.System] != options.System))
                {
                    continue;
                }

                bool recorded = r.Key.Class.HasFlag(Facts.FactClass.RecordedCost), tokens = r.Key.Class.HasFlag(Facts.FactClass.Tokens);
                // IsCall on sums: every event of a row with a model or tokens is a call; otherwise those with a cost above 0.
                long calls = r.Key.Model >= 0 || tokens ? r.Events : recorded ? r.PositiveCost : 0;
                if (calls > 0)
                {
                    Add(models, prices, r.Key.Model < 0 ? null : table.Models[r.Key.Model], r.Key.Tier < 0 ? null : table.Tiers[r.Key.Tier],
                        new Calls(calls, recorded, tokens, r.Cost, r.PositiveCost, r.TokensIn, r.TokensOut, r.CacheRead, r.CacheWrite));
                }
            }
        }

        var (baseline, reason) = named is not null
            ? (named, "named")
            : ChooseBaseline(prices, tier, models.Values);
        return Build(options, since, until, prices, baseline, reason, models.Values.ToList());
    }

    /// <summary>
    /// The same report from a team database: the window's events summed in SQL per model, tier and cost class (as the
    /// daily facts keep them), priced and counted here by the rules of the facts' Compute above.
    /// </summary>
    public static SavingsReport Compute(Sync.ITeamDatabase database, PriceTable prices, SavingsOptions options)
    {
        var (since, until) = options.Window();
        ModelPrice? named = ResolveNamedBaseline(prices, options);
        string tier = named?.Tier ?? CheckTier(options.BaselineTier ?? Tiers.Premium);
        var models = new Dictionary<string, ModelTotals>(StringComparer.Ordinal);
        foreach (var r in database.SumUsage(Sync.TeamPeriods.Window(options.System, since, until)))
        {
            long calls = r.Model is not null || r.Tokens ? r.Events : r.RecordedCost ? r.PositiveCost : 0;
            if (calls > 0)
            {
                Add(models, prices, r.Model, r.Tier, new Calls(calls, r.RecordedCost, r.Tokens, r.Cost, r.PositiveCost, r.TokensIn, r.TokensOut, r.CacheRead, r.CacheWrite));
            }
        }

        var (baseline, reason) = named is not null
            ? (named, "named")
            : ChooseBaseline(prices, tier, models.Values);
        return Build(options, since, until, prices, baseline, reason, models.Values.ToList());
    }

    private static void Add(Dictionary<string, ModelTotals> models, PriceTable prices, string? model, string? tier, Calls calls)
    {
        string name = model ?? NoModel;
        if (!models.TryGetValue(name, out var totals))
        {
            models[name] = totals = new ModelTotals(name, prices.TryResolve(model, out var p) ? p : null);
        }

        totals.Add(calls, string.IsNullOrEmpty(tier) ? totals.Price?.Tier ?? UnknownTier : tier.ToLowerInvariant());
    }

    /// <summary>
    /// A call is an event that used a model: it names one, counts tokens or carries a cost. An empty model names none,
    /// as the validator stores it (null) and as the usage reports and the daily facts (the HTML report's cost) count it.
    /// </summary>
    public static bool IsCall(TelemetryEvent e) => !string.IsNullOrEmpty(e.Model) || CostResolver.HasTokens(e) || e.CostUsd > 0;

    private static ModelPrice? ResolveNamedBaseline(PriceTable prices, SavingsOptions options)
    {
        if (options.BaselineModel is null)
        {
            return null;
        }

        if (options.BaselineTier is not null)
        {
            throw new ArgumentException("Give either a baseline model or a baseline tier, not both.");
        }

        return prices.TryResolve(options.BaselineModel, out var price)
            ? price
            : throw new ArgumentException($"The baseline model {Events.EventValidator.ShowModel(options.BaselineModel)} has no price in the price table; name a model it lists or add it to a prices.json.");
    }

    private static string CheckTier(string tier)
    {
        string t = tier.ToLowerInvariant();
        return Tiers.All.Contains(t) ? t : throw new ArgumentException($"The baseline tier {Events.EventValidator.Show(tier)} is not one of {string.Join(", ", Tiers.All)}.");
    }

    // The tier's model that would have cost the most for this window's tokens, among the models seen; else among the table's.
    private static (ModelPrice Price, string Reason) ChooseBaseline(PriceTable prices, string tier, IEnumerable<ModelTotals> seen)
    {
        var totals = seen.ToList();
        var seenOfTier = totals.Where(t => t.Price?.Tier == tier).Select(t => t.Price!).DistinctBy(p => p.Model).ToList();
        var candidates = seenOfTier.Count > 0 ? seenOfTier : prices.Models.Where(p => p.Tier == tier).ToList();
        if (candidates.Count == 0)
        {
            throw new ArgumentException($"The price table has no model of tier '{tier}' to use as the baseline; name a baseline model instead.");
        }

        var best = candidates
            .OrderByDescending(p => totals.Sum(t => t.BaselineCost(p)))
            .ThenByDescending(p => p.InputPerMillion + p.OutputPerMillion)
            .ThenBy(p => p.Model, StringComparer.Ordinal)
            .First();
        string reason = seenOfTier.Count > 0
            ? $"the most expensive {tier} model seen in the window"
            : $"no {tier} model was used in the window: the most expensive {tier} model of the price table";
        return (best, reason);
    }

    private static SavingsReport Build(SavingsOptions options, DateTimeOffset? since, DateTimeOffset? until, PriceTable prices, ModelPrice baseline, string reason, List<ModelTotals> models)
    {
        long calls = models.Sum(m => m.Calls);
        double actual = models.Sum(m => m.KnownCost);
        var byModel = models
            .OrderByDescending(m => m.KnownCost).ThenByDescending(m => m.Calls).ThenBy(m => m.Model, StringComparer.Ordinal)
            .Select(m => Row("model", m.Model, m.Tiers.Count == 1 ? m.Tiers.First() : m.Tiers.Count == 0 ? UnknownTier : "mixed", m.Calls, m.Tokens, m.KnownCost, m.UnknownCalls, calls, actual))
            .ToList();
        var byTier = models
            .SelectMany(m => m.TierTotals)
            .GroupBy(t => t.Key, StringComparer.Ordinal)
            .Select(g => Row("tier", g.Key, g.Key, g.Sum(t => t.Value.Calls), g.Sum(t => t.Value.Tokens), g.Sum(t => t.Value.Cost), g.Sum(t => t.Value.Unknown), calls, actual))
            .OrderBy(r => TierOrder(r.Name)).ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();

        return new SavingsReport
        {
            System = options.System,
            Since = since,
            Until = until,
            Days = options.Days,
            GeneratedAt = options.Now,
            BaselineModel = baseline.Model,
            BaselineTier = baseline.Tier,
            BaselineReason = reason,
            Calls = calls,
            PricedCalls = models.Sum(m => m.Calls - m.UnknownCalls),
            UnknownPriceCalls = models.Sum(m => m.UnknownCalls),
            NoTokenCalls = models.Sum(m => m.NoTokenCalls),
            ActualCostUsd = Math.Round(actual, 10),
            BaselineCostUsd = Math.Round(models.Sum(m => m.BaselineCost(baseline)), 10),
            CacheReadTokens = models.Sum(m => m.PricedCacheReads),
            CacheSavingsUsd = Math.Round(models.Sum(m => m.CacheSavings), 10),
            ByTier = byTier,
            ByModel = byModel,
            UnknownModels = models.Where(m => m.UnknownCalls > 0)
                .OrderByDescending(m => m.UnknownCalls).ThenBy(m => m.Model, StringComparer.Ordinal)
                .Select(m => new UnknownModel(m.Model, m.UnknownCalls)).ToList(),
            PricesTaken = prices.TakenOn,
            PriceFiles = prices.Files,
        };
    }

    private static UsageMixRow Row(string group, string name, string tier, long calls, long tokens, double cost, long unknown, long totalCalls, double totalCost) => new()
    {
        Group = group,
        Name = name,
        Tier = tier,
        Calls = calls,
        CallShare = totalCalls == 0 ? 0 : (double)calls / totalCalls,
        Tokens = tokens,
        CostUsd = Math.Round(cost, 10),
        CostShare = totalCost > 0 ? cost / totalCost : 0,
        UnknownPriceCalls = unknown,
    };

    private static int TierOrder(string tier) => tier switch
    {
        Tiers.Cheap => 0,
        Tiers.Capable => 1,
        Tiers.Premium => 2,
        UnknownTier => 4,
        _ => 3,
    };

    /// <summary>Calls of one model, tier and cost class: their count, whether they recorded a cost and counted tokens, their sums.</summary>
    private readonly record struct Calls(long Count, bool RecordedCost, bool HasTokens, double Cost, long PositiveCost, long TokensIn, long TokensOut, long CacheRead, long CacheWrite);

    /// <summary>Everything the report needs about one model's calls; the baseline is priced from these sums, not per call.</summary>
    private sealed class ModelTotals(string model, ModelPrice? price)
    {
        public string Model { get; } = model;

        public ModelPrice? Price { get; } = price;

        public long Calls { get; private set; }

        public long UnknownCalls { get; private set; }

        public long NoTokenCalls { get; private set; }

        public long Tokens { get; private set; }

        public double KnownCost { get; private set; }

        public long PricedCacheReads { get; private set; }

        public double CacheSavings { get; private set; }

        public Dictionary<string, (long Calls, long Tokens, double Cost, long Unknown)> TierTotals { get; } = new(StringComparer.Ordinal);

        public IReadOnlyCollection<string> Tiers => TierTotals.Keys;

        // Token sums of the calls that count on both sides and can be re-priced, and the recorded cost of those that cannot.
        private long inTokens, outTokens, cacheReads, cacheWrites;
        private double noTokenCost;

        // One call or the sums of many alike (same model, tier, cost class): CostResolver.Resolve's rules on sums, which
        // are exact for counts and tokens because a price is linear in the tokens.
        public void Add(Calls c, string tier)
        {
            long tokens = checked(c.TokensIn + c.TokensOut + c.CacheRead + c.CacheWrite);
            Calls += c.Count;
            Tokens = checked(Tokens + tokens);
            var t = TierTotals.GetValueOrDefault(tier);
            double? known = c.RecordedCost ? c.Cost : !c.HasTokens ? 0 : Price is { } price ? CostCalculator.Cost(c.TokensIn, c.TokensOut, c.CacheRead, c.CacheWrite, price) : null;
            if (known is not double usd)
            {
                UnknownCalls += c.Count;
                TierTotals[tier] = (t.Calls + c.Count, t.Tokens + tokens, t.Cost, t.Unknown + c.Count);
                return;
            }

            KnownCost += usd;
            TierTotals[tier] = (t.Calls + c.Count, t.Tokens + tokens, t.Cost + usd, t.Unknown);
            if (!c.HasTokens)
            {
                NoTokenCalls += c.RecordedCost ? c.PositiveCost : 0;
                noTokenCost += usd;
                return;
            }

            inTokens = checked(inTokens + c.TokensIn);
            outTokens = checked(outTokens + c.TokensOut);
            cacheReads = checked(cacheReads + c.CacheRead);
            cacheWrites = checked(cacheWrites + c.CacheWrite);
            if (Price is { } p && c.CacheRead > 0)
            {
                PricedCacheReads = checked(PricedCacheReads + c.CacheRead);
                CacheSavings += c.CacheRead * (p.InputPerMillion - p.CacheReadPerMillion) / 1_000_000;
            }
        }

        public double BaselineCost(ModelPrice baseline) => noTokenCost + CostCalculator.Cost(
            new TelemetryEvent { TokensIn = inTokens, TokensOut = outTokens, CacheReadTokens = cacheReads, CacheWriteTokens = cacheWrites },
            baseline);
    }
}
