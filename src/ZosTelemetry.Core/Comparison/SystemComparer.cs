// Compares two systems over their closed sessions: mean and median per metric, the difference of means A − B,
// and its 95% interval, with warnings wherever the numbers should not be trusted at face value.
using System.Globalization;
using ZosTelemetry.Sessions;
using ZosTelemetry.Statistics;
using ZosTelemetry.Store;
using ZosTelemetry.Store.Spill;

namespace ZosTelemetry.Comparison;

public sealed record ComparisonOptions
{
    /// <summary>Only sessions whose last activity lies within this many days before Now.</summary>
    public int? WindowDays { get; init; }

    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    public int BootstrapLimit { get; init; } = DifferenceInterval.DefaultBootstrapLimit;

    public int Resamples { get; init; } = DifferenceInterval.DefaultResamples;

    public int Seed { get; init; } = DifferenceInterval.DefaultSeed;

    /// <summary>Also describe each side's values per metric (quartiles, whiskers, small samples' values) for charts.</summary>
    public bool Distributions { get; init; }
}

public static class SystemComparer
{
    /// <summary>Below this many sessions on a side, every rendering says the sample is small.</summary>
    public const int SmallSampleN = 20;

    /// <summary>
    /// Compares two systems over the latest summary of every session in the store. Reads on all cores and keeps only
    /// the numbers of the two systems' sessions, so a million sessions fit in a few seconds and a few hundred MB.
    /// </summary>
    public static ComparisonReport Compare(TelemetryStore store, string systemA, string systemB, ComparisonOptions? options = null) =>
        Compare(store, systemA, systemB, options, spilled: null);

    /// <summary>
    /// Past the store's SpillThreshold, the latest rows are found through scratch files and each side's values go to
    /// one scratch file per metric, read back one metric at a time: memory holds one metric's values, not all of them
    /// and not a table of every id. <paramref name="spilled"/> (for tests) is told the scratch directory once it is
    /// filled, before the metrics are computed.
    /// </summary>
    internal static ComparisonReport Compare(TelemetryStore store, string systemA, string systemB, ComparisonOptions? options, Action<string>? spilled)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new ComparisonOptions();
        CheckArguments(systemA, systemB, options);

        int orderBelow = OrderBelow(options);
        if (!store.SessionsPastSpillThreshold())
        {
            return Compare(store.ReadLatestSessionsOf(systemA, systemB, orderBelow), systemA, systemB, options);
        }

