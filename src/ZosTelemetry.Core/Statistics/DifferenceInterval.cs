// 95% confidence intervals for the difference of two means (A − B). Small and medium samples get a percentile
// bootstrap with a fixed seed (no normality assumption, same answer every run); large samples get the normal
// approximation with Welch's standard error, which is accurate there and costs O(n) instead of O(resamples × n).
namespace ZosTelemetry.Statistics;

public enum IntervalMethod
{
    None,
    Bootstrap,
    WelchNormal,
}

public readonly record struct Interval(double Low, double High, IntervalMethod Method)
{
    public static readonly Interval Unavailable = new(double.NaN, double.NaN, IntervalMethod.None);

    public bool IsAvailable => Method != IntervalMethod.None;

    /// <summary>True when the interval lies wholly on one side of zero.</summary>
    public bool ExcludesZero => IsAvailable && (Low > 0 || High < 0);
}

public static class DifferenceInterval
{
    public const int DefaultResamples = 2000;
    public const int DefaultSeed = 20260610;

    /// <summary>Above this many sessions on either side the bootstrap gives way to the normal approximation.</summary>
    public const int DefaultBootstrapLimit = 5000;

    public const double Z975 = 1.959963984540054;

    public static Interval Compute(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int bootstrapLimit = DefaultBootstrapLimit, int resamples = DefaultResamples, int seed = DefaultSeed)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return Interval.Unavailable;
        }

        return a.Length <= bootstrapLimit && b.Length <= bootstrapLimit
            ? Bootstrap(a, b, resamples, seed)
            : WelchNormal(a, b);
    }

    public static Interval Bootstrap(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int resamples = DefaultResamples, int seed = DefaultSeed)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return Interval.Unavailable;
        }

        // System.Random with a seed uses the same algorithm on every .NET version, so reports are reproducible.
        var rng = new Random(seed);
        var diffs = new double[resamples];
        for (int i = 0; i < resamples; i++)
        {
            diffs[i] = ResampledMean(a, rng) - ResampledMean(b, rng);
        }

        Array.Sort(diffs);
        return new Interval(Descriptive.QuantileOfSorted(diffs, 0.025), Descriptive.QuantileOfSorted(diffs, 0.975), IntervalMethod.Bootstrap);
    }

    public static Interval WelchNormal(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length < 2 || b.Length < 2)
        {
            return Interval.Unavailable;
        }

        double diff = Descriptive.Mean(a) - Descriptive.Mean(b);
        double se = Math.Sqrt((Descriptive.Variance(a) / a.Length) + (Descriptive.Variance(b) / b.Length));
        return new Interval(diff - (Z975 * se), diff + (Z975 * se), IntervalMethod.WelchNormal);
    }

    private static double ResampledMean(ReadOnlySpan<double> xs, Random rng)
    {
        double sum = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            sum += xs[rng.Next(xs.Length)];
        }

        return sum / xs.Length;
    }
}
