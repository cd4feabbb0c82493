// Compares the last Days days with the last Against days (both ending now; the longer contains the shorter, as in
// "this week against my month") in one pass over the events. Costs go through the CostResolver like every report.
using System.Globalization;
using ZosTelemetry.Events;
using ZosTelemetry.Pricing;
using ZosTelemetry.Savings;

namespace ZosTelemetry.Comparison;

public sealed record PeriodOptions
{
    public int Days { get; init; } = 7;

    public int Against { get; init; } = 30;

    public string? System { get; init; }

    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The start of the longer period: read events from here.</summary>
    public DateTimeOffset EarliestSince => Now.AddDays(-Math.Max(Days, Against));
}

public static class PeriodComparer
{
    public const int MaxDays = 36500;

    public static PeriodComparison Compare(IEnumerable<TelemetryEvent> events, CostResolver costs, PeriodOptions options)
    {
        Check(options);
        var p1 = new Accumulator(options.Days, options.Now);
        var p2 = new Accumulator(options.Against, options.Now);
        DateTimeOffset? first = null;
        foreach (var e in events)
        {
            if ((options.System is not null && e.System != options.System) || e.Timestamp >= options.Now)
            {
                continue;
            }

            bool in1 = e.Timestamp >= p1.Since, in2 = e.Timestamp >= p2.Since;
            if (!in1 && !in2)
            {
                continue;
            }

            first = first is null || e.Timestamp < first ? e.Timestamp : first;
            var cost = SavingsCalculator.IsCall(e) ? costs.Resolve(e) : default;
            if (in1)
            {
                p1.Add(e, cost);
            }

            if (in2)
            {
                p2.Add(e, cost);
            }
        }

        PeriodStatistics s1 = p1.ToStatistics(), s2 = p2.ToStatistics();
        return new PeriodComparison
        {
            System = options.System,
            Days = options.Days,
            Against = options.Against,
            GeneratedAt = options.Now,
            Period1 = s1,
            Period2 = s2,
            Metrics = Metrics(s1, s2),
            Warnings = Warnings(s1, s2, first),
        };
    }

    private static void Check(PeriodOptions o)
    {
        foreach (var (name, days) in new[] { ("days", o.Days), ("against", o.Against) })
        {
            if (days is < 1 or > MaxDays)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"A period is 1 to {MaxDays} days; {name} is {days}."));
            }
        }

        if (o.Days == o.Against)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Both periods are the last {o.Days} days; compare two different lengths, e.g. 7 against 30."));
        }
    }

    private static List<PeriodMetric> Metrics(PeriodStatistics a, PeriodStatistics b) =>
    [
        Total("calls", "Calls", a.Calls, b.Calls, a, b, "N0", "0.##"),
        Total("cost_usd", "Cost USD", a.CostUsd, b.CostUsd, a, b, "0.0000", "0.0000"),
        Ratio("avg_cost_per_call_usd", "Avg cost / call USD", Div(a.CostUsd, a.PricedCalls), Div(b.CostUsd, b.PricedCalls), "0.0000"),
        Total("tokens", "Tokens", a.Tokens, b.Tokens, a, b, "N0", "N0"),
        Rate("cache_hit_rate", "Cache hit rate", Div(a.CacheHits, a.CacheKnownCalls), Div(b.CacheHits, b.CacheKnownCalls)),
        Total("sessions", "Sessions", a.Sessions, b.Sessions, a, b, "N0", "0.##"),
        Ratio("corrections_per_session", "Corrections / session", Div(a.Corrections, a.Sessions), Div(b.Corrections, b.Sessions), "0.00"),
    ];

    private static PeriodMetric Total(string metric, string label, double v1, double v2, PeriodStatistics a, PeriodStatistics b, string format, string perDayFormat)
    {
        double d1 = v1 / a.Days, d2 = v2 / b.Days;
        return new PeriodMetric
        {
            Metric = metric, Label = label, Value1 = v1, Value2 = v2, PerDay1 = d1, PerDay2 = d2,
            Change = RelativeChange(d1, d2), Format = format, PerDayFormat = perDayFormat,
        };
    }

    private static PeriodMetric Ratio(string metric, string label, double? v1, double? v2, string format) => new()
    {
        Metric = metric, Label = label, Value1 = v1, Value2 = v2,
        Change = v1 is double x && v2 is double y ? RelativeChange(x, y) : null, Format = format,
    };

    private static PeriodMetric Rate(string metric, string label, double? v1, double? v2) => new()
    {
        Metric = metric, Label = label, Value1 = v1, Value2 = v2,
        Change = v1 is double x && v2 is double y ? 100 * (x - y) : null, ChangeUnit = "pp", Format = "P1",
    };

    private static double? RelativeChange(double now, double before) => before == 0 ? null : 100 * (now - before) / before;

    private static double? Div(double n, double d) => d == 0 ? null : n / d;

    private static List<string> Warnings(PeriodStatistics a, PeriodStatistics b, DateTimeOffset? first)
    {
        var warnings = new List<string>();
        foreach (var (p, name) in new[] { (a, "the last " + Days(a.Days)), (b, "the last " + Days(b.Days)) })
        {
            if (p.UnknownPriceCalls > 0)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{Capital(name)}: {p.UnknownPriceCalls} of {p.Calls} calls have no recorded cost and no price; cost figures leave them out."));
            }
        }

        var longer = a.Days > b.Days ? a : b;
        if (first is DateTimeOffset f && f > longer.Since.AddDays(1))
        {
            warnings.Add($"The first event in the window is from {Store.Iso8601.Format(f)}, after the start of the last {Days(longer.Days)}: that period's per-day figures are diluted by days without data.");
        }

        return warnings;
    }

    private static string Days(int d) => string.Create(CultureInfo.InvariantCulture, $"{d} day{(d == 1 ? "" : "s")}");

    private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    private sealed class Accumulator(int days, DateTimeOffset now)
    {
        private readonly HashSet<string> sessions = new(StringComparer.Ordinal);
        private long calls, priced, unknown, tokens, cacheKnown, cacheHits, userTurns, corrections;
        private double cost;

        public DateTimeOffset Since { get; } = now.AddDays(-days);

        public void Add(TelemetryEvent e, EventCost c)
        {
            sessions.Add(e.SessionId);
            userTurns += e.IsUserTurn ? 1 : 0;
            corrections += e.IsCorrection ? 1 : 0;
            if (!SavingsCalculator.IsCall(e))
            {
                return;
            }

            calls++;
            tokens = checked(tokens + e.TokensIn + e.TokensOut + (e.CacheReadTokens ?? 0) + (e.CacheWriteTokens ?? 0));
            if (c.Usd is double usd)
            {
                priced++;
                cost += usd;
            }
            else
            {
                unknown++;
            }

            bool? hit = e.CacheHit ?? (e.CacheReadTokens is long reads ? reads > 0 : null);
            if (hit is bool h)
            {
                cacheKnown++;
                cacheHits += h ? 1 : 0;
            }
        }

        public PeriodStatistics ToStatistics() => new()
        {
            Days = days, Since = Since, Until = now, Calls = calls, CostUsd = Math.Round(cost, 10), PricedCalls = priced,
            UnknownPriceCalls = unknown, Tokens = tokens, CacheKnownCalls = cacheKnown, CacheHits = cacheHits,
            Sessions = sessions.Count, UserTurns = userTurns, Corrections = corrections,
        };
    }
}
