// One day of one system's activity, rolled up from events (per_day).
namespace ZosTelemetry.Sessions;

public sealed class DailySummary
{
    public DateOnly Date { get; init; }
    public string System { get; init; } = "";
    public long Sessions { get; init; }
    public long Events { get; init; }
    public long Turns { get; init; }
    public long UserTurns { get; init; }
    public long Corrections { get; init; }
    public long TokensIn { get; init; }
    public long TokensOut { get; init; }
    public double CostUsd { get; init; }

    /// <summary>Events that used tokens but had no recorded cost and no known price: CostUsd leaves them out.</summary>
    public long UnpricedEvents { get; init; }
}
