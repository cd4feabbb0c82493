// Drift between two windows of snapshots, per system. Each window pools its snapshots weighted by their record counts
// (total_windows), so a snapshot of 10,000 predictions counts for more than one of 10: the pooled mean confidence,
// reject rate and entropy are record-weighted means of the snapshots' figures, and the pooled class mix is the
// record-weighted mean of their class distributions. The class mix changes by the total variation distance between
// the two pooled mixes (half the sum of absolute differences over all labels: 0 the same mix, 1 no class in common).
// The windows do not overlap: the recent window is the last Last days, the baseline the Baseline days before it.
using System.Globalization;

namespace ZosTelemetry.Snapshots;

public sealed record DriftOptions
{
    public int Last { get; init; } = 7;

    public int Baseline { get; init; } = 30;

    public string? System { get; init; }

    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    public double ConfidenceThreshold { get; init; } = 0.05;

    public double RejectRateThreshold { get; init; } = 0.05;

    public double EntropyThreshold { get; init; } = 0.1;

    public double ClassMixThreshold { get; init; } = 0.1;

    public DateTimeOffset RecentSince => Now.AddDays(-Last);

    public DateTimeOffset BaselineSince => RecentSince.AddDays(-Baseline);
}

public static class SnapshotDriftAnalyzer
{
    public const string MeanConfidence = "mean_confidence";
    public const string RejectRate = "reject_rate";
    public const string MeanEntropy = "mean_entropy";
    public const string ClassMix = "class_mix";
    public const int MaxDays = 36500;

    public static SnapshotDriftReport Compare(IEnumerable<QualitySnapshot> snapshots, DriftOptions options)
    {
        foreach (var (name, days) in new[] { ("Last", options.Last), ("Baseline", options.Baseline) })
        {
            if (days is < 1 or > MaxDays)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"A window is 1 to {MaxDays} days; {name} is {days}."));
            }
        }

        var recent = new SortedDictionary<string, Pool>(StringComparer.Ordinal);
        var baseline = new SortedDictionary<string, Pool>(StringComparer.Ordinal);
        foreach (var s in snapshots)
        {
            if ((options.System is not null && s.System != options.System) || s.Timestamp >= options.Now || s.Timestamp < options.BaselineSince)
            {
                continue;
            }

            var pools = s.Timestamp >= options.RecentSince ? recent : baseline;
            if (!pools.TryGetValue(s.System, out var pool))
            {
                pools[s.System] = pool = new Pool();
            }

            pool.Add(s);
            (pools == recent ? baseline : recent).TryAdd(s.System, new Pool());
        }

        var rows = new List<SnapshotDrift>();
        var warnings = new List<string>();
        foreach (var (system, r) in recent)
        {
            var b = baseline[system];
            if (b.Snapshots == 0 || r.Snapshots == 0)
            {
                warnings.Add($"{system}: no snapshot in the {(b.Snapshots == 0 ? "baseline" : "recent")} window; its changes cannot be computed.");
            }

            rows.Add(Row(system, MeanConfidence, "Mean confidence", b.MeanConfidence, r.MeanConfidence, options.ConfidenceThreshold, r, b));
            rows.Add(Row(system, RejectRate, "Reject rate", b.RejectRate, r.RejectRate, options.RejectRateThreshold, r, b));
            rows.Add(Row(system, MeanEntropy, "Mean entropy (nats)", b.MeanEntropy, r.MeanEntropy, options.EntropyThreshold, r, b));
            double? tvd = r.Records > 0 && b.Records > 0 ? Math.Round(TotalVariationDistance(r.Mix(), b.Mix()), 10) : null;
            rows.Add(new SnapshotDrift
            {
                System = system, Metric = ClassMix, Label = "Class mix (TVD)", Change = tvd, Threshold = options.ClassMixThreshold,
                Drifted = tvd >= options.ClassMixThreshold, RecentSnapshots = r.Snapshots, BaselineSnapshots = b.Snapshots,
            });
        }

        return new SnapshotDriftReport
        {
            GeneratedAt = options.Now, Last = options.Last, Baseline = options.Baseline, RecentSince = options.RecentSince,
            BaselineSince = options.BaselineSince, Rows = rows, Warnings = warnings,
        };
    }

    /// <summary>Half the sum over all labels of |p(label) - q(label)|, a label missing from a mix counting as 0.</summary>
    public static double TotalVariationDistance(IReadOnlyDictionary<string, double> p, IReadOnlyDictionary<string, double> q)
    {
        double sum = 0;
        foreach (var (label, share) in p)
        {
            sum += Math.Abs(share - q.GetValueOrDefault(label));
        }

        foreach (var (label, share) in q)
        {
            sum += p.ContainsKey(label) ? 0 : share;
        }

        return sum / 2;
    }

    private static SnapshotDrift Row(string system, string metric, string label, double? baseline, double? recent, double threshold, Pool r, Pool b)
    {
        double? change = recent is double x && baseline is double y ? Math.Round(x - y, 10) : null;
        return new SnapshotDrift
        {
            System = system, Metric = metric, Label = label, Baseline = baseline, Recent = recent, Change = change, Threshold = threshold,
            Drifted = change is double c && Math.Abs(c) >= threshold, RecentSnapshots = r.Snapshots, BaselineSnapshots = b.Snapshots,
        };
    }

    /// <summary>A window's snapshots of one system, pooled by record count.</summary>
    private sealed class Pool
    {
        private readonly SortedDictionary<string, double> mix = new(StringComparer.Ordinal);
        private double confidenceSum, confidenceRecords, rejectSum, entropySum;

        public int Snapshots { get; private set; }

        public long Records { get; private set; }

        public double? MeanConfidence => confidenceRecords == 0 ? null : Math.Round(confidenceSum / confidenceRecords, 10);

        public double? RejectRate => Records == 0 ? null : Math.Round(rejectSum / Records, 10);

        public double? MeanEntropy => Records == 0 ? null : Math.Round(entropySum / Records, 10);

        public void Add(QualitySnapshot s)
        {
            Snapshots++;
            long n = s.TotalWindows;
            Records += n;
            if (s.ConfidenceStats is { } c)
            {
                confidenceSum += c.Mean * n;
                confidenceRecords += n;
            }

            rejectSum += s.RejectRate * n;
            entropySum += s.MeanEntropy * n;
            foreach (var (label, share) in s.ClassDistribution)
            {
                mix[label] = mix.GetValueOrDefault(label) + (share * n);
            }
        }

        public IReadOnlyDictionary<string, double> Mix()
        {
            var shares = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var (label, weighted) in mix)
            {
                shares[label] = weighted / Records;
            }

            return shares;
        }
    }
}
