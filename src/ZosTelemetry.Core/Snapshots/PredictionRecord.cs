// One prediction of a classifier or router, as `snapshot` reads it from stdin and New-TelemetrySnapshot from the
// pipeline. Only the snapshot's numbers are kept: the record itself never reaches the store.
namespace ZosTelemetry.Snapshots;

public sealed class PredictionRecord
{
    /// <summary>When the prediction was made; optional (the snapshot's window is the min and max of those given).</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The predicted class, a name (validated like a model id); the only required field.</summary>
    public string Label { get; init; } = "";

    /// <summary>The confidence of the prediction, from 0 to 1 (typically the largest probability).</summary>
    public double? Confidence { get; init; }

    /// <summary>The full probability vector, each from 0 to 1, for the entropy.</summary>
    public IReadOnlyList<double>? Probabilities { get; init; }

    /// <summary>Feature name to value; a null value counts as missing, as does a feature the record does not name.</summary>
    public IReadOnlyDictionary<string, double?>? Features { get; init; }

    /// <summary>True when the prediction was surfaced to the user as a suggestion (counted for the guardrail).</summary>
    public bool Suggested { get; init; }
}
