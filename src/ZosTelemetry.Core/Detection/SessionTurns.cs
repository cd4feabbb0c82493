// The repeat signal in memory: each session's last user turn kept as a fingerprint (TurnFingerprint, never the
// text) while one import, detect run or pipeline lasts, so a turn that restates the previous one gets corr.repeat.
// Nothing of it is written anywhere; the salt is drawn afresh for each instance.
namespace ZosTelemetry.Detection;

public sealed class SessionTurns
{
    private readonly Dictionary<string, TurnFingerprint> last = new(StringComparer.Ordinal);
    private readonly ulong salt;

    public SessionTurns(int detectorVersion)
        : this(detectorVersion, TurnFingerprint.NewSalt())
    {
    }

    /// <summary>Turns under a given salt: the pieces of one log file parsed apart compare their turns with each other's.</summary>
    internal SessionTurns(int detectorVersion, ulong salt)
    {
        DetectorVersion = CorrectionDetector.CheckVersion(detectorVersion);
        this.salt = salt;
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

    /// <summary>
    /// True when a turn of the session would be compared with nothing here, yet might have a previous turn elsewhere
    /// (an earlier piece of the same file): only the detector versions with the repeat signal compare.
    /// </summary>
    internal bool LacksPrevious(string sessionId) => DetectorVersion >= 2 && !last.ContainsKey(sessionId);

    /// <summary>Takes on the last turns of a later piece of the same file, read under the same salt.</summary>
    internal void Continue(SessionTurns later)
    {
        foreach (var (session, fingerprint) in later.last)
        {
            last[session] = fingerprint;
        }
    }
}
