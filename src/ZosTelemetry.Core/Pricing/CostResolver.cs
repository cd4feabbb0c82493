// Where a missing cost gets priced: at read and report time, here, so that session summaries, daily rollups,
// savings, period comparisons and exports agree. A cost the writer recorded wins; without one, tokens × list price;
// an event whose model has no price stays unknown (null), to be counted and named by the report, never taken as 0.
using ZosTelemetry.Events;

namespace ZosTelemetry.Pricing;

public enum CostSource
{
    /// <summary>The event carries no usage (no tokens, no cost): it costs nothing and needs no price.</summary>
    None,

    /// <summary>The writer recorded cost_usd; it wins over any price.</summary>
    Recorded,

    /// <summary>No cost was recorded; it was computed from the event's tokens and its model's list price.</summary>
    Priced,

    /// <summary>No cost was recorded and the model has no price (or the event names no model).</summary>
    Unknown,
}

/// <summary>An event's cost and how it was found. Price is the model's price when the table has one, whatever the source.</summary>
public readonly record struct EventCost(double? Usd, CostSource Source, ModelPrice? Price)
{
    public bool IsKnown => Usd is not null;
}

public sealed class CostResolver
{
    private static readonly Lazy<CostResolver> ShippedResolver = new(() => new CostResolver(PriceTable.Default));

    public CostResolver(PriceTable prices)
    {
        Prices = prices;
    }

    /// <summary>Prices from the table shipped with this version only (no user file).</summary>
    public static CostResolver Shipped => ShippedResolver.Value;

    public PriceTable Prices { get; }

    public EventCost Resolve(TelemetryEvent e)
    {
        ModelPrice? price = Prices.TryResolve(e.Model, out var p) ? p : null;
        if (e.CostUsd is double recorded)
        {
            return new EventCost(recorded, CostSource.Recorded, price);
        }

        if (!HasTokens(e))
        {
            return new EventCost(0, CostSource.None, price);
        }

        return price is null
            ? new EventCost(null, CostSource.Unknown, null)
            : new EventCost(CostCalculator.Cost(e, price), CostSource.Priced, price);
    }

    /// <summary>True when the event counts any tokens: input, output, cache reads or cache writes.</summary>
    public static bool HasTokens(TelemetryEvent e) =>
        e.TokensIn > 0 || e.TokensOut > 0 || (e.CacheReadTokens ?? 0) > 0 || (e.CacheWriteTokens ?? 0) > 0;
}
