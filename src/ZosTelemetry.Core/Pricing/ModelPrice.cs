// List prices of one model in USD per million tokens, and its tier.
namespace ZosTelemetry.Pricing;

public sealed record ModelPrice(
    string Model,
    string? Provider,
    string Tier,
    double InputPerMillion,
    double OutputPerMillion,
    double CacheReadPerMillion,
    double CacheWritePerMillion);

public static class Tiers
{
    public const string Cheap = "cheap";
    public const string Capable = "capable";
    public const string Premium = "premium";

    public static readonly IReadOnlyList<string> All = [Cheap, Capable, Premium];
}
