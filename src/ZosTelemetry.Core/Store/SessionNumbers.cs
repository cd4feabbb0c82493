// The numbers of one session summary that statistics use, kept as a struct so a million of them cost a few tens of
// megabytes instead of a million objects with strings.
using ZosTelemetry.Sessions;

namespace ZosTelemetry.Store;

internal readonly struct SessionNumbers
{
    private readonly long turns, userTurns, corrections, events, tokensIn, tokensOut, lastTicks, closedTicks;
    private readonly double cost, duration;
    private readonly int detectorVersion;

    public SessionNumbers(in SessionFacts f, bool isA)
    {
        IsA = isA;
        Key = KeyHash.Hash128(f.SessionId);
        FirstTicks = f.FirstTicks;
        turns = f.Turns;
        userTurns = f.UserTurns;
        corrections = f.Corrections;
        events = f.Events;
        tokensIn = f.TokensIn;
        tokensOut = f.TokensOut;
        lastTicks = f.LastTicks;
        closedTicks = f.ClosedTicks;
        cost = f.CostUsd;
        duration = f.DurationSeconds;
        detectorVersion = (int)f.DetectorVersion;
    }

    public bool IsA { get; }

    public UInt128 Key { get; }

    public long FirstTicks { get; }

    public SessionSummary ToSummary(string system) => new()
    {
        System = system,
        DetectorVersion = detectorVersion,
        Turns = turns,
        UserTurns = userTurns,
        Corrections = corrections,
        Events = events,
        TokensIn = tokensIn,
        TokensOut = tokensOut,
        CostUsd = cost,
        DurationSeconds = duration,
        FirstTimestamp = new DateTimeOffset(FirstTicks, TimeSpan.Zero),
        LastTimestamp = new DateTimeOffset(lastTicks, TimeSpan.Zero),
        ClosedAt = new DateTimeOffset(closedTicks, TimeSpan.Zero),
    };
}
