// The fields of an event row that scans aggregate (time, session, system, kind, correction and tool-error markers, tokens, cache tokens,
// cost, model, tier: what CostResolver needs to price a row whose cost is null),
// read without a string or an object per row. Plain rows go through JsonRowScanner; any other row goes through
// RowCodec.TryParseEvent, so every row is accepted or refused exactly as the complete parse would, with its reason.
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

    /// <summary>The row's tier as logged (empty when null or absent): the savings report's tier mix.</summary>
    public ReadOnlySpan<byte> Tier;
    public bool HasCorrectionMarker;

    /// <summary>The row carries the importer's tool.error marker (a tool call that failed).</summary>
    public bool HasToolErrorMarker;

    /// <summary>The row's ok is false (a tool_result that failed, as captured by append).</summary>
    public bool OkFalse;
    public long TokensIn;
    public long TokensOut;

    /// <summary>cache_read_tokens; 0 when null or absent (as CostCalculator counts it).</summary>
    public long CacheReadTokens;

    /// <summary>cache_write_tokens; 0 when null or absent.</summary>
    public long CacheWriteTokens;

    /// <summary>The row's cost_usd; NaN when it was null or absent (to be priced through a CostResolver).</summary>
    public double CostUsd;

    /// <summary>CostResolver.HasTokens on the facts: any input, output, cache-read or cache-write tokens.</summary>
    public readonly bool HasTokens => TokensIn > 0 || TokensOut > 0 || CacheReadTokens > 0 || CacheWriteTokens > 0;

    public readonly bool IsTurn => IsUserTurn || Kind.SequenceEqual("assistant_message"u8);

    public readonly bool IsUserTurn => Kind.SequenceEqual("user_message"u8);

    public readonly bool IsCorrection => HasCorrectionMarker && IsUserTurn;

    /// <summary>AgentRules.IsToolFailure on the facts: a tool_result with ok false or the tool.error marker.</summary>
    public readonly bool IsToolFailure => (HasToolErrorMarker || OkFalse) && Kind.SequenceEqual("tool_result"u8);
}

