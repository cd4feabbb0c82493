// Comparing two systems over hand-built session summaries: the figures, which sessions count, and the warnings.
using ZosTelemetry.Comparison;
using ZosTelemetry.Sessions;
using ZosTelemetry.Statistics;

namespace ZosTelemetry.Tests;

public sealed class SystemComparerTests
{
    private static readonly ComparisonOptions Options = new() { Now = Make.Now };

    internal static SessionSummary Session(
        string id,
        string system,
        long corrections = 0,
        long userTurns = 0,
        long turns = 0,
        double cost = 0,
        long tokensIn = 0,
        long tokensOut = 0,
        double duration = 0,
        DateTimeOffset? last = null,
        int detectorVersion = 1)
    {
        var lastTs = last ?? Make.Now.AddHours(-1);
        return new SessionSummary
        {
            SessionId = id,
            System = system,
            DetectorVersion = detectorVersion,
            Corrections = corrections,
            UserTurns = userTurns,
            Turns = turns,
            Events = turns,
            CostUsd = cost,
            TokensIn = tokensIn,
            TokensOut = tokensOut,
            DurationSeconds = duration,
            FirstTimestamp = lastTs.AddSeconds(-duration),
            LastTimestamp = lastTs,
            ClosedAt = lastTs,
        };
    }

    /// <summary>
    /// alpha: a1 (2 corrections / 4 user turns, 8 turns, $0.10, 100+200 tokens), a2 (0 / 2, 4 turns, $0.30, 50+50),
    ///        a3 (no user turns at all: 0 turns, $0.20, 0 tokens).
    /// beta:  b1 (1 / 5, 10 turns, $0.05, 300+100), b2 (3 / 5, 10 turns, $0.15, 100+100).
    /// gamma: g1, which belongs to neither side and must be ignored.
    /// </summary>
    internal static IReadOnlyList<SessionSummary> HandBuilt() =>
    [
        Session("a1", "alpha", corrections: 2, userTurns: 4, turns: 8, cost: 0.10, tokensIn: 100, tokensOut: 200, duration: 60),
        Session("a2", "alpha", corrections: 0, userTurns: 2, turns: 4, cost: 0.30, tokensIn: 50, tokensOut: 50, duration: 120),
        Session("a3", "alpha", corrections: 0, userTurns: 0, turns: 0, cost: 0.20),
        Session("b1", "beta", corrections: 1, userTurns: 5, turns: 10, cost: 0.05, tokensIn: 300, tokensOut: 100, duration: 30),
        Session("b2", "beta", corrections: 3, userTurns: 5, turns: 10, cost: 0.15, tokensIn: 100, tokensOut: 100, duration: 90),
        Session("g1", "gamma", corrections: 9, userTurns: 9, turns: 9, cost: 9),
    ];

    private static MetricComparison Metric(ComparisonReport r, string name) => Assert.Single(r.Metrics, m => m.Metric == name);

    [Fact]
    public void Compare_HandBuiltSessions_CountsSessionsPerSystem()
    {
        var r = SystemComparer.Compare(HandBuilt(), "alpha", "beta", Options);

        Assert.Equal(3, r.A.Sessions);
        Assert.Equal(2, r.B.Sessions);
    }

    [Fact]
    public void Compare_HandBuiltSessions_CorrectionsPerSessionMatchHand()
    {
        // alpha [2, 0, 0]: mean 2/3, median 0.  beta [1, 3]: mean 2, median 2.  diff 2/3 − 2 = −4/3.
        var m = Metric(SystemComparer.Compare(HandBuilt(), "alpha", "beta", Options), "corrections_per_session");

        Assert.Equal(2.0 / 3.0, m.MeanA, 12);
        Assert.Equal(0.0, m.MedianA);
        Assert.Equal(2.0, m.MeanB, 12);
        Assert.Equal(2.0, m.MedianB);
        Assert.Equal(-4.0 / 3.0, m.Difference, 12);
    }

    [Fact]
    public void Compare_HandBuiltSessions_CorrectionRateExcludesSessionsWithoutUserTurns()
    {
        // alpha: a3 has no user turns and drops out → [2/4, 0/2] = [0.5, 0]: n 2, mean 0.25, median 0.25.
        // beta [1/5, 3/5] = [0.2, 0.6]: mean 0.4, median 0.4.  diff 0.25 − 0.4 = −0.15.
        var r = SystemComparer.Compare(HandBuilt(), "alpha", "beta", Options);
        var m = Metric(r, "correction_rate_per_user_turn");

        Assert.Equal(2, r.A["correction_rate_per_user_turn"].N);
        Assert.Equal(0.25, m.MeanA, 12);
        Assert.Equal(0.25, m.MedianA, 12);
        Assert.Equal(0.4, m.MeanB, 12);
        Assert.Equal(0.4, m.MedianB, 12);
        Assert.Equal(-0.15, m.Difference, 12);
    }