        using var scratch = SpillDirectory.Create();
        return Compare(store.ReadLatestSessionsOf(systemA, systemB, orderBelow, scratch), systemA, systemB, options, scratch, spilled);
    }

    /// <summary>
    /// The same report as Compare(store, …) from the latest summary of every session already read, in the order their
    /// ids first appear in the store (Facts/SessionSummarySidecar): the two systems' sessions in the order the store's
    /// read gives them (up to twice the bootstrap limit by first activity, then by the hash of the id), so the sums and
    /// the intervals come out bit for bit the same. Every metric reads the same value from a whole summary as from the
    /// light one that read makes (tokens in + out, the errors' total, success or not).
    /// </summary>
    internal static ComparisonReport CompareLatest(IReadOnlyList<SessionSummary> latestInStoreOrder, string systemA, string systemB, ComparisonOptions? options = null)
    {
        options ??= new ComparisonOptions();
        CheckArguments(systemA, systemB, options);
        var sessions = latestInStoreOrder.Where(s => s.System == systemA || s.System == systemB).ToList();
        if (sessions.Count <= OrderBelow(options))
        {
            sessions = InScanOrder(sessions);
        }

        return Compare(sessions, systemA, systemB, options);
    }

    /// <summary>
    /// Compares two systems over a team database: it sends only the numbers the metrics take, of the latest summary of
    /// each session of the two systems in the window, in the order a local store's scan meets them; here they are put
    /// in the local comparison's order (by first activity, then id hash, up to twice the bootstrap limit) and compared
    /// by the same code, so the report is the local one's.
    /// </summary>
    public static ComparisonReport Compare(Sync.ITeamDatabase database, string systemA, string systemB, ComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        options ??= new ComparisonOptions();
        CheckArguments(systemA, systemB, options);
        DateTimeOffset? since = options.WindowDays is int days ? options.Now.AddDays(-days) : null;
        return Compare(InLocalOrder(database.ReadComparisonSessions(systemA, systemB, since), OrderBelow(options)), systemA, systemB, options, columns: null, spilled: null);
    }

    // SessionScan's order: when the two systems have up to orderBelow sessions in all (in the window or not, as the
    // local scan decides before the window is applied), sorted by first activity, then the id's hash; else as they come.
    private static IEnumerable<SessionSummary> InLocalOrder(IEnumerable<Sync.TeamSessionNumbers> rows, int orderBelow)
    {
        using var e = rows.GetEnumerator();
        if (!e.MoveNext())
        {
            yield break;
        }

        if (e.Current.Candidates > orderBelow)
        {
            do
            {
                yield return e.Current.ToSummary();
            }
            while (e.MoveNext());
            yield break;
        }

        var all = new List<SessionSummary>();
        do
        {
            all.Add(e.Current.ToSummary());
        }
        while (e.MoveNext());
        foreach (var session in InScanOrder(all))
        {
            yield return session;
        }
    }

    // Up to this many sessions of the two systems are put in scan order (SessionNumbers.ScanOrder). Past twice the
    // bootstrap limit one side is above it and its intervals are normal approximations, for which the order of sessions
    // does not matter; a metric that applies to few of them still gets a reproducible order.
    private static int OrderBelow(ComparisonOptions options) => (int)Math.Min(int.MaxValue, 2L * options.BootstrapLimit);

    /// <summary>The order SessionScan gives a small enough set of sessions: by first activity, then by the hash of the id.</summary>
    private static List<SessionSummary> InScanOrder(List<SessionSummary> sessions)
    {
        var keyed = sessions.ConvertAll(s => (Session: s, Key: KeyHash.Hash128(global::System.Text.Encoding.UTF8.GetBytes(s.SessionId))));
        keyed.Sort(static (x, y) => SessionNumbers.ScanOrder(x.Session.FirstTimestamp.UtcTicks, x.Key, y.Session.FirstTimestamp.UtcTicks, y.Key));
        return keyed.ConvertAll(k => k.Session);
    }

    public static ComparisonReport Compare(IEnumerable<SessionSummary> sessions, string systemA, string systemB, ComparisonOptions? options = null) =>
        Compare(sessions, systemA, systemB, options ?? new ComparisonOptions(), columns: null, spilled: null);

    private static ComparisonReport Compare(IEnumerable<SessionSummary> sessions, string systemA, string systemB, ComparisonOptions options, SpillDirectory? columns, Action<string>? spilled)
    {
        CheckArguments(systemA, systemB, options);
        DateTimeOffset? since = options.WindowDays is int days ? options.Now.AddDays(-days) : null;
        var metrics = ComparisonMetric.All;
        using var a = new Side(systemA, metrics.Count, columns, "a");
        using var b = new Side(systemB, metrics.Count, columns, "b");
        foreach (var s in sessions)
        {
            if (since is not null && s.LastTimestamp < since)
            {
                continue;
            }

            var side = s.System == systemA ? a : s.System == systemB ? b : null;
            side?.Add(s, metrics);
        }

        // The metrics are independent and each takes its own seeded generator, so they run on every core; the results
        // land by index, so the report is the same whatever ran first.
        var results = new (MetricSummary A, MetricSummary B, Interval Ci)[metrics.Count];
        (MetricSummary, MetricSummary, Interval) Result(int m, ReadOnlySpan<double> va, ReadOnlySpan<double> vb, double[]? scratch) =>
            (Summarise(metrics[m].Name, va, options.Distributions, scratch), Summarise(metrics[m].Name, vb, options.Distributions, scratch),
                DifferenceInterval.Compute(va, vb, options.BootstrapLimit, options.Resamples, options.Seed));
        if (columns is null)
        {
            Parallel.For(0, metrics.Count, m => results[m] = Result(m, a.Values(m), b.Values(m), scratch: null));
        }
        else
        {
            // One metric at a time, so that memory holds one metric's values of both sides; same numbers, same order.
            // The medians work in one scratch buffer: a fresh copy per side and metric (tens of MB each at millions of
            // sessions) piled up on the large-object heap until a collection, and the peak grew with the metric count.
            a.Complete();
            b.Complete();
            spilled?.Invoke(columns.Path);
            var scratch = new double[Math.Max(a.LargestCount, b.LargestCount)];
            for (int m = 0; m < metrics.Count; m++)
            {
                results[m] = Result(m, a.Load(m), b.Load(m), scratch);
            }
        }

        var statsA = results.Select(r => r.A).ToList();
        var statsB = results.Select(r => r.B).ToList();
        var comparisons = metrics.Select((metric, m) => new MetricComparison
        {
            Metric = metric.Name,
            Label = metric.Label,
            SystemA = systemA,
            SystemB = systemB,
            MeanA = results[m].A.Mean,
            MedianA = results[m].A.Median,
            MeanB = results[m].B.Mean,
            MedianB = results[m].B.Median,
            Difference = results[m].A.Mean - results[m].B.Mean,
            CiLow = results[m].Ci.Low,
            CiHigh = results[m].Ci.High,
            Method = results[m].Ci.Method,
            Significant = results[m].Ci.ExcludesZero,
        }).ToList();

        var systemStatsA = a.Stats(statsA);
        var systemStatsB = b.Stats(statsB);
        return new ComparisonReport
        {
            SystemA = systemA,
            SystemB = systemB,
            WindowDays = options.WindowDays,
            GeneratedAt = options.Now,
            A = systemStatsA,
            B = systemStatsB,
            Metrics = comparisons,
            Warnings = [.. Warnings(systemStatsA, systemStatsB), .. UnpricedWarnings(systemA, a.UnpricedSessions), .. UnpricedWarnings(systemB, b.UnpricedSessions)],
        };
    }

    private static void CheckArguments(string systemA, string systemB, ComparisonOptions options)
    {
        if (string.Equals(systemA, systemB, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Both sides name the system {Events.EventValidator.ShowName(systemA)}; compare two different systems.", nameof(systemB));
        }

        if (options.WindowDays is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The window must be 1 day or more (a number of days is 1 or more everywhere).");
        }
    }

    private static MetricSummary Summarise(string metric, ReadOnlySpan<double> values, bool distribution, double[]? scratch) => new()
    {
        Metric = metric,
        N = values.Length,
        Mean = Descriptive.Mean(values),
        Median = scratch is null ? Descriptive.Median(values) : Descriptive.Median(values, scratch),
        Distribution = distribution ? Distribution.Of(values) : null,
    };

    /// <summary>
    /// One side's sessions as they stream past: per-metric values and detector versions, never the sessions. With a
    /// scratch directory the values go to one file per metric (Load reads one back) instead of lists.
    /// </summary>
    private sealed class Side(string system, int metricCount, SpillDirectory? columns, string prefix) : IDisposable
    {
        private readonly List<double>[] values = Enumerable.Range(0, columns is null ? metricCount : 0).Select(_ => new List<double>()).ToArray();
        private readonly BinaryWriter[] writers = Enumerable.Range(0, columns is null ? 0 : metricCount)
            .Select(m => new BinaryWriter(columns!.CreateFile(ColumnName(prefix, m)))).ToArray();
        private readonly long[] counts = new long[metricCount];
        private double[]? loaded; // one buffer for every metric's values, sized for the largest
        private readonly SortedSet<int> detectorVersions = new();
        private int sessions;

        /// <summary>Sessions with events that had no recorded cost and no known price (left out of the cost metric).</summary>
        public int UnpricedSessions { get; private set; }

        public void Add(SessionSummary s, IReadOnlyList<ComparisonMetric> metrics)
        {
            sessions++;
            UnpricedSessions += s.UnpricedEvents > 0 ? 1 : 0;
            detectorVersions.Add(s.DetectorVersion);
            for (int m = 0; m < metrics.Count; m++)
            {
                if (metrics[m].Value(s) is double v)
                {
                    if (columns is null)
                    {
                        values[m].Add(v);
                    }
                    else
                    {
                        writers[m].Write(v);
                        counts[m]++;
                    }
                }
            }
        }

        // A view of the list, not a copy: at a million sessions each copy would be megabytes of fresh pages.
        public ReadOnlySpan<double> Values(int metric) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values[metric]);

        /// <summary>Ends the writing of the metric files (Load reads them).</summary>
        public void Complete() => Dispose();

        /// <summary>One metric's values from its file, in the order they were added (valid until the next Load).</summary>
        /// <summary>The most values any one metric has on this side.</summary>
        public int LargestCount => (int)counts.Max();

        public ReadOnlySpan<double> Load(int metric)
        {
            loaded ??= new double[LargestCount];
            var values = loaded.AsSpan(0, (int)counts[metric]);
            using var reader = new BinaryReader(columns!.OpenRead(ColumnName(prefix, metric)));
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = reader.ReadDouble();
            }

            return values;
        }

        public void Dispose()
        {
            foreach (var w in writers)
            {
                w.Dispose();
            }
        }

        private static string ColumnName(string prefix, int metric) => $"{prefix}-metric-{metric:D2}.bin";

        public SystemStatistics Stats(List<MetricSummary> metrics) => new()
        {
            System = system,
            Sessions = sessions,
            SmallSample = sessions < SmallSampleN,
            DetectorVersions = detectorVersions.ToList(),
            Metrics = metrics,
        };
    }

    private static IEnumerable<string> UnpricedWarnings(string system, int unpriced)
    {
        if (unpriced > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{Events.EventValidator.ShowName(system)}: {unpriced} session{(unpriced == 1 ? " has" : "s have")} events with no recorded cost and no known price; left out of Cost USD / session. Add their models to a prices.json and close the sessions again.");
        }
    }

    private static List<string> Warnings(SystemStatistics a, SystemStatistics b)
    {
        var warnings = new List<string>();
        foreach (var side in new[] { a, b })
        {
            if (side.Sessions == 0)
            {
                warnings.Add($"No closed sessions for system {Events.EventValidator.ShowName(side.System)} in the window: nothing to compare.");
            }
            else if (side.SmallSample)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Small sample: {Events.EventValidator.ShowName(side.System)} has {side.Sessions} session{(side.Sessions == 1 ? "" : "s")} (fewer than {SmallSampleN}); treat its figures and any difference as indicative only."));
            }
        }

        if (a.DetectorVersions.Count > 0 && b.DetectorVersions.Count > 0 && !a.DetectorVersions.SequenceEqual(b.DetectorVersions))
        {
            warnings.Add($"Detector versions differ ({Events.EventValidator.ShowName(a.System)}: {string.Join(", ", a.DetectorVersions)}; {Events.EventValidator.ShowName(b.System)}: {string.Join(", ", b.DetectorVersions)}): correction counts were scored by different rules and are not directly comparable.");
        }
        else if (a.DetectorVersions.Count > 1)
        {
            warnings.Add($"Sessions were scored by several detector versions ({string.Join(", ", a.DetectorVersions)}); correction counts mix rule sets.");
        }

        return warnings;
    }
}
