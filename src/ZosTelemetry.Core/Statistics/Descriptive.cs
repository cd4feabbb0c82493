// Plain descriptive statistics over a sample held in an array.
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

    /// <summary>Median; sorts a copy, so the input keeps its order.</summary>
    public static double Median(ReadOnlySpan<double> xs)
    {
        if (xs.IsEmpty)
        {
            return double.NaN;
        }

        double[] sorted = xs.ToArray();
        Array.Sort(sorted);
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
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
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
