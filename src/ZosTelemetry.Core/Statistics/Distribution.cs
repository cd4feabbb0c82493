// The shape of one sample for a box plot: quartiles (type 7, as QuantileOfSorted), Tukey's whiskers and, for small
// samples, the values themselves so that a chart can draw every session as a dot.
namespace ZosTelemetry.Statistics;

public sealed class Distribution
{
    /// <summary>Samples up to this size keep their values (sorted) for dot plots; larger ones keep only the summary.</summary>
    public const int DefaultKeepValuesUpTo = 400;

    public int N { get; init; }
    public double Min { get; init; }
    public double Q1 { get; init; }
    public double Median { get; init; }
    public double Q3 { get; init; }
    public double Max { get; init; }

    /// <summary>The smallest value within 1.5 IQR below Q1 (Tukey's lower whisker).</summary>
    public double WhiskerLow { get; init; }

    /// <summary>The largest value within 1.5 IQR above Q3 (Tukey's upper whisker).</summary>
    public double WhiskerHigh { get; init; }

    /// <summary>The sorted values when N is at most the keep limit; empty otherwise.</summary>
    public IReadOnlyList<double> Values { get; init; } = Array.Empty<double>();

    /// <summary>The distribution of a sample (null when it is empty). Sorts a copy: the caller's order is kept.</summary>
    public static Distribution? Of(ReadOnlySpan<double> values, int keepValuesUpTo = DefaultKeepValuesUpTo)
    {
        if (values.IsEmpty)
        {
            return null;
        }

        if (values.Length > Math.Max(keepValuesUpTo, MinSelected) && AllFinite(values))
        {
            return OfLarge(values);
        }

        double[] sorted = values.ToArray();
        Array.Sort(sorted);
        double q1 = Descriptive.QuantileOfSorted(sorted, 0.25), q3 = Descriptive.QuantileOfSorted(sorted, 0.75);
        double fence = 1.5 * (q3 - q1);
        int lo = 0, hi = sorted.Length - 1;
        while (lo < hi && sorted[lo] < q1 - fence)
        {
            lo++;
        }

        while (hi > lo && sorted[hi] > q3 + fence)
        {
            hi--;
        }

        return new Distribution
        {
            N = sorted.Length,
            Min = sorted[0],
            Q1 = q1,
            Median = Descriptive.QuantileOfSorted(sorted, 0.5),
            Q3 = q3,
            Max = sorted[^1],
            WhiskerLow = sorted[lo],
            WhiskerHigh = sorted[hi],
            Values = sorted.Length <= keepValuesUpTo ? sorted : Array.Empty<double>(),
        };
    }

    /// <summary>
    /// The same figures without sorting, for a sample that keeps no values: the order statistics the quartiles take, by
    /// selection (O(n)), and the whiskers by one scan. At 100,000 sessions the HTML report's head to head sorted 14
    /// samples of about 17,000 values (about 40 ms of CPU, most in sorting code compiled at run time).
    /// </summary>
    private static Distribution OfLarge(ReadOnlySpan<double> values)
    {
        var work = values.ToArray().AsSpan();
        int n = work.Length, lo3 = Rank(n, 0.75), lo2 = Rank(n, 0.5), lo1 = Rank(n, 0.25);
        // Select(k) leaves the k smallest values left of k: each lower quartile is selected within what the last left.
        double q3 = Quantile(work, lo3, (n - 1) * 0.75);
        double max = Largest(work[lo3..]);
        double median = Quantile(work[..(lo3 + 1)], lo2, (n - 1) * 0.5);
        double q1 = Quantile(work[..(lo2 + 1)], lo1, (n - 1) * 0.25);
        double min = Smallest(work[..(lo1 + 1)]);
        double fence = 1.5 * (q3 - q1), whiskerLow = double.PositiveInfinity, whiskerHigh = double.NegativeInfinity;
        foreach (double x in values)
        {
            whiskerLow = x >= q1 - fence && x < whiskerLow ? x : whiskerLow;
            whiskerHigh = x <= q3 + fence && x > whiskerHigh ? x : whiskerHigh;
        }

        return new Distribution { N = n, Min = min, Q1 = q1, Median = median, Q3 = q3, Max = max, WhiskerLow = whiskerLow, WhiskerHigh = whiskerHigh };
    }

    // From this size on the quartiles' order statistics lie apart (each lower one within what the next selection left).
    private const int MinSelected = 8;

    // Type 7's quantile p interpolates between the order statistics floor((n - 1) p) and the next (n > 1 here).
    private static int Rank(int n, double p) => (int)Math.Floor((n - 1) * p);

    /// <summary>The type 7 quantile at position h between the order statistics lo and lo + 1, which part holds.</summary>
    private static double Quantile(Span<double> part, int lo, double h) =>
        Descriptive.Between(Descriptive.Select(part, lo), Smallest(part[(lo + 1)..]), h, lo);

    private static double Largest(ReadOnlySpan<double> xs)
    {
        double max = double.NegativeInfinity;
        foreach (double x in xs)
        {
            max = Math.Max(max, x);
        }

        return max;
    }

    private static double Smallest(ReadOnlySpan<double> xs)
    {
        double min = double.PositiveInfinity;
        foreach (double x in xs)
        {
            min = Math.Min(min, x);
        }

        return min;
    }

    private static bool AllFinite(ReadOnlySpan<double> xs)
    {
        foreach (double x in xs)
        {
            if (!double.IsFinite(x))
            {
                return false;
            }
        }

        return true;
    }
}
