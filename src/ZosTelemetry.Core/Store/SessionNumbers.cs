// The numbers of one session summary that the comparison uses, kept as a struct so a million of them cost tens of
// megabytes instead of a million objects with strings.
using System.Buffers.Binary;
using ZosTelemetry.Sessions;

namespace ZosTelemetry.Store;

internal readonly struct SessionNumbers
{
    private readonly long turns, userTurns, corrections, tokens, unpriced, lastTicks;
    private readonly double cost, duration;
    private readonly int detectorVersion;

    // Agent-run figures: -1 where the row does not have them (outcome: -1 unknown, 0 failure or abandoned, 1 success).
    private readonly long toolCalls, toolFailures, errors, alerts;
    private readonly sbyte outcome;

    public SessionNumbers(in SessionFacts f, UInt128 key, bool isA)
    {
        IsA = isA;
        Key = key;
        FirstTicks = f.FirstTicks;
        turns = f.Turns;
        userTurns = f.UserTurns;
        corrections = f.Corrections;
        tokens = checked(f.TokensIn + f.TokensOut);
        lastTicks = f.LastTicks;
        cost = f.CostUsd;
        unpriced = f.UnpricedEvents;
        duration = f.DurationSeconds;
        detectorVersion = (int)f.DetectorVersion;
        toolCalls = f.ToolCalls ?? -1;
        toolFailures = f.ToolFailures ?? -1;
        errors = f.HasErrors ? SessionRowReader.ErrorTotal(f.ErrorsRaw) : -1;
        alerts = f.Alerts ?? -1;
        outcome = !f.HasOutcome ? (sbyte)-1 : f.Outcome.SequenceEqual("success"u8) ? (sbyte)1 : (sbyte)0;
    }

    // Read back from a scratch file (LatestSessionsSpill): every field as it was written, bit for bit.
    private SessionNumbers(ReadOnlySpan<byte> b)
    {
        IsA = b[0] != 0;
        outcome = (sbyte)b[1];
        detectorVersion = BinaryPrimitives.ReadInt32LittleEndian(b[2..]);
        Key = BinaryPrimitives.ReadUInt128LittleEndian(b[6..]);
        var longs = b[22..];
        FirstTicks = Long(longs, 0);
        turns = Long(longs, 1);
        userTurns = Long(longs, 2);
        corrections = Long(longs, 3);
        tokens = Long(longs, 4);
        unpriced = Long(longs, 5);
        lastTicks = Long(longs, 6);
        toolCalls = Long(longs, 7);
        toolFailures = Long(longs, 8);
        errors = Long(longs, 9);
        alerts = Long(longs, 10);
        cost = BinaryPrimitives.ReadDoubleLittleEndian(longs[(11 * 8)..]);
        duration = BinaryPrimitives.ReadDoubleLittleEndian(longs[(12 * 8)..]);
    }

    /// <summary>The size of one record written by Write.</summary>
    public const int Bytes = 22 + (13 * 8);

    public bool IsA { get; }

    public UInt128 Key { get; }

    public long FirstTicks { get; }

    /// <summary>
    /// The order of sessions that compare's bootstrap draws from, one rule for every reader (the store's scan, its
    /// scratch-file path, the session-summary sidecar and a team database): by first activity, then by the 128-bit
    /// keyed hash of the id (KeyHash.Hash128 of its UTF-8 bytes), which no two sessions share in practice.
    /// </summary>
    public static int ScanOrder(long firstTicksX, UInt128 keyX, long firstTicksY, UInt128 keyY) =>
        firstTicksX != firstTicksY ? firstTicksX.CompareTo(firstTicksY) : keyX.CompareTo(keyY);

    public static int ScanOrder(SessionNumbers x, SessionNumbers y) => ScanOrder(x.FirstTicks, x.Key, y.FirstTicks, y.Key);

    /// <summary>Writes the numbers as a fixed-size record (Bytes long) for a scratch file.</summary>
    public void Write(Span<byte> b)
    {
        b[0] = IsA ? (byte)1 : (byte)0;
        b[1] = (byte)outcome;
        BinaryPrimitives.WriteInt32LittleEndian(b[2..], detectorVersion);
        BinaryPrimitives.WriteUInt128LittleEndian(b[6..], Key);
        var longs = b[22..];
        ReadOnlySpan<long> values = [FirstTicks, turns, userTurns, corrections, tokens, unpriced, lastTicks, toolCalls, toolFailures, errors, alerts];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(longs[(i * 8)..], values[i]);
        }

        BinaryPrimitives.WriteDoubleLittleEndian(longs[(11 * 8)..], cost);
        BinaryPrimitives.WriteDoubleLittleEndian(longs[(12 * 8)..], duration);
    }

    public static SessionNumbers Read(ReadOnlySpan<byte> record) => new(record);

    private static long Long(ReadOnlySpan<byte> longs, int i) => BinaryPrimitives.ReadInt64LittleEndian(longs[(i * 8)..]);

    /// <summary>A light summary for the comparer: the system and the numbers, no id, names or close time.</summary>
    public SessionSummary ToSummary(string system) => new()
    {
        System = system,
        DetectorVersion = detectorVersion,
        Turns = turns,
        UserTurns = userTurns,
        Corrections = corrections,
        TokensIn = tokens,
        CostUsd = cost,
        UnpricedEvents = unpriced,
        DurationSeconds = duration,
        FirstTimestamp = new DateTimeOffset(FirstTicks, TimeSpan.Zero),
        LastTimestamp = new DateTimeOffset(lastTicks, TimeSpan.Zero),
        ToolCalls = toolCalls < 0 ? null : toolCalls,
        ToolFailures = toolFailures < 0 ? null : toolFailures,
        ErrorsByCategory = errors < 0 ? null : new Dictionary<string, long>(1) { ["all"] = errors },
        Alerts = alerts < 0 ? null : alerts,
        Outcome = outcome < 0 ? null : outcome == 1 ? Events.Outcomes.Success : Events.Outcomes.Failure,
    };
}
