// What the detector says of one message. Holds no text: only whether it fired and which rules did.
namespace ZosTelemetry.Detection;

public sealed class CorrectionResult
{
    public CorrectionResult(IReadOnlyList<string> markers)
    {
        Markers = markers;
    }

    public bool IsCorrection => Markers.Count > 0;

    public IReadOnlyList<string> Markers { get; }

    public int DetectorVersion => CorrectionDetector.Version;
}
