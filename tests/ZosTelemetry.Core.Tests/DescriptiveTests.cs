// Mean, median, variance and type-7 quantiles against values worked by hand.
using ZosTelemetry.Statistics;

namespace ZosTelemetry.Tests;

public sealed class DescriptiveTests
{
    [Fact]
    public void Mean_FourValues_IsTheirSumOverFour()
    {
        // (1 + 2 + 3 + 10) / 4 = 16 / 4 = 4
        Assert.Equal(4.0, Descriptive.Mean([1, 2, 3, 10]));
    }

    [Fact]
    public void Mean_Empty_IsNaN()
    {
        Assert.True(double.IsNaN(Descriptive.Mean([])));
    }

    [Fact]
    public void Median_OddCount_IsTheMiddleValue()
    {
        // sorted: 1 2 [3] 7 9
        Assert.Equal(3.0, Descriptive.Median([9, 1, 7, 3, 2]));
    }

    [Fact]
    public void Median_EvenCount_IsTheMeanOfTheTwoMiddleValues()
    {
        // sorted: 1 [2 4] 10 → (2 + 4) / 2 = 3
        Assert.Equal(3.0, Descriptive.Median([10, 4, 1, 2]));
    }

    [Fact]
    public void Median_Input_KeepsItsOrder()
    {
        double[] xs = [3, 1, 2];

        Descriptive.Median(xs);

        Assert.Equal([3.0, 1.0, 2.0], xs);
    }

    [Fact]
    public void Median_Empty_IsNaN()
    {
        Assert.True(double.IsNaN(Descriptive.Median([])));
    }

    [Fact]
    public void Variance_EightValues_IsUnbiasedSampleVariance()
    {
        // mean = 40 / 8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32; 32 / (8 − 1) = 4.571428…
        Assert.Equal(32.0 / 7.0, Descriptive.Variance([2, 4, 4, 4, 5, 5, 7, 9]), 12);
    }

    [Fact]
    public void Variance_OneValue_IsNaN()
    {
        Assert.True(double.IsNaN(Descriptive.Variance([5])));
    }

    [Theory]
    // [10, 20, 30, 40], h = (n − 1)p = 3p; Q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋])
    [InlineData(0.0, 10.0)]   // h = 0
    [InlineData(0.1, 13.0)]   // h = 0.3 → 10 + 0.3·10
    [InlineData(0.25, 17.5)]  // h = 0.75 → 10 + 0.75·10
    [InlineData(0.5, 25.0)]   // h = 1.5 → 20 + 0.5·10
    [InlineData(0.9, 37.0)]   // h = 2.7 → 30 + 0.7·10
    [InlineData(1.0, 40.0)]   // h = 3 → last
    public void QuantileOfSorted_FourValues_MatchesType7(double p, double expected)
    {
        Assert.Equal(expected, Descriptive.QuantileOfSorted([10, 20, 30, 40], p), 10);
    }

    [Fact]
    public void QuantileOfSorted_FivePointSevenFive_MatchesType7()
    {
        // [1, 2, 3, 4, 5], p = 0.975: h = 4·0.975 = 3.9 → 4 + 0.9·(5 − 4) = 4.9
        Assert.Equal(4.9, Descriptive.QuantileOfSorted([1, 2, 3, 4, 5], 0.975), 10);
    }

    [Fact]
    public void QuantileOfSorted_SingleValue_IsThatValue()
    {
        Assert.Equal(7.0, Descriptive.QuantileOfSorted([7], 0.975));
    }

    [Fact]
    public void QuantileOfSorted_Empty_IsNaN()
    {
        Assert.True(double.IsNaN(Descriptive.QuantileOfSorted([], 0.5)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(1001)]
    [InlineData(4096)]
    public void Median_RandomValuesWithDuplicates_EqualsTheMiddleOfTheSortedValues(int n)
    {
        var rng = new Random(n);
        for (int round = 0; round < 20; round++)
        {
            double[] xs = Enumerable.Range(0, n).Select(_ => (double)rng.Next(0, 1 + (n / 3))).ToArray();
            double[] sorted = xs.Order().ToArray();
            double expected = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;

            Assert.Equal(expected, Descriptive.Median(xs));
        }
    }

    [Fact]
    public void Median_SortedReversedAndConstantMillion_IsTheMiddle()
    {
        const int n = 1_000_000;
        double[] ascending = Enumerable.Range(0, n).Select(i => (double)i).ToArray();

        Assert.Equal(499_999.5, Descriptive.Median(ascending));
        Assert.Equal(499_999.5, Descriptive.Median(ascending.Reverse().ToArray()));
        Assert.Equal(3.0, Descriptive.Median(Enumerable.Repeat(3.0, n).ToArray()));
    }

    [Fact]
    public void Median_OrganPipe_IsTheMiddle()
    {
        // 0 1 2 … 499 499 … 2 1 0: a classic bad case for naive pivots; each value twice, so the median is 249.5.
        double[] xs = [.. Enumerable.Range(0, 500).Select(i => (double)i), .. Enumerable.Range(0, 500).Select(i => (double)(499 - i))];

        Assert.Equal(249.5, Descriptive.Median(xs));
    }
}
