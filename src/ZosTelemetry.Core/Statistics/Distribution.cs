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
}
