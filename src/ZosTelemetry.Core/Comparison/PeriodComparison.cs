// The last N days against the last M days of usage: totals, per-day rates and ratios, each with its change.
using System.Globalization;

namespace ZosTelemetry.Comparison;

public sealed class PeriodComparison
{
    public string? System { get; init; }

    public int Days { get; init; }

    public int Against { get; init; }

    public DateTimeOffset GeneratedAt { get; init; }

    public PeriodStatistics Period1 { get; init; } = null!;

    public PeriodStatistics Period2 { get; init; } = null!;

    public IReadOnlyList<PeriodMetric> Metrics { get; init; } = Array.Empty<PeriodMetric>();

    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();
}

/// <summary>The raw counts of one period, from which its metrics are computed.</summary>
public sealed class PeriodStatistics
{
    public int Days { get; init; }

    public DateTimeOffset Since { get; init; }

    public DateTimeOffset Until { get; init; }

    /// <summary>Events that used a model: they name one, count tokens or carry a cost.</summary>
    public long Calls { get; init; }

    /// <summary>The known cost of the calls (recorded, or priced from tokens).</summary>
    public double CostUsd { get; init; }

    public long PricedCalls { get; init; }

    public long UnknownPriceCalls { get; init; }

    /// <summary>Input, output, cache-read and cache-write tokens together.</summary>
    public long Tokens { get; init; }

    /// <summary>Calls that say whether they hit a cache (cache_hit, else cache_read_tokens), and those that did.</summary>
    public long CacheKnownCalls { get; init; }

    public long CacheHits { get; init; }

    /// <summary>Distinct sessions with at least one event in the period.</summary>
    public long Sessions { get; init; }

    public long UserTurns { get; init; }

    public long Corrections { get; init; }
}

/// <summary>
/// One line of the comparison. Totals (calls, cost, tokens, sessions) also have a per-day rate, and their change is
/// the change of that rate, so that periods of different lengths compare; ratios change as themselves. The change is
/// of period 1 against period 2: a percentage, or percentage points for a rate ("pp").
/// </summary>
public sealed class PeriodMetric
{
    public string Metric { get; init; } = "";

    public string Label { get; init; } = "";

    public double? Value1 { get; init; }

    public double? Value2 { get; init; }

    public double? PerDay1 { get; init; }

    public double? PerDay2 { get; init; }

    public double? Change { get; init; }

    /// <summary>"%" or "pp".</summary>
    public string ChangeUnit { get; init; } = "%";

    // Display-only (how the views print the figures), so not properties: $report.Metrics | Export-Csv writes figures only.
    /// <summary>The .NET number format of the values ("P1": a share shown as a percentage).</summary>
    internal string Format { get; init; } = "0.##";

    internal string PerDayFormat { get; init; } = "0.##";

    public string FormatValue1() => Show(Value1, Format);

    public string FormatValue2() => Show(Value2, Format);

    public string FormatPerDay1() => PerDay1 is null ? "" : Show(PerDay1, PerDayFormat);

    public string FormatPerDay2() => PerDay2 is null ? "" : Show(PerDay2, PerDayFormat);

    /// <summary>The change with its sign and unit, "+13.7%" or "-3.8 pp"; "–" when it cannot be computed.</summary>
    public string FormatChange() => Change is double c
        ? (c > 0 ? "+" : "") + c.ToString("0.0", CultureInfo.InvariantCulture) + (ChangeUnit == "pp" ? " pp" : "%")
        : "–";

    private static string Show(double? v, string format) =>
        v is double d ? d.ToString(format, CultureInfo.InvariantCulture).Replace(" %", "%", StringComparison.Ordinal) : "–";
}
