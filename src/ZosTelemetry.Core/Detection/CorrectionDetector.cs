// The correction detector: does a user turn read as the user correcting or redirecting the assistant? Two versions
// live side by side so a store recorded with one can still be compared like with like: version 1 (DetectorV1,
// English regular expressions) and version 2 (DetectorV2: phrase rules in English, German, French, Spanish,
// Portuguese, Russian, Chinese and Japanese over Unicode-folded tokens, plus the repeat signal). Version is the one
// used when none is asked for. Only the first MaxAnalysedChars characters are read, so time is linear and bounded.
namespace ZosTelemetry.Detection;

public static class CorrectionDetector
{
    /// <summary>The version used when none is asked for.</summary>
    public const int Version = 2;

    public const int MinVersion = 1;

    /// <summary>Only the head of a long message is read: corrections are said up front, pasted logs follow.</summary>
    public const int MaxAnalysedChars = 2000;

    /// <summary>The versions this build can run.</summary>
    public static IReadOnlyList<int> Versions { get; } = [1, 2];

    /// <summary>
    /// Every correction marker any version can emit (v1's, v2's per language, corr.repeat), in vocabulary order: the
    /// features of the detector's own quality snapshot. The det.v2 stamp is left out: it marks no correction.
    /// </summary>
    public static IReadOnlyList<string> KnownMarkers { get; } =
        [.. CorrectionMarkers.All.Where(m => m.IsCorrection).Select(m => m.Marker)];

    /// <summary>The version itself, or an ArgumentOutOfRangeException that names the versions there are.</summary>
    public static int CheckVersion(int version) =>
        version is >= MinVersion and <= Version
            ? version
            : throw new ArgumentOutOfRangeException(nameof(version), version, $"detector version {version} is not known; the versions are {string.Join(" and ", Versions)}.");

    public static CorrectionResult Detect(string? text, int version = Version) => Detect(text, version, null, out _, 0, wantFingerprint: false);

    /// <summary>
    /// Detects with the repeat signal: previous is the fingerprint of the same session's previous user turn (or null),
    /// and fingerprint receives this turn's, made with salt, to pass as previous next time. Version 1 has no repeat
    /// signal and gives no fingerprint.
    /// </summary>
    public static CorrectionResult Detect(string? text, int version, TurnFingerprint? previous, out TurnFingerprint? fingerprint, ulong salt) =>
        Detect(text, version, previous, out fingerprint, salt, wantFingerprint: true);

    public static bool IsCorrection(string? text, int version = Version) => Detect(text, version).IsCorrection;

    public static IReadOnlyList<string> Markers(string? text, int version = Version) => Detect(text, version).Markers;

    /// <summary>
    /// The markers to store for a detected user turn: the rules' markers and, from version 2 on, the stamp that says
    /// which version read the turn (so a later close knows which rules its markers follow, see SessionAccumulator).
    /// </summary>
    public static IReadOnlyList<string> MarkersToStore(CorrectionResult result) =>
        result.DetectorVersion >= 2 ? [.. result.Markers, CorrectionMarkers.Version2Stamp] : result.Markers;

    private static CorrectionResult Detect(string? text, int version, TurnFingerprint? previous, out TurnFingerprint? fingerprint, ulong salt, bool wantFingerprint)
    {
        CheckVersion(version);
        fingerprint = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return new CorrectionResult(Array.Empty<string>(), version);
        }

        var markers = version == 1
            ? DetectorV1.Detect(text)
            : DetectorV2.Detect(text, previous, out fingerprint, wantFingerprint, salt);
        return new CorrectionResult(markers, version);
    }
}
