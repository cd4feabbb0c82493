// Prices an event's tokens. TokensIn is input billed at the full price; cache reads and writes are billed apart.
using ZosTelemetry.Events;

namespace ZosTelemetry.Pricing;

public static class CostCalculator
{
    public static double Cost(TelemetryEvent e, ModelPrice p) =>
        ((e.TokensIn * p.InputPerMillion)
         + (e.TokensOut * p.OutputPerMillion)
         + ((e.CacheReadTokens ?? 0) * p.CacheReadPerMillion)
         + ((e.CacheWriteTokens ?? 0) * p.CacheWritePerMillion)) / 1_000_000;
}