    [Fact]
    public void Compare_HandBuiltSessions_CostPerSessionMatchesHand()
    {
        // alpha [0.10, 0.30, 0.20]: mean 0.60/3 = 0.20, median 0.20.  beta [0.05, 0.15]: mean 0.10, median 0.10.  diff 0.10.
        var m = Metric(SystemComparer.Compare(HandBuilt(), "alpha", "beta", Options), "cost_usd_per_session");

        Assert.Equal(0.20, m.MeanA, 12);
        Assert.Equal(0.20, m.MedianA, 12);
        Assert.Equal(0.10, m.MeanB, 12);
        Assert.Equal(0.10, m.MedianB, 12);
        Assert.Equal(0.10, m.Difference, 12);
    }

    [Fact]
    public void Compare_HandBuiltSessions_TokensPerSessionMatchesHand()
    {
        // alpha [300, 100, 0]: mean 400/3, median 100.  beta [400, 200]: mean 300, median 300.  diff 400/3 − 300 = −500/3.
        var m = Metric(SystemComparer.Compare(HandBuilt(), "alpha", "beta", Options), "tokens_per_session");

        Assert.Equal(400.0 / 3.0, m.MeanA, 9);
        Assert.Equal(100.0, m.MedianA);
        Assert.Equal(300.0, m.MeanB);
        Assert.Equal(300.0, m.MedianB);
        Assert.Equal(-500.0 / 3.0, m.Difference, 9);
    }

    [Fact]
    public void Compare_HandBuiltSessions_TurnsPerSessionMatchesHand()
    {
        // alpha [8, 4, 0]: mean 4, median 4.  beta [10, 10]: mean 10, median 10.  diff −6.
        var r = SystemComparer.Compare(HandBuilt(), "alpha", "beta", Options);
        var m = Metric(r, "turns_per_session");

        Assert.Equal(4.0, m.MeanA);
        Assert.Equal(4.0, m.MedianA);
        Assert.Equal(10.0, m.MeanB);
        Assert.Equal(10.0, m.MedianB);
        Assert.Equal(-6.0, m.Difference);
        Assert.Equal(4.0, r.A.TurnsPerSession);
    }

    [Fact]
    public void Compare_HandBuiltSessions_DurationPerSessionMatchesHand()
    {
        // alpha [60, 120, 0]: mean 60, median 60.  beta [30, 90]: mean 60, median 60.  diff 0.
        var m = Metric(SystemComparer.Compare(HandBuilt(), "alpha", "beta", Options), "duration_s_per_session");

        Assert.Equal(60.0, m.MeanA, 12);
        Assert.Equal(60.0, m.MedianA, 12);
        Assert.Equal(60.0, m.MeanB, 12);
        Assert.Equal(0.0, m.Difference, 12);
    }

    [Fact]
    public void Compare_HandBuiltSessions_EveryMetricHasABootstrapInterval()
    {
        var r = SystemComparer.Compare(HandBuilt(), "alpha", "beta", Options);

        Assert.Equal(ComparisonMetric.All.Select(m => m.Name), r.Metrics.Select(m => m.Metric));
        // The hand-built sessions are chat sessions: the agent-run metrics have no values, hence no interval.
        Assert.All(r.Metrics, m => Assert.Equal(ComparisonMetric.Get(m.Metric).IsAgentRun ? IntervalMethod.None : IntervalMethod.Bootstrap, m.Method));
        Assert.Equal(["bootstrap"], r.IntervalMethods);
    }

    [Fact]
    public void Compare_SameInputsTwice_SameIntervals()
    {
        var first = SystemComparer.Compare(HandBuilt(), "alpha", "beta", Options);
        var second = SystemComparer.Compare(HandBuilt(), "alpha", "beta", Options);

        Assert.Equal(first.Metrics.Select(m => (m.CiLow, m.CiHigh)), second.Metrics.Select(m => (m.CiLow, m.CiHigh)));
    }

    [Fact]
    public void Compare_WindowDays_FiltersByLastTimestampRelativeToNow()
    {
        var sessions = new[]
        {
            Session("a-old", "alpha", last: Make.Now.AddDays(-8)),
            Session("a-edge", "alpha", last: Make.Now.AddDays(-7)),
            Session("a-new", "alpha", last: Make.Now.AddDays(-6)),
            Session("b-old", "beta", last: Make.Now.AddDays(-30)),
            Session("b-new", "beta", last: Make.Now.AddHours(-1)),
        };

        var r = SystemComparer.Compare(sessions, "alpha", "beta", Options with { WindowDays = 7 });

        Assert.Equal(2, r.A.Sessions);
        Assert.Equal(1, r.B.Sessions);
        Assert.Equal(7, r.WindowDays);
    }

    [Fact]
    public void Compare_NoWindow_IncludesAllTime()
    {
        var sessions = new[] { Session("a-ancient", "alpha", last: Make.Utc(2001, 1, 1)), Session("b", "beta") };

        Assert.Equal(1, SystemComparer.Compare(sessions, "alpha", "beta", Options).A.Sessions);
    }

