// One closed session: the row written to sessions-YYYY-MM.jsonl and the object the module emits.
namespace ZosTelemetry.Sessions;

public sealed class SessionSummary
{
    public int Schema { get; init; } = 1;
    public string SessionId { get; init; } = "";
    public string System { get; init; } = "";
    public string? Context { get; init; }
    public string? Model { get; init; }
    public int DetectorVersion { get; init; }
    public long Turns { get; init; }
    public long UserTurns { get; init; }
    public long Corrections { get; init; }
    public long Events { get; init; }
    public long TokensIn { get; init; }
    public long TokensOut { get; init; }
    public double CostUsd { get; init; }

    /// <summary>Events that used tokens but had no recorded cost and no known price: CostUsd leaves them out.</summary>
    public long UnpricedEvents { get; init; }
    public DateTimeOffset FirstTimestamp { get; init; }
    public DateTimeOffset LastTimestamp { get; init; }
    public double DurationSeconds { get; init; }
    public DateTimeOffset ClosedAt { get; init; }

    public long Tokens => checked(TokensIn + TokensOut);

    /// <summary>Corrections per user turn; null when the session had no user turn.</summary>
    public double? CorrectionRate => UserTurns == 0 ? null : (double)Corrections / UserTurns;
}
