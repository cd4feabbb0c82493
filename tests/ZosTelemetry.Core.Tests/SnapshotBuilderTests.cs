// The snapshot's numbers against a straightforward computation of the formulas, written here independently of the
// builder (LINQ over the whole fixture, percentiles from their textbook definition), on a fixture with the cases
// that go wrong: no records, one record, records without confidence or probabilities, features missing or null,
// ties in the median, and a zero probability that needs the clip.
using ZosTelemetry.Events;
using ZosTelemetry.Snapshots;

namespace ZosTelemetry.Tests;

public sealed class SnapshotBuilderTests
{
    private static readonly SnapshotOptions Router = new() { System = "router", SchemaVersion = "v3" };

    private static readonly string[] Labels = ["a", "b", "unknown", "c"];

    private static PredictionRecord R(string label, double? confidence = null, double[]? p = null, Dictionary<string, double?>? f = null, DateTimeOffset? ts = null) =>
        new() { Label = label, Confidence = confidence, Probabilities = p, Features = f, Timestamp = ts };

    private static readonly PredictionRecord[] Fixture =
    [
        R("premium", 0.91, [0.91, 0.06, 0.03], new() { ["len"] = 12, ["lang"] = null }, Make.Utc(2026, 6, 10, 10)),
        R("basic", 0.55, [0.40, 0.55, 0.05], new() { ["len"] = 3 }, Make.Utc(2026, 6, 10, 10, 5)),
        R("unknown"),
        R("premium", 0.55, [1.0, 0.0, 0.0], new() { ["len"] = null, ["ctx"] = 2 }, Make.Utc(2026, 6, 10, 9)),
        R("basic", 0.80),
    ];

    [Fact]
    public void Build_Fixture_EqualsTheFormulasComputedDirectly()
    {
        var s = Snapshot(Fixture);
        var expected = Naive(Fixture, "unknown");

        Assert.Equal(5, s.TotalWindows);
        Assert.Equal(Make.Utc(2026, 6, 10, 9), s.WindowStart);
        Assert.Equal(Make.Utc(2026, 6, 10, 10, 5), s.WindowEnd);
        Assert.Equal(expected.Missing, s.FeatureMissingness);
        Assert.Equal(expected.Classes, s.ClassDistribution);
        Assert.Equal(expected.Reject, s.RejectRate);
        Assert.Equal(expected.Entropy, s.MeanEntropy);
        Assert.NotNull(s.ConfidenceStats);
        Assert.Equal(expected.Stats, Stats(s));
        Assert.Equal("v3", s.SchemaVersion);
    }

    [Fact]
    public void Build_Fixture_HasTheHandComputedFigures()
    {
        var s = Snapshot(Fixture);

        // ctx is named once (4 of 5 records miss it), lang is null where named, len is null once and absent twice.
        Assert.Equal(new Dictionary<string, double> { ["ctx"] = 0.8, ["lang"] = 1.0, ["len"] = 0.6 }, s.FeatureMissingness);
        Assert.Equal(new[] { "basic", "premium", "unknown" }, s.ClassDistribution.Keys);
        Assert.Equal(new[] { 0.4, 0.4, 0.2 }, s.ClassDistribution.Values);
        Assert.Equal(0.2, s.RejectRate);
        // Sorted confidences 0.55 0.55 0.80 0.91: the median lies between the tie's second 0.55 and 0.80.
        Assert.Equal(0.675, s.ConfidenceStats!.Median);
        Assert.Equal(0.7025, s.ConfidenceStats.Mean);
        Assert.Equal(0.55, s.ConfidenceStats.P5);
        Assert.Equal(0.8935, s.ConfidenceStats.P95);
    }

    [Fact]
    public void Build_NoRecords_IsZeroesAndNulls()
    {
        var s = Snapshot([]);

        Assert.Equal(0, s.TotalWindows);
        Assert.Null(s.WindowStart);
        Assert.Null(s.WindowEnd);
        Assert.Empty(s.FeatureMissingness);
        Assert.Empty(s.ClassDistribution);
        Assert.Null(s.ConfidenceStats);
        Assert.Equal(0, s.RejectRate);
        Assert.Equal(0, s.MeanEntropy);
    }

    [Fact]
    public void Build_OneRecord_PercentilesAllEqualItsConfidenceAndStdIsZero()
    {
        var one = new[] { R("premium", 0.73, [0.73, 0.27], new() { ["len"] = 5 }, Make.Utc(2026, 6, 10, 8)) };
        var s = Snapshot(one);

        Assert.Equal(1, s.TotalWindows);
        Assert.Equal(s.WindowStart, s.WindowEnd);
        Assert.Equal(new[] { 0.73, 0.73, 0.73, 0.73, 0.0 }, Stats(s));
        Assert.Equal(Naive(one, "unknown").Entropy, s.MeanEntropy);
        Assert.Equal(new Dictionary<string, double> { ["premium"] = 1.0 }, s.ClassDistribution);
        Assert.Equal(new Dictionary<string, double> { ["len"] = 0.0 }, s.FeatureMissingness);
    }

