// The numbers of one session's latest summary that compare takes, as a team database sends them: no names, no close
// time, no line; SystemComparer turns them into the light summaries a local store's scan gives it (SessionNumbers).
using ZosTelemetry.Sessions;

namespace ZosTelemetry.Sync;

public sealed class TeamSessionNumbers
{
    public required string SessionId { get; init; }
    public required string System { get; init; }
    public DateTimeOffset FirstTimestamp { get; init; }
    public DateTimeOffset LastTimestamp { get; init; }
    public int DetectorVersion { get; init; }
    public long Turns { get; init; }
    public long UserTurns { get; init; }
    public long Corrections { get; init; }

    /// <summary>Input and output tokens together (the metric's tokens).</summary>
    public long Tokens { get; init; }
    public double CostUsd { get; init; }
    public long UnpricedEvents { get; init; }
    public double DurationSeconds { get; init; }
    public long? ToolCalls { get; init; }
    public long? ToolFailures { get; init; }

    /// <summary>The sum of the errors object's counts; null where the row has none.</summary>
    public long? Errors { get; init; }
    public long? Alerts { get; init; }
    public string? Outcome { get; init; }

    /// <summary>How many sessions the two systems have in all, in the window or not (what decides the local order).</summary>
    public long Candidates { get; init; }

    /// <summary>The light summary SessionNumbers.ToSummary makes of the same row.</summary>
    public SessionSummary ToSummary() => new()
    {
        SessionId = SessionId,
        System = System,
        DetectorVersion = DetectorVersion,
        Turns = Turns,
        UserTurns = UserTurns,
        Corrections = Corrections,
        TokensIn = Tokens,
        CostUsd = CostUsd,
        UnpricedEvents = UnpricedEvents,
        DurationSeconds = DurationSeconds,
        FirstTimestamp = FirstTimestamp,
        LastTimestamp = LastTimestamp,
        ToolCalls = ToolCalls,
        ToolFailures = ToolFailures,
        ErrorsByCategory = Errors is long e ? new Dictionary<string, long>(1) { ["all"] = e } : null,
        Alerts = Alerts,
        Outcome = Outcome is null ? null : Outcome == Events.Outcomes.Success ? Events.Outcomes.Success : Events.Outcomes.Failure,
    };
}
