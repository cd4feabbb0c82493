// The result of comparing two systems: per-system statistics, per-metric differences with intervals, warnings.
using ZosTelemetry.Statistics;

namespace ZosTelemetry.Comparison;

public sealed class ComparisonReport
{
    public string SystemA { get; init; } = "";
    public string SystemB { get; init; } = "";
    public int? WindowDays { get; init; }
    public DateTimeOffset GeneratedAt { get; init; }
    public int SmallSampleThreshold { get; init; } = SystemComparer.SmallSampleN;
    public SystemStatistics A { get; init; } = null!;
    public SystemStatistics B { get; init; } = null!;
    public IReadOnlyList<MetricComparison> Metrics { get; init; } = Array.Empty<MetricComparison>();
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();

    public bool IsSmallSample => A.SmallSample || B.SmallSample;

    /// <summary>The interval methods the report used, e.g. "bootstrap" or "welch-normal".</summary>
    public IReadOnlyList<string> IntervalMethods =>
        Metrics.Where(m => m.Method != IntervalMethod.None).Select(m => MetricComparison.MethodName(m.Method)).Distinct().ToList();
}

public static class ComparisonRows
{
    /// <summary>
    /// The metrics a table shows: all of them, less the agent-run ones that no session on either side knows (a store of
    /// chat sessions compares as it always did; JSON and the pipeline keep every metric, with n 0).
    /// </summary>
    public static IEnumerable<MetricComparison> Shown(ComparisonReport r) =>
        r.Metrics.Where(m => !ComparisonMetric.Get(m.Metric).IsAgentRun || r.A[m.Metric].N > 0 || r.B[m.Metric].N > 0);
}

public sealed class SystemStatistics
{
    public string System { get; init; } = "";
    public int Sessions { get; init; }
    public bool SmallSample { get; init; }
    public IReadOnlyList<int> DetectorVersions { get; init; } = Array.Empty<int>();
    public IReadOnlyList<MetricSummary> Metrics { get; init; } = Array.Empty<MetricSummary>();

    public MetricSummary this[string metric] => Metrics.First(m => m.Metric == metric);

    public double CorrectionsPerSession => this["corrections_per_session"].Mean;

    public double CostUsdPerSession => this["cost_usd_per_session"].Mean;

    public double TurnsPerSession => this["turns_per_session"].Mean;
}

public sealed class MetricSummary
{
    public string Metric { get; init; } = "";
    public int N { get; init; }
    public double Mean { get; init; }
    public double Median { get; init; }

    /// <summary>Quartiles, whiskers and (for small samples) the values; only when ComparisonOptions.Distributions asked for it.</summary>
    public Distribution? Distribution { get; init; }
}

public sealed class MetricComparison
{
    public string Metric { get; init; } = "";
    public string Label { get; init; } = "";
    public string SystemA { get; init; } = "";
    public string SystemB { get; init; } = "";
    public double MeanA { get; init; }
    public double MedianA { get; init; }
    public double MeanB { get; init; }
    public double MedianB { get; init; }
    public double Difference { get; init; }
    public double CiLow { get; init; }
    public double CiHigh { get; init; }
    public IntervalMethod Method { get; init; }

    /// <summary>True when the 95% interval of A − B excludes zero: the difference is unlikely to be noise.</summary>
    public bool Significant { get; init; }

    public static string MethodName(IntervalMethod method) => method switch
    {
        IntervalMethod.Bootstrap => "bootstrap",
        IntervalMethod.WelchNormal => "welch-normal",
        _ => "none",
    };
}
