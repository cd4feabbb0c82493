// 95% intervals of a difference of means: Welch against hand arithmetic, the bootstrap's reproducibility and
// sanity, and which method Compute picks.
using ZosTelemetry.Statistics;

namespace ZosTelemetry.Tests;

public sealed class DifferenceIntervalTests
{
    private static readonly double[] Low = [1, 2, 3, 4, 5, 2, 3, 1, 4, 2, 3, 5, 1, 2, 4, 3, 2, 1, 3, 4];
    private static readonly double[] High = [11, 12, 10, 14, 13, 12, 11, 15, 10, 13, 12, 14, 11, 13, 12, 10, 14, 11, 12, 13];

    [Fact]
    public void WelchNormal_HandWorkedCase_MatchesArithmetic()
    {
        // a = [1,2,3,4,5]: mean 3, variance (4+1+0+1+4)/4 = 2.5
        // b = [2,4,6]:     mean 4, variance (4+0+4)/2 = 4
        // diff = 3 − 4 = −1; se = √(2.5/5 + 4/3) = √(11/6) = 1.35400640077266
        // 1.959963984540054 · 1.35400640077266 = 2.65380378035112 → [−3.65380378035112, 1.65380378035112]
        var ci = DifferenceInterval.WelchNormal([1, 2, 3, 4, 5], [2, 4, 6]);

        Assert.Equal(IntervalMethod.WelchNormal, ci.Method);
        Assert.Equal(-3.65380378035112, ci.Low, 12);
        Assert.Equal(1.65380378035112, ci.High, 12);
    }

    [Fact]
    public void WelchNormal_SideWithOneValue_IsUnavailable()
    {
        Assert.Equal(Interval.Unavailable, DifferenceInterval.WelchNormal([1, 2, 3], [4]));
    }

    [Fact]
    public void Bootstrap_SameInputsTwice_GivesTheSameInterval()
    {
        var first = DifferenceInterval.Bootstrap(Low, High);
        var second = DifferenceInterval.Bootstrap(Low, High);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Bootstrap_DifferentSeeds_GiveDifferentIntervals()
    {
        var first = DifferenceInterval.Bootstrap(Low, High, seed: 1);
        var second = DifferenceInterval.Bootstrap(Low, High, seed: 2);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Bootstrap_ReasonableSample_ContainsTheObservedDifference()
    {
        double[] a = [3, 5, 2, 8, 4, 6, 5, 3, 7, 4, 5, 6, 2, 4, 5];
        double[] b = [4, 6, 3, 5, 7, 4, 6, 5, 3, 6, 5, 4, 7, 5, 6];
        double observed = Descriptive.Mean(a) - Descriptive.Mean(b);

        var ci = DifferenceInterval.Bootstrap(a, b);

        Assert.Equal(IntervalMethod.Bootstrap, ci.Method);
        Assert.InRange(observed, ci.Low, ci.High);
        Assert.True(ci.Low < ci.High);
    }

    [Fact]
    public void Bootstrap_ConstantSamples_IsThePointDifference()
    {
        // Every resample of a constant sample has the same mean, so every resampled difference is 5 − 2 = 3.
        var ci = DifferenceInterval.Bootstrap([5, 5, 5, 5], [2, 2, 2]);

        Assert.Equal(3.0, ci.Low);
        Assert.Equal(3.0, ci.High);
    }

    [Fact]
    public void Bootstrap_ClearlySeparatedSamples_ExcludesZero()
    {
        var ci = DifferenceInterval.Bootstrap(Low, High);

        Assert.True(ci.ExcludesZero);
        Assert.True(ci.High < 0);
    }

    [Fact]
    public void Bootstrap_EmptySide_IsUnavailable()
    {
        Assert.Equal(Interval.Unavailable, DifferenceInterval.Bootstrap([], [1, 2]));
    }

    [Fact]
    public void Compute_BothSidesAtTheLimit_UsesBootstrap()
    {
        Assert.Equal(IntervalMethod.Bootstrap, DifferenceInterval.Compute(Low, High, bootstrapLimit: Low.Length).Method);
    }

    [Fact]
    public void Compute_OneSideAboveTheLimit_UsesWelchNormal()
    {
        var ci = DifferenceInterval.Compute(Low, High, bootstrapLimit: Low.Length - 1);

        Assert.Equal(DifferenceInterval.WelchNormal(Low, High), ci);
    }

    [Fact]
    public void Compute_DefaultLimit_UsesBootstrapForSmallSamples()
    {
        Assert.Equal(IntervalMethod.Bootstrap, DifferenceInterval.Compute(Low, High).Method);
    }

    [Fact]
    public void Compute_EmptyA_IsUnavailable()
    {
        var ci = DifferenceInterval.Compute([], High);

        Assert.False(ci.IsAvailable);
        Assert.Equal(Interval.Unavailable, ci);
    }

    [Fact]
    public void Compute_EmptyB_IsUnavailable()
    {
        Assert.Equal(Interval.Unavailable, DifferenceInterval.Compute(Low, []));
    }

    [Fact]
    public void Unavailable_ExcludesZero_IsFalse()
    {
        Assert.False(Interval.Unavailable.ExcludesZero);
    }

    [Fact]
    public void Compute_MillionPerSide_UsesWelchNormalWithTheClosedFormInterval()
    {
        // a = 0,1,…,9 repeated; b = a + 1. Each side: mean 4.5 (5.5), Σ(x − mean)² = n·8.25, variance 8.25·n/(n − 1).
        // diff = −1, se = √(2·variance/n), interval = −1 ± 1.959963984540054·se.
        const int n = 1_000_000;
        double[] a = Enumerable.Range(0, n).Select(i => (double)(i % 10)).ToArray();
        double[] b = a.Select(x => x + 1).ToArray();
        double se = Math.Sqrt(2 * (8.25 * n / (n - 1)) / n);

        var ci = DifferenceInterval.Compute(a, b);

        Assert.Equal(IntervalMethod.WelchNormal, ci.Method);
        Assert.Equal(-1 - (DifferenceInterval.Z975 * se), ci.Low, 9);
        Assert.Equal(-1 + (DifferenceInterval.Z975 * se), ci.High, 9);
    }
}
