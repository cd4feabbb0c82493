// Prices an event's tokens. TokensIn is input billed at the full price; cache reads and writes are billed apart.
using ZosTelemetry.Events;

namespace ZosTelemetry.Pricing;

public static class CostCalculator
{
    public static double Cost(TelemetryEvent e, ModelPrice p) =>
        Cost(e.TokensIn, e.TokensOut, e.CacheReadTokens ?? 0, e.CacheWriteTokens ?? 0, p);

    /// <summary>The same sum from the counts alone, for scans that read rows without making events.</summary>
    public static double Cost(long tokensIn, long tokensOut, long cacheReadTokens, long cacheWriteTokens, ModelPrice p) =>
        ((tokensIn * p.InputPerMillion)
         + (tokensOut * p.OutputPerMillion)
         + (cacheReadTokens * p.CacheReadPerMillion)
         + (cacheWriteTokens * p.CacheWritePerMillion)) / 1_000_000;
}
