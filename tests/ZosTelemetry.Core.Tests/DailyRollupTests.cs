// per_day: one row per (UTC day, system), with totals checked against hand-computed figures.
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;

namespace ZosTelemetry.Tests;

public sealed class DailyRollupTests
{
    /// <summary>
    /// Expected groups, worked by hand:
    ///   2026-06-09 alpha: events 1+2 (s1 at 23:30Z, s2 at 22:30Z = 00:30+02:00 on the 10th locally) →
    ///     sessions 2, events 2, turns 2, user turns 1, corrections 1, tokens in 10+5=15, out 0+20=20, cost 0.1+0.2=0.3
    ///   2026-06-10 alpha: events 3+6 (s1, s4) →
    ///     sessions 2, events 2, turns 2, user turns 1, corrections 0, tokens in 1+2=3, out 0+3=3, cost 0.05+0.01=0.06
    ///   2026-06-10 beta: events 4+5 (s3; the tool call is not a turn) →
    ///     sessions 1, events 2, turns 1, user turns 1, corrections 1, tokens in 7, out 0, cost 0
    /// </summary>
    private static IReadOnlyList<DailySummary> Rollup() => DailyRollup.Compute(
    [
        Make.Event(sessionId: "s1", system: "alpha", kind: EventKinds.UserMessage, ts: Make.Utc(2026, 6, 9, 23, 30), tokensIn: 10, costUsd: 0.1, markers: ["corr.strong.1"]),
        Make.Event(sessionId: "s2", system: "alpha", kind: EventKinds.AssistantMessage, ts: new DateTimeOffset(2026, 6, 10, 0, 30, 0, TimeSpan.FromHours(2)), tokensIn: 5, tokensOut: 20, costUsd: 0.2),
        Make.Event(sessionId: "s1", system: "alpha", kind: EventKinds.UserMessage, ts: Make.Utc(2026, 6, 10, 1), tokensIn: 1, costUsd: 0.05),
        Make.Event(sessionId: "s3", system: "beta", kind: EventKinds.UserMessage, ts: Make.Utc(2026, 6, 10, 2), tokensIn: 7, markers: ["corr.strong.10"]),
        Make.Event(sessionId: "s3", system: "beta", kind: "tool_call", ts: Make.Utc(2026, 6, 10, 3)),
        Make.Event(sessionId: "s4", system: "alpha", kind: EventKinds.AssistantMessage, ts: Make.Utc(2026, 6, 10, 4), tokensIn: 2, tokensOut: 3, costUsd: 0.01, markers: ["corr.strong.1"]),
    ]);

    [Fact]
    public void Compute_EventsOverTwoDaysAndSystems_OneGroupPerUtcDayAndSystemInOrder()
    {
        var groups = Rollup();

        Assert.Equal(
            [(new DateOnly(2026, 6, 9), "alpha"), (new DateOnly(2026, 6, 10), "alpha"), (new DateOnly(2026, 6, 10), "beta")],
            groups.Select(g => (g.Date, g.System)));
    }

    [Fact]
    public void Compute_FirstDayAlpha_TotalsMatchHandComputed()
    {
        var g = Rollup()[0];

        Assert.Equal(2, g.Sessions);
        Assert.Equal(2, g.Events);
        Assert.Equal(2, g.Turns);
        Assert.Equal(1, g.UserTurns);
        Assert.Equal(1, g.Corrections);
        Assert.Equal(15, g.TokensIn);
        Assert.Equal(20, g.TokensOut);
        Assert.Equal(0.3, g.CostUsd, 10);
    }

    [Fact]
    public void Compute_SecondDayAlpha_TotalsMatchHandComputed()
    {
        var g = Rollup()[1];

        Assert.Equal(2, g.Sessions);
        Assert.Equal(2, g.Events);
        Assert.Equal(2, g.Turns);
        Assert.Equal(1, g.UserTurns);
        Assert.Equal(0, g.Corrections);
        Assert.Equal(3, g.TokensIn);
        Assert.Equal(3, g.TokensOut);
        Assert.Equal(0.06, g.CostUsd, 10);
    }

    [Fact]
    public void Compute_SecondDayBeta_TotalsMatchHandComputed()
    {
        var g = Rollup()[2];

        Assert.Equal(1, g.Sessions);
        Assert.Equal(2, g.Events);
        Assert.Equal(1, g.Turns);
        Assert.Equal(1, g.UserTurns);
        Assert.Equal(1, g.Corrections);
        Assert.Equal(7, g.TokensIn);
        Assert.Equal(0, g.TokensOut);
        Assert.Equal(0, g.CostUsd);
    }

    [Fact]
    public void Compute_NoEvents_ReturnsEmpty()
    {
        Assert.Empty(DailyRollup.Compute([]));
    }
}