    [Fact]
    public void Build_NoConfidenceNorProbabilities_StatsNullAndEntropyZero()
    {
        var s = Snapshot([R("a"), R("unknown"), R("a")]);

        Assert.Null(s.ConfidenceStats);
        Assert.Equal(0, s.MeanEntropy);
        Assert.Equal(0.3333, s.RejectRate);
        Assert.Equal(new Dictionary<string, double> { ["a"] = 0.6667, ["unknown"] = 0.3333 }, s.ClassDistribution);
    }

    [Fact]
    public void Build_OddTiesInTheMedian_MedianIsTheTiedValue()
    {
        var records = new[] { R("a", 0.7), R("a", 0.5), R("a", 0.7) };
        var s = Snapshot(records);

        Assert.Equal(0.7, s.ConfidenceStats!.Median);
        Assert.Equal(Naive(records, "unknown").Stats, Stats(s));
    }

    [Fact]
    public void Build_EntropyOfACertainPrediction_IsClippedNotNaN()
    {
        var s = Snapshot([R("a", 1.0, [1.0, 0.0])]);

        // -(1 ln 1) - (1e-12 ln 1e-12) = 2.76e-11, which rounds to 0 at 6 decimals.
        Assert.Equal(0, s.MeanEntropy);
        Assert.Equal(-(1e-12 * Math.Log(1e-12)), SnapshotBuilder.Entropy([1.0, 0.0]), 15);
    }

    [Fact]
    public void Build_RejectLabel_IsTheOneGiven()
    {
        var s = new SnapshotBuilder(Router with { RejectLabel = "abstain" }, Make.Now);
        foreach (var r in new[] { R("abstain"), R("unknown"), R("a"), R("abstain") })
        {
            s.Add(r);
        }

        Assert.Equal(0.5, s.Build(Make.Now).RejectRate);
    }

