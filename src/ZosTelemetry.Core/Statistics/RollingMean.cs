// Trailing rolling means over a daily series, for the trend charts' 7-day lines.
namespace ZosTelemetry.Statistics;

public static class RollingMean
{
    /// <summary>
    /// The mean of each value and the ones before it, over at most <paramref name="window"/> values (fewer at the start
    /// of the series, where there is no earlier day to average).
    /// </summary>
    public static double[] Trailing(IReadOnlyList<double> values, int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        var result = new double[values.Count];
        double sum = 0;
        for (int i = 0; i < values.Count; i++)
        {
            sum += values[i];
            if (i >= window)
            {
                sum -= values[i - window];
            }

            result[i] = sum / Math.Min(window, i + 1);
        }

        return result;
    }

    /// <summary>
    /// The ratio of trailing sums, Σ numerator / Σ denominator over at most <paramref name="window"/> days: a rate such as
    /// corrections per session weighted by sessions, so a day with one session does not count as much as a day with fifty.
    /// Null where the window's denominator is zero.
    /// </summary>
    public static double?[] TrailingRatio(IReadOnlyList<double> numerators, IReadOnlyList<double> denominators, int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        if (numerators.Count != denominators.Count)
        {
            throw new ArgumentException("The numerators and denominators must be as many.");
        }

        var result = new double?[numerators.Count];
        double num = 0, den = 0;
        for (int i = 0; i < numerators.Count; i++)
        {
            num += numerators[i];
            den += denominators[i];
            if (i >= window)
            {
                num -= numerators[i - window];
                den -= denominators[i - window];
            }

            result[i] = den > 0 ? num / den : null;
        }

        return result;
    }
}
