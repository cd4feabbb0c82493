// A session cannot be counted by the detector version asked for: its turns were read by another version, and the
// text that would let the asked version read them again was never kept.
namespace ZosTelemetry.Detection;

public sealed class DetectorRecountException : Exception
{
    public DetectorRecountException(string sessionId, int? askedVersion, long turnsReadByV2, long userTurns)
        : base(Describe(sessionId, askedVersion, turnsReadByV2, userTurns))
    {
        SessionId = sessionId;
        AskedVersion = askedVersion;
    }

    public string SessionId { get; }

    public int? AskedVersion { get; }

    private static string Describe(string sessionId, int? asked, long v2, long turns)
    {
        string read = v2 == 0 ? "all by detector version 1" : v2 == turns ? "all by detector version 2" : $"{v2} by version 2 and {turns - v2} by version 1";
        return $"session '{sessionId}' cannot be counted by detector version {asked}: its {turns} user turns were read {read}, and the text is not kept to read them again.";
    }
}
