// Reading an export back: its cost_usd column holds the resolved cost (recorded, or priced from tokens at export
// time) and cost_source says which. Only a recorded cost is a fact of the event; a priced one is the price table's
// answer of that day, so storing it would freeze it as if the writer had recorded it. Re-imported events keep only
// recorded costs and are priced again by the same rule as every other event.
using ZosTelemetry.Pricing;

namespace ZosTelemetry.Export;

public static class ExportedCost
{
    /// <summary>The cost to store for an exported row: the cost when its source is recorded (or not given), else null.</summary>
    public static double? ToStore(double? costUsd, string? costSource) =>
        string.IsNullOrWhiteSpace(costSource) || costSource.Trim().Equals(nameof(CostSource.Recorded), StringComparison.OrdinalIgnoreCase)
            ? costUsd
            : null;
}
