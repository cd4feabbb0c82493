// What the detector says of one message. Holds no text: only whether it fired, which rules did, and which version's rules.
namespace ZosTelemetry.Detection;

public sealed class CorrectionResult
{
    public CorrectionResult(IReadOnlyList<string> markers, int detectorVersion)
    {
        Markers = markers;
        DetectorVersion = detectorVersion;
    }

    public bool IsCorrection => Markers.Count > 0;

    public IReadOnlyList<string> Markers { get; }

    public int DetectorVersion { get; }
}
