// The correction detector as a classifier of its own: each text it reads is a prediction labelled correction or
// none, with every marker it knows as a feature that is 1 when the rule fired and missing when it did not. So the
// snapshot's class mix is the correction rate, and a marker's missingness is one minus its firing rate.
using System.Globalization;
using ZosTelemetry.Detection;

namespace ZosTelemetry.Snapshots;

public static class DetectorSnapshot
{
    public const string DefaultSystem = "correction-detector";

    /// <summary>The detector's rules are its feature schema: a change of rules is a new version.</summary>
    public static string SchemaVersion => "detector-v" + CorrectionDetector.Version.ToString(CultureInfo.InvariantCulture);

    public static PredictionRecord Decision(CorrectionResult result)
    {
        var features = new SortedDictionary<string, double?>(StringComparer.Ordinal);
        foreach (string marker in CorrectionDetector.KnownMarkers)
        {
            features[marker] = null;
        }

        foreach (string marker in result.Markers)
        {
            features[marker] = 1;
        }

        return new PredictionRecord { Label = result.IsCorrection ? "correction" : "none", Features = features };
    }
}
