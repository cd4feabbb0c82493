// The content-free rules of quality snapshots: class and feature names are names (the rules of model ids), a record's
// numbers are finite and within their range, and there is a cap on how many names one snapshot may carry, so that a
// snapshot can never become a list of what was classified.
using System.Globalization;
using ZosTelemetry.Events;

namespace ZosTelemetry.Snapshots;

public static class SnapshotRules
{
    /// <summary>Distinct labels in one snapshot, and entries of one probability vector.</summary>
    public const int MaxClasses = 128;

    /// <summary>Distinct feature names in one snapshot.</summary>
    public const int MaxFeatures = 128;

    public const string DefaultRejectLabel = "unknown";

    public static void ValidateLabel(string? label)
    {
        if (string.IsNullOrEmpty(label))
        {
            throw new TelemetryValidationException("label", "label is required and may not be empty.");
        }

        EventValidator.ValidateModelName("label", label);
    }

    public static void ValidateFeatureName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new TelemetryValidationException("features", "a feature name may not be empty.");
        }

        EventValidator.ValidateModelName("feature", name);
    }

    public static void ValidateSchemaVersion(string? version) => EventValidator.ValidateModelName("schema_version", version);

    public static void ValidateRecord(PredictionRecord r, DateTimeOffset now)
    {
        ValidateLabel(r.Label);
        if (r.Timestamp is DateTimeOffset ts)
        {
            EventValidator.ValidateTimestamp(ts, now);
        }

        if (r.Confidence is double c)
        {
            ValidateFraction("confidence", c);
        }

        if (r.Probabilities is { } p)
        {
            if (p.Count > MaxClasses)
            {
                throw new TelemetryValidationException("probabilities", string.Create(CultureInfo.InvariantCulture, $"probabilities has {p.Count} entries; at most {MaxClasses} are allowed."));
            }

            foreach (double v in p)
            {
                ValidateFraction("probabilities", v);
            }
        }

        if (r.Features is { } features)
        {
            if (features.Count > MaxFeatures)
            {
                throw new TelemetryValidationException("features", string.Create(CultureInfo.InvariantCulture, $"{features.Count} features on one record; at most {MaxFeatures} are allowed."));
            }

            foreach (var (name, value) in features)
            {
                ValidateFeatureName(name);
                if (value is double v && !double.IsFinite(v))
                {
                    throw new TelemetryValidationException("features", $"feature {name} must be a finite number or null.");
                }
            }
        }
    }

    /// <summary>A stored row: the same rules as the records it came from, so a merge or a read never admits more.</summary>
    public static void ValidateRow(QualitySnapshot s)
    {
        if (s.Schema != QualitySnapshot.CurrentSchema)
        {
            throw new TelemetryValidationException("schema", string.Create(CultureInfo.InvariantCulture, $"snapshot schema {s.Schema} is not supported; this version writes schema {QualitySnapshot.CurrentSchema}."));
        }

        EventValidator.ValidateName("system", s.System, required: true);
        EventValidator.ValidateUser(s.User);
        ValidateSchemaVersion(s.SchemaVersion);
        if (s.TotalWindows < 0 || s.SuggestionsPerDay < 0)
        {
            throw new TelemetryValidationException("total_windows", "total_windows and suggestions_per_day are counts of zero or more.");
        }

        if (s.ClassDistribution.Count > MaxClasses || s.FeatureMissingness.Count > MaxFeatures)
        {
            throw new TelemetryValidationException("class_distribution", string.Create(CultureInfo.InvariantCulture, $"a snapshot has at most {MaxClasses} classes and {MaxFeatures} features."));
        }

        foreach (var (label, share) in s.ClassDistribution)
        {
            ValidateLabel(label);
            ValidateFraction("class_distribution", share);
        }

        foreach (var (name, share) in s.FeatureMissingness)
        {
            ValidateFeatureName(name);
            ValidateFraction("feature_missingness", share);
        }

        ValidateFraction("reject_rate", s.RejectRate);
        if (!double.IsFinite(s.MeanEntropy) || s.MeanEntropy < 0)
        {
            throw new TelemetryValidationException("mean_entropy", "mean_entropy must be a finite number of zero or more.");
        }

        if (s.ConfidenceStats is { } c)
        {
            foreach (double v in new[] { c.Mean, c.Median, c.P5, c.P95, c.Std })
            {
                ValidateFraction("confidence_stats", v);
            }
        }
    }

    private static void ValidateFraction(string field, double value)
    {
        if (!double.IsFinite(value) || value < 0 || value > 1)
        {
            throw new TelemetryValidationException(field, $"{field} must be a number from 0 to 1; got {value.ToString(CultureInfo.InvariantCulture)}.");
        }
    }
}
