// Plain descriptive statistics over a sample held in an array.
using System.Numerics;

namespace ZosTelemetry.Statistics;

public static class Descriptive
{
    public static double Mean(ReadOnlySpan<double> xs)
    {
        if (xs.IsEmpty)
        {
            return double.NaN;
        }

        double sum = 0;
        foreach (double x in xs)
        {
            sum += x;
        }

        return sum / xs.Length;
    }

    /// <summary>
    /// Median of a copy, so the input keeps its order. Selection, not sorting: O(n) expected, which matters at the
    /// million-session scale where a comparison takes 14 medians (a full sort of each would cost more than the rest).
    /// </summary>
    public static double Median(ReadOnlySpan<double> xs) => Median(xs, xs.IsEmpty ? [] : new double[xs.Length]);

    /// <summary>The median, with <paramref name="scratch"/> (at least as long as the input) for the copy.</summary>
    internal static double Median(ReadOnlySpan<double> xs, Span<double> scratch)
    {
        if (xs.IsEmpty)
        {
            return double.NaN;
        }

        var work = scratch[..xs.Length];
        xs.CopyTo(work);
        int mid = work.Length / 2;
        if (ContainsNaN(work))
        {
            // NaN has no place in an order; keep the old meaning (sorted with NaN first) rather than invent one.
            work.Sort();
            return work.Length % 2 == 1 ? work[mid] : (work[mid - 1] + work[mid]) / 2;
        }

        double upper = Select(work, mid);
        if (work.Length % 2 == 1)
        {
            return upper;
        }

        // After selection everything left of mid is <= work[mid]; the lower middle is the largest of them.
        double lower = work[0];
        for (int i = 1; i < mid; i++)
        {
            lower = Math.Max(lower, work[i]);
        }

        return (lower + upper) / 2;
    }

    /// <summary>
    /// Rearranges values so that values[k] is the k-th smallest, smaller ones before it and larger ones after it
    /// (Hoare's selection with a median-of-three pivot; falls back to sorting the range if it stops shrinking).
    /// </summary>
    internal static double Select(Span<double> values, int k)
    {
        int lo = 0, hi = values.Length - 1, budget = 2 * (BitOperations.Log2((uint)values.Length) + 1);
        while (hi > lo)
        {
            if (--budget < 0)
            {
                values.Slice(lo, hi - lo + 1).Sort();
                return values[k];
            }

            int m = lo + ((hi - lo) / 2);
            if (values[m] < values[lo]) { (values[m], values[lo]) = (values[lo], values[m]); }
            if (values[hi] < values[lo]) { (values[hi], values[lo]) = (values[lo], values[hi]); }
            if (values[hi] < values[m]) { (values[hi], values[m]) = (values[m], values[hi]); }
            double pivot = values[m];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot) { i++; }
                while (values[j] > pivot) { j--; }
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }

    private static bool ContainsNaN(ReadOnlySpan<double> xs)
    {
        foreach (double x in xs)
        {
            if (double.IsNaN(x))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Unbiased sample variance (n − 1 denominator); NaN below two values.</summary>
    public static double Variance(ReadOnlySpan<double> xs)
    {
        if (xs.Length < 2)
        {
            return double.NaN;
        }

        double mean = Mean(xs), ss = 0;
        foreach (double x in xs)
        {
            ss += (x - mean) * (x - mean);
        }

        return ss / (xs.Length - 1);
    }

    /// <summary>Quantile by linear interpolation between order statistics (Hyndman–Fan type 7, as R and NumPy default) of a sorted sample.</summary>
    public static double QuantileOfSorted(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.IsEmpty)
        {
            return double.NaN;
        }

        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return Between(sorted[lo], sorted[hi], h, lo);
    }

    /// <summary>Type 7's interpolation between the order statistics lo and lo + 1 at position h.</summary>
    internal static double Between(double lower, double upper, double h, int lo) => lower + ((h - lo) * (upper - lower));
}
