// Distribution.Of selects the quartiles' order statistics of a large sample instead of sorting it: the figures must be
// the ones the sorted path gives, bit for bit, whatever the sample's shape.
using ZosTelemetry.Statistics;

namespace ZosTelemetry.Core.Tests;

public sealed class DistributionTests
{
    public static TheoryData<int, int> Samples() => new()
    {
        { 9, 1 }, { 10, 2 }, { 11, 3 }, { 12, 4 }, { 401, 5 }, { 1000, 6 }, { 1001, 7 }, { 17_003, 8 },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Of_LargeSample_EqualsTheSortedFigures(int n, int seed)
    {
        var rng = new Random(seed);
        foreach (var values in new[]
        {
            Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 10).ToArray(),                  // distinct
            Enumerable.Range(0, n).Select(_ => (double)rng.Next(0, 4)).ToArray(),                 // many ties
            Enumerable.Range(0, n).Select(_ => rng.Next(0, 20) == 0 ? 1e6 * rng.NextDouble() : rng.NextDouble()).ToArray(), // outliers
            Enumerable.Range(0, n).Select(i => (double)(n - i)).ToArray(),                         // descending
            Enumerable.Repeat(2.5, n).ToArray(),                                                   // constant
        })
        {
            var sorted = Distribution.Of(values, keepValuesUpTo: int.MaxValue)!; // keeps the values: the sorted path
            var selected = Distribution.Of(values, keepValuesUpTo: 0)!;
            Assert.Equal(values.Length, sorted.Values.Count);
            Assert.Empty(selected.Values);
            Assert.Equal(
                new[] { sorted.N, BitConverter.DoubleToInt64Bits(sorted.Min), BitConverter.DoubleToInt64Bits(sorted.Q1), BitConverter.DoubleToInt64Bits(sorted.Median),
                    BitConverter.DoubleToInt64Bits(sorted.Q3), BitConverter.DoubleToInt64Bits(sorted.Max), BitConverter.DoubleToInt64Bits(sorted.WhiskerLow),
                    BitConverter.DoubleToInt64Bits(sorted.WhiskerHigh) },
                new[] { selected.N, BitConverter.DoubleToInt64Bits(selected.Min), BitConverter.DoubleToInt64Bits(selected.Q1), BitConverter.DoubleToInt64Bits(selected.Median),
                    BitConverter.DoubleToInt64Bits(selected.Q3), BitConverter.DoubleToInt64Bits(selected.Max), BitConverter.DoubleToInt64Bits(selected.WhiskerLow),
                    BitConverter.DoubleToInt64Bits(selected.WhiskerHigh) });
        }
    }

    [Fact]
    public void Of_LargeSampleWithNaN_KeepsTheSortedMeaning()
    {
        double[] values = [.. Enumerable.Range(0, 50).Select(i => (double)i), double.NaN];
        var d = Distribution.Of(values, keepValuesUpTo: 0)!;
        Assert.True(double.IsNaN(d.Min)); // sorted with NaN first, as before
        Assert.Equal(49, d.Max);
    }
}
