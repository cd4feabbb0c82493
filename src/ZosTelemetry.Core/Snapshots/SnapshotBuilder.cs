// Folds prediction records into a snapshot. Each record is checked as it is added (a refused record throws, naming
// its number, and nothing has been written yet); only the numbers the formulas need are kept: the confidences (for
// percentiles), counts per label and per present feature, the entropy sum, the window's bounds and the timestamps of
// suggested records. The formulas, as the row documents them:
//   feature_missingness  per feature named by any record: records where it is null or absent / records (4 decimals)
//   confidence_stats     over records with a confidence: mean, median, p5, p95 (linear interpolation between the
//                        closest ranks), population std; each 4 decimals; null when no record has a confidence
//   reject_rate          records labelled with the reject label / records (4 decimals; 0 for no records)
//   mean_entropy         mean over records with probabilities of -sum(p ln p), each p clipped to [1e-12, 1] (6 decimals)
//   class_distribution   label -> records with it / records (4 decimals), sorted by label
using System.Globalization;
using ZosTelemetry.Events;

namespace ZosTelemetry.Snapshots;

public sealed class SnapshotBuilder
{
    public const double ProbabilityFloor = 1e-12;

    private readonly SnapshotOptions options;
    private readonly DateTimeOffset now;
    private readonly List<double> confidences = [];
    private readonly SortedDictionary<string, long> labels = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> present = new(StringComparer.Ordinal);
    private readonly List<DateTimeOffset?> suggested = [];
    private double entropySum;
    private long withProbabilities;
    private DateTimeOffset? windowStart, windowEnd;

    public SnapshotOptions Options => options;

    public SnapshotBuilder(SnapshotOptions options, DateTimeOffset now)
    {
        EventValidator.ValidateName("system", options.System, required: true);
        EventValidator.ValidateUser(options.User);
        SnapshotRules.ValidateLabel(options.RejectLabel);
        SnapshotRules.ValidateSchemaVersion(options.SchemaVersion);
        this.options = options;
        this.now = now;
    }

    public long Records { get; private set; }

    /// <summary>The timestamps of the records marked suggested (null where a record had none), in input order.</summary>
    public IReadOnlyList<DateTimeOffset?> Suggested => suggested;

    /// <summary>Checks a record and adds its numbers; a refused record throws (callers say where it was) and leaves the builder as it was.</summary>
    public void Add(PredictionRecord r)
    {
        SnapshotRules.ValidateRecord(r, now);
        if (!labels.ContainsKey(r.Label) && labels.Count >= SnapshotRules.MaxClasses)
        {
            throw new TelemetryValidationException("label", string.Create(CultureInfo.InvariantCulture, $"more than {SnapshotRules.MaxClasses} distinct labels; a snapshot holds at most {SnapshotRules.MaxClasses} classes."));
        }

        int newFeatures = 0;
        foreach (var (name, _) in r.Features ?? EmptyFeatures)
        {
            newFeatures += present.ContainsKey(name) ? 0 : 1;
        }

        if (present.Count + newFeatures > SnapshotRules.MaxFeatures)
        {
            throw new TelemetryValidationException("features", string.Create(CultureInfo.InvariantCulture, $"more than {SnapshotRules.MaxFeatures} distinct features; a snapshot holds at most {SnapshotRules.MaxFeatures}."));
        }

        Records++;
        labels[r.Label] = labels.GetValueOrDefault(r.Label) + 1;
        foreach (var (name, value) in r.Features ?? EmptyFeatures)
        {
            present[name] = present.GetValueOrDefault(name) + (value is null ? 0 : 1);
        }

        if (r.Confidence is double c)
        {
            confidences.Add(c);
        }

        if (r.Probabilities is { Count: > 0 } p)
        {
            entropySum += Entropy(p);
            withProbabilities++;
        }

        if (r.Timestamp is DateTimeOffset ts)
        {
            var utc = ts.ToUniversalTime();
            windowStart = windowStart is null || utc < windowStart ? utc : windowStart;
            windowEnd = windowEnd is null || utc > windowEnd ? utc : windowEnd;
        }

        if (r.Suggested)
        {
            suggested.Add(r.Timestamp?.ToUniversalTime());
        }
    }

    /// <summary>The snapshot of the records added so far, computed at <paramref name="at"/>.</summary>
    public QualitySnapshot Build(DateTimeOffset at, long suggestionsPerDay = 0)
    {
        long n = Records;
        var missing = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, count) in present)
        {
            missing[name] = Math.Round((double)(n - count) / n, 4);
        }

        var classes = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (label, count) in labels)
        {
            classes[label] = Math.Round((double)count / n, 4);
        }

        return new QualitySnapshot
        {
            Timestamp = at,
            System = options.System,
            User = options.User,
            WindowStart = windowStart,
            WindowEnd = windowEnd,
            TotalWindows = n,
            FeatureMissingness = missing,
            ConfidenceStats = Stats(confidences),
            RejectRate = n == 0 ? 0 : Math.Round((double)labels.GetValueOrDefault(options.RejectLabel) / n, 4),
            MeanEntropy = withProbabilities == 0 ? 0 : Math.Round(entropySum / withProbabilities, 6),
            ClassDistribution = classes,
            SchemaVersion = options.SchemaVersion,
            SuggestionsPerDay = suggestionsPerDay,
        };
    }

    /// <summary>-sum(p ln p) with every p clipped to [1e-12, 1], so that a zero probability adds (almost) nothing instead of NaN.</summary>
    public static double Entropy(IReadOnlyList<double> probabilities)
    {
        double h = 0;
        foreach (double raw in probabilities)
        {
            double p = Math.Clamp(raw, ProbabilityFloor, 1);
            h -= p * Math.Log(p);
        }

        return h;
    }

    /// <summary>The value at quantile q of sorted values, by linear interpolation between the closest ranks (numpy's default).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        double rank = (sorted.Count - 1) * q;
        int lower = (int)Math.Floor(rank);
        int upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((rank - lower) * (sorted[upper] - sorted[lower]));
    }

    private static ConfidenceStats? Stats(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        double mean = 0;
        foreach (double v in sorted)
        {
            mean += v;
        }

        mean /= sorted.Length;
        double squares = 0;
        foreach (double v in sorted)
        {
            squares += (v - mean) * (v - mean);
        }

        return new ConfidenceStats
        {
            Mean = Math.Round(mean, 4),
            Median = Math.Round(Percentile(sorted, 0.5), 4),
            P5 = Math.Round(Percentile(sorted, 0.05), 4),
            P95 = Math.Round(Percentile(sorted, 0.95), 4),
            Std = Math.Round(Math.Sqrt(squares / sorted.Length), 4),
        };
    }

    private static readonly IReadOnlyDictionary<string, double?> EmptyFeatures = new Dictionary<string, double?>();
}
