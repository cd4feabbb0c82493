// The repeat signal in memory: each session's last user turn kept as a fingerprint (TurnFingerprint, never the
// text) while one import, detect run or pipeline lasts, so a turn that restates the previous one gets corr.repeat.
// Nothing of it is written anywhere; the salt is drawn afresh for each instance.
namespace ZosTelemetry.Detection;

public sealed class SessionTurns
{
    private readonly Dictionary<string, TurnFingerprint> last = new(StringComparer.Ordinal);
    private readonly ulong salt = TurnFingerprint.NewSalt();

    public SessionTurns(int detectorVersion)
    {
        DetectorVersion = CorrectionDetector.CheckVersion(detectorVersion);
    }

    public int DetectorVersion { get; }

    /// <summary>Detects one user turn of a session, comparing it with that session's previous user turn.</summary>
    public CorrectionResult Detect(string sessionId, string? text)
    {
        if (DetectorVersion < 2)
        {
            return CorrectionDetector.Detect(text, DetectorVersion);
        }

        last.TryGetValue(sessionId, out var previous);
        var result = CorrectionDetector.Detect(text, DetectorVersion, previous, out var fingerprint, salt);
        if (fingerprint is not null)
        {
            last[sessionId] = fingerprint;
        }

        return result;
    }
}