    [Fact]
    public void Build_RandomRecords_EqualTheFormulasComputedDirectly()
    {
        var random = new Random(FuzzSeed.Value);
        for (int round = 0; round < 50; round++)
        {
            var records = Enumerable.Range(0, random.Next(0, 40)).Select(_ => R(
                Labels[random.Next(4)],
                random.Next(3) == 0 ? null : Math.Round(random.NextDouble(), random.Next(1, 4)),
                random.Next(3) == 0 ? null : Enumerable.Range(0, 3).Select(_ => Math.Round(random.NextDouble(), 2)).ToArray(),
                random.Next(4) == 0 ? null : new Dictionary<string, double?> { ["x"] = random.Next(2) == 0 ? null : random.Next(10), [random.Next(2) == 0 ? "y" : "z"] = 1 })).ToArray();

            var s = Snapshot(records);
            var expected = Naive(records, "unknown");

            Assert.Equal(expected.Missing, s.FeatureMissingness);
            Assert.Equal(expected.Classes, s.ClassDistribution);
            Assert.Equal(expected.Reject, s.RejectRate);
            Assert.Equal(expected.Entropy, s.MeanEntropy);
            // Two ways of interpolating may round a value that lies on a half of the fourth decimal apart: one unit at most.
            double[]? actual = s.ConfidenceStats is null ? null : Stats(s);
            Assert.Equal(expected.Stats is null, actual is null);
            for (int i = 0; i < (actual?.Length ?? 0); i++)
            {
                Assert.True(Math.Abs(expected.Stats![i] - actual![i]) <= 1.0001e-4, $"round {round}, stat {i}: {expected.Stats[i]} vs {actual[i]}");
            }
        }
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("/etc/passwd")]
    [InlineData("https://example.com/x")]
    [InlineData("alice@example.com")]
    [InlineData("")]
    public void Add_LabelThatIsNotAName_IsRefused(string label)
    {
        var builder = new SnapshotBuilder(Router, Make.Now);

        var ex = Assert.Throws<TelemetryValidationException>(() => builder.Add(R(label)));

        Assert.Equal("label", ex.Field);
        Assert.Equal(0, builder.Records);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Add_ConfidenceOutsideZeroToOne_IsRefused(double confidence)
    {
        var builder = new SnapshotBuilder(Router, Make.Now);

        Assert.Equal("confidence", Assert.Throws<TelemetryValidationException>(() => builder.Add(R("a", confidence))).Field);
    }

    [Fact]
    public void Add_FeatureNameLikeASentence_IsRefused()
    {
        var builder = new SnapshotBuilder(Router, Make.Now);

        Assert.Equal("feature", Assert.Throws<TelemetryValidationException>(() => builder.Add(R("a", f: new() { ["the user asked for"] = 1 }))).Field);
    }

    [Fact]
    public void Add_MoreDistinctLabelsThanTheCap_IsRefused()
    {
        var builder = new SnapshotBuilder(Router, Make.Now);
        for (int i = 0; i < SnapshotRules.MaxClasses; i++)
        {
            builder.Add(R("class-" + i));
        }

        Assert.Throws<TelemetryValidationException>(() => builder.Add(R("one-too-many")));
        builder.Add(R("class-0"));
        Assert.Equal(SnapshotRules.MaxClasses + 1, builder.Records);
    }

    [Fact]
    public void Add_MoreDistinctFeaturesThanTheCap_IsRefused()
    {
        var builder = new SnapshotBuilder(Router, Make.Now);
        builder.Add(R("a", f: Enumerable.Range(0, SnapshotRules.MaxFeatures).ToDictionary(i => "f" + i, i => (double?)i)));

        Assert.Equal("features", Assert.Throws<TelemetryValidationException>(() => builder.Add(R("a", f: new() { ["extra"] = 1 }))).Field);
    }

    [Fact]
    public void Add_TimestampInTheFarFuture_IsRefused()
    {
        var builder = new SnapshotBuilder(Router, Make.Now);

        Assert.Equal("ts", Assert.Throws<TelemetryValidationException>(() => builder.Add(R("a", ts: Make.Now.AddDays(3)))).Field);
    }

    private static double[] Stats(QualitySnapshot s)
    {
        var c = s.ConfidenceStats!;
        return [c.Mean, c.Median, c.P5, c.P95, c.Std];
    }

    private static QualitySnapshot Snapshot(IEnumerable<PredictionRecord> records)
    {
        var builder = new SnapshotBuilder(Router, Make.Now);
        foreach (var r in records)
        {
            builder.Add(r);
        }

        return builder.Build(Make.Now);
    }

    private sealed record Expected(Dictionary<string, double> Missing, Dictionary<string, double> Classes, double Reject, double Entropy, double[]? Stats);

    // The formulas as the issue states them, computed over the whole fixture at once.
    private static Expected Naive(IReadOnlyList<PredictionRecord> records, string rejectLabel)
    {
        int n = records.Count;
        var names = records.SelectMany(r => r.Features?.Keys ?? []).Distinct();
        var missing = names.ToDictionary(name => name, name => Math.Round(records.Count(r => r.Features is null || !r.Features.TryGetValue(name, out var v) || v is null) / (double)n, 4));
        var classes = records.GroupBy(r => r.Label).ToDictionary(g => g.Key, g => Math.Round(g.Count() / (double)n, 4));
        double reject = n == 0 ? 0 : Math.Round(records.Count(r => r.Label == rejectLabel) / (double)n, 4);
        var withP = records.Where(r => r.Probabilities is { Count: > 0 }).ToList();
        double entropy = withP.Count == 0 ? 0 : Math.Round(withP.Average(r => -r.Probabilities!.Sum(p => Math.Min(Math.Max(p, 1e-12), 1) * Math.Log(Math.Min(Math.Max(p, 1e-12), 1)))), 6);
        var c = records.Where(r => r.Confidence is not null).Select(r => r.Confidence!.Value).OrderBy(v => v).ToList();
        double[]? stats = null;
        if (c.Count > 0)
        {
            double mean = c.Average();
            stats = [Math.Round(mean, 4), Math.Round(Quantile(c, 0.5), 4), Math.Round(Quantile(c, 0.05), 4), Math.Round(Quantile(c, 0.95), 4), Math.Round(Math.Sqrt(c.Sum(v => (v - mean) * (v - mean)) / c.Count), 4)];
        }

        return new Expected(missing, classes, reject, entropy, stats);
    }

    // The k-th of n sorted values sits at quantile k/(n-1); between two such points the value is interpolated linearly.
    private static double Quantile(List<double> sorted, double q)
    {
        if (sorted.Count == 1)
        {
            return sorted[0];
        }

        for (int k = 0; k < sorted.Count - 1; k++)
        {
            double at = k / (double)(sorted.Count - 1), next = (k + 1) / (double)(sorted.Count - 1);
            if (q >= at && q <= next)
            {
                return sorted[k] + ((q - at) / (next - at) * (sorted[k + 1] - sorted[k]));
            }
        }

        return sorted[^1];
    }
}