internal static class EventRowReader
{
    /// <summary>Reads the facts of a row; false with the reason when the row is unusable.</summary>
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
        Tier = e.Tier is null ? default : Encoding.UTF8.GetBytes(e.Tier),
        HasCorrectionMarker = e.Markers.Any(m => m.StartsWith(MarkerPrefixes.Correction, StringComparison.Ordinal)),
        HasToolErrorMarker = e.Markers.Contains(Import.ImportedMarkers.ToolError, StringComparer.Ordinal),
        OkFalse = e.Ok == false,
        TokensIn = e.TokensIn,
        TokensOut = e.TokensOut,
        CacheReadTokens = e.CacheReadTokens ?? 0,
        CacheWriteTokens = e.CacheWriteTokens ?? 0,
        CostUsd = e.CostUsd ?? double.NaN,
    };

    /// <summary>The fast path: true only for a plain, valid schema-1 row; false means "ask the complete parser".</summary>
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
        long? cacheWrite1h = null, durationMs = null, cacheRead = null, cacheWrite = null;
        bool hasTs = false;
        int expected = 0;
        while (true)
        {
            int field;
            if (expected < Fields.Length && r.TryNextPropertyIs(Fields[expected]))
            {
                field = expected++;
            }
            else
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

                field = FieldOf(name);
                if (field >= 0)
                {
                    expected = field + 1;
                }
            }

            bool ok = field switch
            {
                0 => r.TryReadWholeNumber(out schema),
                1 => hasTs = r.TryReadString(out var ts) && CanonicalTimestamp.TryParseUtcTicks(ts, out facts.UtcTicks),
                2 => r.TryReadString(out facts.SessionId),
                3 => r.TryReadString(out facts.System),
                4 or 5 or 14 or 18 or 19 => StringOrNull(ref r),
                15 => r.PeekNull() ? r.TryReadNull() : r.TryReadString(out facts.Tier),
                6 => r.TryReadString(out facts.Kind),
                7 => r.PeekNull() ? r.TryReadNull() && Clear(ref facts.Model) : r.TryReadString(out facts.Model),
                8 => CountOrNull(ref r, out facts.TokensIn),
                9 => CountOrNull(ref r, out facts.TokensOut),
                10 => r.PeekNull() ? r.TryReadNull() && SetNoCost(ref facts) : r.TryReadPlainNumber(out facts.CostUsd),
                11 => Markers(ref r, out facts.HasCorrectionMarker, out facts.HasToolErrorMarker),
                12 => OptionalCount(ref r, out facts.CacheReadTokens, out cacheRead),
                13 => OptionalCount(ref r, out facts.CacheWriteTokens, out cacheWrite),
                16 => OptionalCount(ref r, out _, out durationMs),
                20 => OptionalCount(ref r, out _, out cacheWrite1h),
                17 => (r.PeekNull() || r.PeekBoolean()) && r.TrySkipValue(),
                21 or 23 or 24 or 25 or 27 or 28 or 29 => StringOrNull(ref r),
                22 => r.PeekBoolean() ? r.TryReadBoolean(out bool okValue) && SetOk(ref facts, okValue) : r.PeekNull() && r.TryReadNull(),
                26 => CountOrNull(ref r, out _),
                _ => r.TrySkipValue(),
            };

            if (!ok)
            {
                return false;
            }
        }

        // Out-of-range numbers are left to the complete parser, which refuses the row with the reason.
        return schema == TelemetryEvent.CurrentSchema && hasTs && !facts.SessionId.IsEmpty && !facts.System.IsEmpty && !facts.Kind.IsEmpty && EventValidator.IsKnownKind(facts.Kind)
            && RowRules.EventReason(facts.UtcTicks, facts.TokensIn, facts.TokensOut, cacheRead, cacheWrite, cacheWrite1h, durationMs, double.IsNaN(facts.CostUsd) ? null : facts.CostUsd) is null;
    }

    private static bool OptionalCount(ref JsonRowScanner r, out long value, out long? optional)
    {
        value = 0;
        optional = null;
        if (r.PeekNull())
        {
            return r.TryReadNull();
        }

        bool ok = r.TryReadWholeNumber(out value);
        optional = value;
        return ok;
    }

    // The properties in the order RowCodec.WriteEvent writes them; a property's number is its index here.
    private static readonly byte[][] Fields =
    [
        "\"schema\":"u8.ToArray(), "\"ts\":"u8.ToArray(), "\"session_id\":"u8.ToArray(), "\"system\":"u8.ToArray(),
        "\"context\":"u8.ToArray(), "\"role\":"u8.ToArray(), "\"kind\":"u8.ToArray(), "\"model\":"u8.ToArray(),
        "\"tokens_in\":"u8.ToArray(), "\"tokens_out\":"u8.ToArray(), "\"cost_usd\":"u8.ToArray(), "\"markers\":"u8.ToArray(),
        "\"cache_read_tokens\":"u8.ToArray(), "\"cache_write_tokens\":"u8.ToArray(), "\"provider\":"u8.ToArray(), "\"tier\":"u8.ToArray(),
        "\"duration_ms\":"u8.ToArray(), "\"cache_hit\":"u8.ToArray(), "\"user\":"u8.ToArray(), "\"event_id\":"u8.ToArray(),
        "\"cache_write_1h_tokens\":"u8.ToArray(), "\"tool\":"u8.ToArray(), "\"ok\":"u8.ToArray(), "\"error_category\":"u8.ToArray(),
        "\"error_fingerprint\":"u8.ToArray(), "\"outcome\":"u8.ToArray(), "\"attempt\":"u8.ToArray(), "\"task_id\":"u8.ToArray(),
        "\"attempt_id\":"u8.ToArray(), "\"variant\":"u8.ToArray(),
    ];

    /// <summary>The number of a property met out of the writer's order; -1 for one this reader does not know.</summary>
    private static int FieldOf(ReadOnlySpan<byte> name)
    {
        for (int i = 0; i < Fields.Length; i++)
        {
            var quoted = Fields[i].AsSpan(1, Fields[i].Length - 3);
            if (name.SequenceEqual(quoted))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Clear(ref ReadOnlySpan<byte> span)
    {
        span = default;
        return true;
    }

    private static bool SetOk(ref EventFacts facts, bool ok)
    {
        facts.OkFalse = !ok;
        return true;
    }

    private static bool SetNoCost(ref EventFacts facts)
    {
        facts.CostUsd = double.NaN;
        return true;
    }

    private static bool StringOrNull(ref JsonRowScanner r) => r.PeekNull() ? r.TryReadNull() : r.TryReadString(out _);

    private static bool CountOrNull(ref JsonRowScanner r, out long value)
    {
        value = 0;
        return r.PeekNull() ? r.TryReadNull() : r.TryReadWholeNumber(out value);
    }

    private static bool Markers(ref JsonRowScanner r, out bool hasCorrection, out bool hasToolError)
    {
        hasCorrection = hasToolError = false;
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
            else if (marker.SequenceEqual("tool.error"u8))
            {
                hasToolError = true;
            }
        }
    }
}
