// Compares two systems over their closed sessions: mean and median per metric, the difference of means A − B,
// and its 95% interval, with warnings wherever the numbers should not be trusted at face value.
using System.Globalization;
using ZosTelemetry.Sessions;
using ZosTelemetry.Statistics;

namespace ZosTelemetry.Comparison;

public sealed record ComparisonOptions
{
    /// <summary>Only sessions whose last activity lies within this many days before Now.</summary>
    public int? WindowDays { get; init; }

    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    public int BootstrapLimit { get; init; } = DifferenceInterval.DefaultBootstrapLimit;

    public int Resamples { get; init; } = DifferenceInterval.DefaultResamples;

    public int Seed { get; init; } = DifferenceInterval.DefaultSeed;
}

public static class SystemComparer
{
    /// <summary>Below this many sessions on a side, every rendering says the sample is small.</summary>
    public const int SmallSampleN = 20;

    public static ComparisonReport Compare(IEnumerable<SessionSummary> sessions, string systemA, string systemB, ComparisonOptions? options = null)
    {
        options ??= new ComparisonOptions();
        if (string.Equals(systemA, systemB, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Both sides name the system '{systemA}'; compare two different systems.", nameof(systemB));
        }

        if (options.WindowDays is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The window must be zero or more days.");
        }

        DateTimeOffset? since = options.WindowDays is int days ? options.Now.AddDays(-days) : null;
        var a = new List<SessionSummary>();
        var b = new List<SessionSummary>();
        foreach (var s in sessions)
        {
            if (since is not null && s.LastTimestamp < since)
            {
                continue;
            }

            if (s.System == systemA)
            {
                a.Add(s);
            }
            else if (s.System == systemB)
            {
                b.Add(s);
            }
        }

        var metrics = ComparisonMetric.All;
        var statsA = new List<MetricSummary>(metrics.Count);
        var statsB = new List<MetricSummary>(metrics.Count);
        var comparisons = new List<MetricComparison>(metrics.Count);
        foreach (var metric in metrics)
        {
            double[] va = Values(a, metric), vb = Values(b, metric);
            var sa = Summarise(metric.Name, va);
            var sb = Summarise(metric.Name, vb);
            statsA.Add(sa);
            statsB.Add(sb);
            var ci = DifferenceInterval.Compute(va, vb, options.BootstrapLimit, options.Resamples, options.Seed);
            comparisons.Add(new MetricComparison
            {
                Metric = metric.Name,
                Label = metric.Label,
                SystemA = systemA,
                SystemB = systemB,
                MeanA = sa.Mean,
                MedianA = sa.Median,
                MeanB = sb.Mean,
                MedianB = sb.Median,
                Difference = sa.Mean - sb.Mean,
                CiLow = ci.Low,
                CiHigh = ci.High,
                Method = ci.Method,
                Significant = ci.ExcludesZero,
            });
        }

        var systemStatsA = Stats(systemA, a, statsA);
        var systemStatsB = Stats(systemB, b, statsB);
        return new ComparisonReport
        {
            SystemA = systemA,
            SystemB = systemB,
            WindowDays = options.WindowDays,
            GeneratedAt = options.Now,
            A = systemStatsA,
            B = systemStatsB,
            Metrics = comparisons,
            Warnings = [.. Warnings(systemStatsA, systemStatsB), .. UnpricedWarnings(systemA, a), .. UnpricedWarnings(systemB, b)],
        };
    }

    private static double[] Values(List<SessionSummary> sessions, ComparisonMetric metric)
    {
        var values = new List<double>(sessions.Count);
        foreach (var s in sessions)
        {
            if (metric.Value(s) is double v)
            {
                values.Add(v);
            }
        }

        return values.ToArray();
    }

    private static MetricSummary Summarise(string metric, double[] values) => new()
    {
        Metric = metric,
        N = values.Length,
        Mean = Descriptive.Mean(values),
        Median = Descriptive.Median(values),
    };

    private static SystemStatistics Stats(string system, List<SessionSummary> sessions, List<MetricSummary> metrics) => new()
    {
        System = system,
        Sessions = sessions.Count,
        SmallSample = sessions.Count < SmallSampleN,
        DetectorVersions = sessions.Select(s => s.DetectorVersion).Distinct().Order().ToList(),
        Metrics = metrics,
    };

    private static IEnumerable<string> UnpricedWarnings(string system, List<SessionSummary> sessions)
    {
        int unpriced = sessions.Count(s => s.UnpricedEvents > 0);
        if (unpriced > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"'{system}': {unpriced} session{(unpriced == 1 ? " has" : "s have")} events with no recorded cost and no known price; left out of Cost USD / session. Add their models to a prices.json and close the sessions again.");
        }
    }

    private static List<string> Warnings(SystemStatistics a, SystemStatistics b)
    {
        var warnings = new List<string>();
        foreach (var side in new[] { a, b })
        {
            if (side.Sessions == 0)
            {
                warnings.Add($"No closed sessions for system '{side.System}' in the window: nothing to compare.");
            }
            else if (side.SmallSample)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Small sample: '{side.System}' has {side.Sessions} session{(side.Sessions == 1 ? "" : "s")} (fewer than {SmallSampleN}); treat its figures and any difference as indicative only."));
            }
        }

        if (a.DetectorVersions.Count > 0 && b.DetectorVersions.Count > 0 && !a.DetectorVersions.SequenceEqual(b.DetectorVersions))
        {
            warnings.Add($"Detector versions differ ('{a.System}': {string.Join(", ", a.DetectorVersions)}; '{b.System}': {string.Join(", ", b.DetectorVersions)}): correction counts were scored by different rules and are not directly comparable.");
        }
        else if (a.DetectorVersions.Count > 1)
        {
            warnings.Add($"Sessions were scored by several detector versions ({string.Join(", ", a.DetectorVersions)}); correction counts mix rule sets.");
        }

        return warnings;
    }
}
