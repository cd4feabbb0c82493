// The fields of an event row that scans aggregate (time, session, system, kind, correction, tokens, cost, model),
// read without a string or an object per row. Plain rows go through JsonRowScanner; any other row goes through
// RowCodec.TryParseEvent, so every row is accepted or refused exactly as the complete parse would, with its reason.
using System.Runtime.CompilerServices;
using System.Text;
using ZosTelemetry.Events;

namespace ZosTelemetry.Store;

internal ref struct EventFacts
{
    public long UtcTicks;
    public ReadOnlySpan<byte> SessionId;
    public ReadOnlySpan<byte> System;
    public ReadOnlySpan<byte> Kind;
    public ReadOnlySpan<byte> Model;
    public bool HasCorrectionMarker;
    public long TokensIn;
    public long TokensOut;

    /// <summary>The row's cost_usd; NaN when it was null or absent.</summary>
    public double CostUsd;

    public readonly bool IsTurn => IsUserTurn || Kind.SequenceEqual("assistant_message"u8);

    public readonly bool IsUserTurn => Kind.SequenceEqual("user_message"u8);

    public readonly bool IsCorrection => HasCorrectionMarker && IsUserTurn;
}

internal static class EventRowReader
{
    /// <summary>Reads the facts of a row; false with the reason when the row is unusable.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryRead(ReadOnlySpan<byte> line, out EventFacts facts, out string? reason)
    {
        if (TryReadPlain(line, out facts))
        {
            reason = null;
            return true;
        }

        if (!RowCodec.TryParseEvent(line, out var e, out reason))
        {
            return false;
        }

        facts = From(e!);
        return true;
    }

    /// <summary>The facts of a parsed event (the slow path, and tests).</summary>
    public static EventFacts From(TelemetryEvent e) => new()
    {
        UtcTicks = e.Timestamp.UtcTicks,
        SessionId = Encoding.UTF8.GetBytes(e.SessionId),
        System = Encoding.UTF8.GetBytes(e.System),
        Kind = Encoding.UTF8.GetBytes(e.Kind),
        Model = e.Model is null ? default : Encoding.UTF8.GetBytes(e.Model),
        HasCorrectionMarker = e.Markers.Any(m => m.StartsWith(MarkerPrefixes.Correction, StringComparison.Ordinal)),
        TokensIn = e.TokensIn,
        TokensOut = e.TokensOut,
        CostUsd = e.CostUsd ?? double.NaN,
    };

    /// <summary>The fast path: true only for a plain, valid schema-1 row; false means "ask the complete parser".</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryReadPlain(ReadOnlySpan<byte> line, out EventFacts facts)
    {
        facts = default;
        facts.CostUsd = double.NaN;
        if (!JsonRowScanner.IsPlainAscii(line))
        {
            return false;
        }

        var r = new JsonRowScanner(line);
        if (!r.TryStartObject())
        {
            return false;
        }

        long schema = TelemetryEvent.CurrentSchema;
        bool hasTs = false;
        while (true)
        {
            int next = r.NextProperty(out var name);
            if (next == 0)
            {
                break;
            }

            if (next < 0)
            {
                return false;
            }

            bool ok = name.Length switch
            {
                2 when name.SequenceEqual("ts"u8) => hasTs = r.TryReadString(out var ts) && CanonicalTimestamp.TryParseUtcTicks(ts, out facts.UtcTicks),
                4 when name.SequenceEqual("kind"u8) => r.TryReadString(out facts.Kind),
                4 when name.SequenceEqual("role"u8) => StringOrNull(ref r),
                4 when name.SequenceEqual("tier"u8) => StringOrNull(ref r),
                4 when name.SequenceEqual("user"u8) => StringOrNull(ref r),
                5 when name.SequenceEqual("model"u8) => r.PeekNull() ? r.TryReadNull() && Clear(ref facts.Model) : r.TryReadString(out facts.Model),
                6 when name.SequenceEqual("schema"u8) => r.TryReadWholeNumber(out schema),
                6 when name.SequenceEqual("system"u8) => r.TryReadString(out facts.System),
                7 when name.SequenceEqual("context"u8) => StringOrNull(ref r),
                7 when name.SequenceEqual("markers"u8) => Markers(ref r, out facts.HasCorrectionMarker),
                8 when name.SequenceEqual("cost_usd"u8) => r.PeekNull() ? r.TryReadNull() && SetNoCost(ref facts) : r.TryReadPlainNumber(out facts.CostUsd),
                8 when name.SequenceEqual("provider"u8) => StringOrNull(ref r),
                8 when name.SequenceEqual("event_id"u8) => StringOrNull(ref r),
                9 when name.SequenceEqual("tokens_in"u8) => CountOrNull(ref r, out facts.TokensIn),
                9 when name.SequenceEqual("cache_hit"u8) => (r.PeekNull() || r.PeekBoolean()) && r.TrySkipValue(),
                10 when name.SequenceEqual("session_id"u8) => r.TryReadString(out facts.SessionId),
                10 when name.SequenceEqual("tokens_out"u8) => CountOrNull(ref r, out facts.TokensOut),
                11 when name.SequenceEqual("duration_ms"u8) => CountOrNull(ref r, out _),
                17 when name.SequenceEqual("cache_read_tokens"u8) => CountOrNull(ref r, out _),
                18 when name.SequenceEqual("cache_write_tokens"u8) => CountOrNull(ref r, out _),
                _ => r.TrySkipValue(),
            };

            if (!ok)
            {
                return false;
            }
        }

        return schema == TelemetryEvent.CurrentSchema && hasTs && !facts.SessionId.IsEmpty && !facts.System.IsEmpty && !facts.Kind.IsEmpty;
    }

    private static bool SetNoCost(ref EventFacts facts)
    {
        facts.CostUsd = double.NaN;
        return true;
    }

    private static bool StringOrNull(ref JsonRowScanner r) => r.PeekNull() ? r.TryReadNull() : r.TryReadString(out _);

    private static bool Clear(ref ReadOnlySpan<byte> span)
    {
        span = default;
        return true;
    }

    private static bool CountOrNull(ref JsonRowScanner r, out long value)
    {
        value = 0;
        return r.PeekNull() ? r.TryReadNull() : r.TryReadWholeNumber(out value);
    }

    private static bool Markers(ref JsonRowScanner r, out bool hasCorrection)
    {
        hasCorrection = false;
        if (r.PeekNull())
        {
            return r.TryReadNull();
        }

        if (!r.TryStartArray())
        {
            return false;
        }

        for (bool first = true; ; first = false)
        {
            int next = r.NextElement(first);
            if (next == 0)
            {
                return true;
            }

            if (next < 0 || !r.TryReadString(out var marker))
            {
                return false;
            }

            if (marker.StartsWith("corr."u8))
            {
                hasCorrection = true;
            }
        }
    }
}
