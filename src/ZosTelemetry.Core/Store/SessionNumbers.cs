// The numbers of one session summary that the comparison uses, kept as a struct so a million of them cost tens of
// megabytes instead of a million objects with strings.
using ZosTelemetry.Sessions;

namespace ZosTelemetry.Store;

internal readonly struct SessionNumbers
{
    private readonly long turns, userTurns, corrections, tokens, unpriced, lastTicks;
    private readonly double cost, duration;
    private readonly int detectorVersion;

    // Agent-run figures: -1 where the row does not have them (outcome: -1 unknown, 0 failure or abandoned, 1 success).
    private readonly long toolCalls, toolFailures, errors, alerts;
    private readonly sbyte outcome;

    public SessionNumbers(in SessionFacts f, UInt128 key, bool isA)
    {
        IsA = isA;
        Key = key;
        FirstTicks = f.FirstTicks;
        turns = f.Turns;
        userTurns = f.UserTurns;
        corrections = f.Corrections;
        tokens = checked(f.TokensIn + f.TokensOut);
        lastTicks = f.LastTicks;
        cost = f.CostUsd;
        unpriced = f.UnpricedEvents;
        duration = f.DurationSeconds;
        detectorVersion = (int)f.DetectorVersion;
        toolCalls = f.ToolCalls ?? -1;
        toolFailures = f.ToolFailures ?? -1;
        errors = f.HasErrors ? SessionRowReader.ErrorTotal(f.ErrorsRaw) : -1;
        alerts = f.Alerts ?? -1;
        outcome = !f.HasOutcome ? (sbyte)-1 : f.Outcome.SequenceEqual("success"u8) ? (sbyte)1 : (sbyte)0;
    }

    public bool IsA { get; }

    public UInt128 Key { get; }

    public long FirstTicks { get; }

    /// <summary>A light summary for the comparer: the system and the numbers, no id, names or close time.</summary>
    public SessionSummary ToSummary(string system) => new()
    {
        System = system,
        DetectorVersion = detectorVersion,
        Turns = turns,
        UserTurns = userTurns,
        Corrections = corrections,
        TokensIn = tokens,
        CostUsd = cost,
        UnpricedEvents = unpriced,
        DurationSeconds = duration,
        FirstTimestamp = new DateTimeOffset(FirstTicks, TimeSpan.Zero),
        LastTimestamp = new DateTimeOffset(lastTicks, TimeSpan.Zero),
        ToolCalls = toolCalls < 0 ? null : toolCalls,
        ToolFailures = toolFailures < 0 ? null : toolFailures,
        ErrorsByCategory = errors < 0 ? null : new Dictionary<string, long>(1) { ["all"] = errors },
        Alerts = alerts < 0 ? null : alerts,
        Outcome = outcome < 0 ? null : outcome == 1 ? Events.Outcomes.Success : Events.Outcomes.Failure,
    };
}