    [Fact]
    public void Compare_NegativeWindow_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SystemComparer.Compare(HandBuilt(), "alpha", "beta", Options with { WindowDays = -1 }));
    }

    private static IEnumerable<SessionSummary> Many(string system, int count, int detectorVersion = 1) =>
        Enumerable.Range(0, count).Select(i => Session($"{system}-{i}", system, corrections: i % 3, userTurns: 3, turns: 6, cost: 0.01 * i, detectorVersion: detectorVersion));

    [Fact]
    public void Compare_NineteenSessionsPerSide_FlagsSmallSampleWithWarnings()
    {
        var r = SystemComparer.Compare(Many("alpha", 19).Concat(Many("beta", 19)), "alpha", "beta", Options);

        Assert.True(r.A.SmallSample);
        Assert.True(r.B.SmallSample);
        Assert.True(r.IsSmallSample);
        Assert.Equal(2, r.Warnings.Count(w => w.StartsWith("Small sample", StringComparison.Ordinal)));
        Assert.Contains(r.Warnings, w => w.Contains("'alpha' has 19 sessions (fewer than 20)", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_TwentySessionsPerSide_NoSmallSampleFlagOrWarning()
    {
        var r = SystemComparer.Compare(Many("alpha", SystemComparer.SmallSampleN).Concat(Many("beta", SystemComparer.SmallSampleN)), "alpha", "beta", Options);

        Assert.False(r.IsSmallSample);
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void Compare_TwentyOnOneSideNineteenOnTheOther_FlagsOnlyTheSmallSide()
    {
        var r = SystemComparer.Compare(Many("alpha", 20).Concat(Many("beta", 19)), "alpha", "beta", Options);

        Assert.False(r.A.SmallSample);
        Assert.True(r.B.SmallSample);
        Assert.Contains("'beta'", Assert.Single(r.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_DifferentDetectorVersions_WarnsThatCorrectionsAreNotComparable()
    {
        var r = SystemComparer.Compare(Many("alpha", 20, detectorVersion: 1).Concat(Many("beta", 20, detectorVersion: 2)), "alpha", "beta", Options);

        var warning = Assert.Single(r.Warnings);
        Assert.StartsWith("Detector versions differ", warning, StringComparison.Ordinal);
        Assert.Contains("not directly comparable", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_MixedDetectorVersionsOnBothSides_WarnsThatRuleSetsMix()
    {
        var alpha = Many("alpha", 10, detectorVersion: 1).Concat(Many("alpha", 10, detectorVersion: 2));
        var beta = Many("beta", 10, detectorVersion: 1).Concat(Many("beta", 10, detectorVersion: 2));

        var r = SystemComparer.Compare(alpha.Concat(beta), "alpha", "beta", Options);

        Assert.Contains("several detector versions", Assert.Single(r.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_SystemWithNoSessions_WarnsNothingToCompare()
    {
        var r = SystemComparer.Compare(Many("alpha", 20), "alpha", "beta", Options);

        Assert.Equal(0, r.B.Sessions);
        Assert.Equal("No closed sessions for system 'beta' in the window: nothing to compare.", Assert.Single(r.Warnings));
    }

    [Fact]
    public void Compare_SystemWithNoSessions_IntervalsAreUnavailable()
    {
        var r = SystemComparer.Compare(Many("alpha", 20), "alpha", "beta", Options);

        Assert.All(r.Metrics, m =>
        {
            Assert.Equal(IntervalMethod.None, m.Method);
            Assert.False(m.Significant);
            Assert.True(double.IsNaN(m.MeanB));
            Assert.True(double.IsNaN(m.Difference));
        });
        Assert.Empty(r.IntervalMethods);
    }

    [Fact]
    public void Compare_ClearlyBetterSystem_MarksTheDifferenceSignificant()
    {
        var better = Enumerable.Range(0, 25).Select(i => Session($"a{i}", "alpha", corrections: i % 2, userTurns: 5));
        var worse = Enumerable.Range(0, 25).Select(i => Session($"b{i}", "beta", corrections: 5 + (i % 2), userTurns: 5));

        var m = Metric(SystemComparer.Compare(better.Concat(worse), "alpha", "beta", Options), "corrections_per_session");

        Assert.True(m.Significant);
        Assert.True(m.CiHigh < 0);
    }

    [Fact]
    public void Compare_SameSystemOnBothSides_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => SystemComparer.Compare(HandBuilt(), "alpha", "alpha", Options));
    }

    [Fact]
    public void Compare_SidesAboveTheBootstrapLimit_UseWelchNormal()
    {
        var r = SystemComparer.Compare(HandBuilt(), "alpha", "beta", Options with { BootstrapLimit = 1 });

        Assert.Equal(["welch-normal"], r.IntervalMethods);
    }
}
