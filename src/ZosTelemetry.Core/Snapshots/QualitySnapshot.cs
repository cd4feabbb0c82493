// One quality snapshot: the row written to snapshots-YYYY-MM.jsonl (bucketed by ts) and the object the module emits.
// Point-in-time numbers about a classifier's predictions; names of classes and features, never what was classified.
namespace ZosTelemetry.Snapshots;

public sealed class QualitySnapshot
{
    public const int CurrentSchema = 1;

    public int Schema { get; init; } = CurrentSchema;

    /// <summary>When the snapshot was computed.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The classifier or router the snapshot is of.</summary>
    public string System { get; init; } = "";

    /// <summary>The scoped user as a hash (UserIdentity.Hash); null for a global snapshot.</summary>
    public string? User { get; init; }

    /// <summary>The earliest record timestamp; null when no record had one.</summary>
    public DateTimeOffset? WindowStart { get; init; }

    /// <summary>The latest record timestamp; null when no record had one.</summary>
    public DateTimeOffset? WindowEnd { get; init; }

    /// <summary>The number of prediction records.</summary>
    public long TotalWindows { get; init; }

    /// <summary>Feature name to the fraction of records where it is null or absent (4 decimals), sorted by name.</summary>
    public IReadOnlyDictionary<string, double> FeatureMissingness { get; init; } = Empty;

    /// <summary>Null when no record had a confidence.</summary>
    public ConfidenceStats? ConfidenceStats { get; init; }

    /// <summary>The fraction of records labelled with the reject label (4 decimals).</summary>
    public double RejectRate { get; init; }

    /// <summary>The mean entropy in nats over records with probabilities (6 decimals); 0 when none had any.</summary>
    public double MeanEntropy { get; init; }

    /// <summary>Label to the fraction of records with it (4 decimals), sorted by label.</summary>
    public IReadOnlyDictionary<string, double> ClassDistribution { get; init; } = Empty;

    /// <summary>The version of the classifier's feature schema, as the caller names it; null when not given.</summary>
    public string? SchemaVersion { get; init; }

    /// <summary>Suggestions surfaced on the snapshot's UTC day for its system (suggestion events); the guardrail fills it.</summary>
    public long SuggestionsPerDay { get; init; }

    /// <summary>The mean confidence, or null: for tables and the drift report.</summary>
    public double? MeanConfidence => ConfidenceStats?.Mean;

    /// <summary>How many classes the distribution has.</summary>
    public int Classes => ClassDistribution.Count;

    internal static readonly IReadOnlyDictionary<string, double> Empty = new SortedDictionary<string, double>(StringComparer.Ordinal);

    /// <summary>The same snapshot with another suggestion count.</summary>
    public QualitySnapshot WithSuggestionsPerDay(long count) => new()
    {
        Schema = Schema, Timestamp = Timestamp, System = System, User = User, WindowStart = WindowStart, WindowEnd = WindowEnd,
        TotalWindows = TotalWindows, FeatureMissingness = FeatureMissingness, ConfidenceStats = ConfidenceStats,
        RejectRate = RejectRate, MeanEntropy = MeanEntropy, ClassDistribution = ClassDistribution, SchemaVersion = SchemaVersion,
        SuggestionsPerDay = count,
    };
}
