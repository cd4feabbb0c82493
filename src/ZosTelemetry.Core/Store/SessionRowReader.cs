// The fields of a session summary row, read without a string or an object per row: JsonRowScanner for plain rows,
// RowCodec.TryParseSession for any other, so rows are accepted or refused exactly as the complete parse does.
using System.Text;
using ZosTelemetry.Sessions;

namespace ZosTelemetry.Store;

internal ref struct SessionFacts
{
    public ReadOnlySpan<byte> SessionId;
    public ReadOnlySpan<byte> System;
    public ReadOnlySpan<byte> Context;
    public ReadOnlySpan<byte> Model;
    public bool HasContext;
    public bool HasModel;
    public long DetectorVersion;
    public long Turns;
    public long UserTurns;
    public long Corrections;
    public long Events;
    public long TokensIn;
    public long TokensOut;
    public double CostUsd;
    public long UnpricedEvents;
    public double DurationSeconds;
    public long FirstTicks;
    public long LastTicks;
    public long ClosedTicks;

    // Agent-run fields; null (or not Has…) on rows written before they existed.
    public long? ToolCalls;
    public long? ToolFailures;
    public long? Attempts;
    public long? Alerts;

    /// <summary>The errors object's bytes ({"rate_limit":2,…}); see SessionRowReader.ErrorTotal and ToSummary.</summary>
    public ReadOnlySpan<byte> ErrorsRaw;
    public bool HasErrors;
    public ReadOnlySpan<byte> Outcome;
    public bool HasOutcome;

    /// <summary>first_shot_success: -1 null or absent, 0 false, 1 true.</summary>
    public sbyte FirstShot;
    public ReadOnlySpan<byte> Variant;
    public bool HasVariant;
}

internal static class SessionRowReader
{
    public static bool TryRead(ReadOnlySpan<byte> line, out SessionFacts facts, out string? reason)
    {
        if (TryReadPlain(line, out facts))
        {
            reason = null;
            return true;
        }

        if (!RowCodec.TryParseSession(line, out var s, out reason))
        {
            return false;
        }

        facts = From(s!);
        return true;
    }

    public static SessionFacts From(SessionSummary s) => new()
    {
        SessionId = Encoding.UTF8.GetBytes(s.SessionId),
        System = Encoding.UTF8.GetBytes(s.System),
        Context = s.Context is null ? default : Encoding.UTF8.GetBytes(s.Context),
        Model = s.Model is null ? default : Encoding.UTF8.GetBytes(s.Model),
        HasContext = s.Context is not null,
        HasModel = s.Model is not null,
        DetectorVersion = s.DetectorVersion,
        Turns = s.Turns,
        UserTurns = s.UserTurns,
        Corrections = s.Corrections,
        Events = s.Events,
        TokensIn = s.TokensIn,
        TokensOut = s.TokensOut,
        CostUsd = s.CostUsd,
        UnpricedEvents = s.UnpricedEvents,
        DurationSeconds = s.DurationSeconds,
        FirstTicks = s.FirstTimestamp.UtcTicks,
        LastTicks = s.LastTimestamp.UtcTicks,
        ClosedTicks = s.ClosedAt.UtcTicks,
        ToolCalls = s.ToolCalls,
        ToolFailures = s.ToolFailures,
        Attempts = s.Attempts,
        Alerts = s.Alerts,
        ErrorsRaw = s.ErrorsByCategory is null ? default : ErrorsJson(s.ErrorsByCategory),
        HasErrors = s.ErrorsByCategory is not null,
        Outcome = s.Outcome is null ? default : Encoding.UTF8.GetBytes(s.Outcome),
        HasOutcome = s.Outcome is not null,
        FirstShot = s.FirstShotSuccess is bool b ? (sbyte)(b ? 1 : 0) : (sbyte)-1,
        Variant = s.Variant is null ? default : Encoding.UTF8.GetBytes(s.Variant),
        HasVariant = s.Variant is not null,
    };

    /// <summary>The sum of an errors object's counts; 0 for an empty or unreadable one.</summary>
    public static long ErrorTotal(ReadOnlySpan<byte> raw)
    {
        long total = 0;
        var r = new JsonRowScanner(raw);
        if (raw.IsEmpty || !r.TryStartObject())
        {
            return 0;
        }

        while (r.NextProperty(out _) == 1 && r.TryReadWholeNumber(out long n))
        {
            total += n;
        }

        return total;
    }

    /// <summary>An errors object's counts by category, in the order stored.</summary>
    public static Dictionary<string, long> ErrorCounts(ReadOnlySpan<byte> raw)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var r = new JsonRowScanner(raw);
        if (raw.IsEmpty || !r.TryStartObject())
        {
            return counts;
        }

        while (r.NextProperty(out var name) == 1 && r.TryReadWholeNumber(out long n))
        {
            counts[KnownName(name, Events.ErrorCategories.All)] = n;
        }

        return counts;
    }

    private static byte[] ErrorsJson(IReadOnlyDictionary<string, long> errors)
    {
        var sb = new StringBuilder("{");
        foreach (var (category, count) in errors)
        {
            sb.Append(sb.Length > 1 ? "," : "").Append('"').Append(category).Append("\":").Append(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return Encoding.UTF8.GetBytes(sb.Append('}').ToString());
    }

    /// <summary>A name from a fixed list as that list's own string (no allocation per row); any other name decoded.</summary>
    private static string KnownName(ReadOnlySpan<byte> name, IReadOnlyList<string> known)
    {
        foreach (string k in known)
        {
            if (name.Length == k.Length && Encoding.ASCII.GetByteCount(k) == k.Length && AsciiEquals(name, k))
            {
                return k;
            }
        }

        return Encoding.UTF8.GetString(name);
    }

    private static bool AsciiEquals(ReadOnlySpan<byte> bytes, string text)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != text[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The summary the complete parse would give for these facts: names come from per-scan tables, so a scan makes
    /// one string per distinct system, context and model, and one per session id.
    /// </summary>
    public static SessionSummary ToSummary(in SessionFacts f, Utf8Names systems, Utf8Names contexts, Utf8Names models) => new()
    {
        SessionId = Encoding.UTF8.GetString(f.SessionId),
        System = systems[systems.IndexOf(f.System)],
        Context = f.HasContext ? contexts[contexts.IndexOf(f.Context)] : null,
        Model = f.HasModel ? models[models.IndexOf(f.Model)] : null,
        DetectorVersion = (int)f.DetectorVersion,
        Turns = f.Turns,
        UserTurns = f.UserTurns,
        Corrections = f.Corrections,
        Events = f.Events,
        TokensIn = f.TokensIn,
        TokensOut = f.TokensOut,
        CostUsd = f.CostUsd,
        UnpricedEvents = f.UnpricedEvents,
        DurationSeconds = f.DurationSeconds,
        FirstTimestamp = new DateTimeOffset(f.FirstTicks, TimeSpan.Zero),
        LastTimestamp = new DateTimeOffset(f.LastTicks, TimeSpan.Zero),
        ClosedAt = new DateTimeOffset(f.ClosedTicks, TimeSpan.Zero),
        ToolCalls = f.ToolCalls,
        ToolFailures = f.ToolFailures,
        ErrorsByCategory = f.HasErrors ? ErrorCounts(f.ErrorsRaw) : null,
        Outcome = f.HasOutcome ? KnownName(f.Outcome, Events.Outcomes.All) : null,
        FirstShotSuccess = f.FirstShot < 0 ? null : f.FirstShot == 1,
        Attempts = f.Attempts,
        Alerts = f.Alerts,
        Variant = f.HasVariant ? Encoding.UTF8.GetString(f.Variant) : null,
    };

    /// <summary>The fast path: true only for a plain, valid schema-1 summary row; false means "ask the complete parser".</summary>
    public static bool TryReadPlain(ReadOnlySpan<byte> line, out SessionFacts facts)
    {
        facts = default;
        facts.FirstShot = -1;
        if (!JsonRowScanner.IsPlainAscii(line))
        {
            return false;
        }

        var r = new JsonRowScanner(line);
        if (!r.TryStartObject())
        {
            return false;
        }

        long schema = 1;
        bool hasFirst = false, hasLast = false, hasClosed = false;
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
                1 => hasClosed = Timestamp(ref r, out facts.ClosedTicks),
                2 => r.TryReadString(out facts.SessionId),
                3 => r.TryReadString(out facts.System),
                4 => r.PeekNull() ? r.TryReadNull() && Clear(ref facts.Context, out facts.HasContext) : facts.HasContext = r.TryReadString(out facts.Context),
                5 => r.PeekNull() ? r.TryReadNull() && Clear(ref facts.Model, out facts.HasModel) : facts.HasModel = r.TryReadString(out facts.Model),
                6 => r.TryReadWholeNumber(out facts.DetectorVersion) && facts.DetectorVersion <= int.MaxValue,
                7 => CountOrNull(ref r, out facts.Turns),
                8 => CountOrNull(ref r, out facts.UserTurns),
                9 => CountOrNull(ref r, out facts.Corrections),
                10 => CountOrNull(ref r, out facts.Events),
                11 => CountOrNull(ref r, out facts.TokensIn),
                12 => CountOrNull(ref r, out facts.TokensOut),
                13 => NumberOrNull(ref r, out facts.CostUsd),
                14 => CountOrNull(ref r, out facts.UnpricedEvents),
                15 => hasFirst = Timestamp(ref r, out facts.FirstTicks),
                16 => hasLast = Timestamp(ref r, out facts.LastTicks),
                17 => NumberOrNull(ref r, out facts.DurationSeconds),
                18 => OptionalCount(ref r, out facts.ToolCalls),
                19 => OptionalCount(ref r, out facts.ToolFailures),
                20 => r.PeekNull() ? r.TryReadNull() : r.PeekObject() && (facts.HasErrors = r.TryReadRawValue(out facts.ErrorsRaw)) && ErrorsAreCounts(facts.ErrorsRaw),
                21 => r.PeekNull() ? r.TryReadNull() && Clear(ref facts.Outcome, out facts.HasOutcome) : facts.HasOutcome = r.TryReadString(out facts.Outcome),
                22 => r.PeekNull() ? r.TryReadNull() : r.TryReadBoolean(out bool first) && SetFirstShot(ref facts, first),
                23 => OptionalCount(ref r, out facts.Attempts),
                24 => OptionalCount(ref r, out facts.Alerts),
                25 => r.PeekNull() ? r.TryReadNull() && Clear(ref facts.Variant, out facts.HasVariant) : facts.HasVariant = r.TryReadString(out facts.Variant),
                _ => r.TrySkipValue(),
            };

            if (!ok)
            {
                return false;
            }
        }

        // Out-of-range numbers are left to the complete parser, which refuses the row with the reason.
        return schema == 1 && hasFirst && hasLast && hasClosed && !facts.SessionId.IsEmpty && !facts.System.IsEmpty
            && Events.RowRules.SessionReason(facts.ClosedTicks, facts.FirstTicks, facts.LastTicks, facts.DetectorVersion, facts.Turns, facts.UserTurns,
                facts.Corrections, facts.Events, facts.TokensIn, facts.TokensOut, facts.CostUsd, facts.UnpricedEvents, facts.DurationSeconds) is null;
    }

    // The properties in the order RowCodec.WriteSession writes them; a property's number is its index here.
    private static readonly byte[][] Fields =
    [
        "\"schema\":"u8.ToArray(), "\"ts_closed\":"u8.ToArray(), "\"session_id\":"u8.ToArray(), "\"system\":"u8.ToArray(),
        "\"context\":"u8.ToArray(), "\"model\":"u8.ToArray(), "\"detector_version\":"u8.ToArray(), "\"turns\":"u8.ToArray(),
        "\"user_turns\":"u8.ToArray(), "\"corrections\":"u8.ToArray(), "\"events\":"u8.ToArray(), "\"tokens_in\":"u8.ToArray(),
        "\"tokens_out\":"u8.ToArray(), "\"cost_usd\":"u8.ToArray(), "\"unpriced_events\":"u8.ToArray(), "\"first_ts\":"u8.ToArray(),
        "\"last_ts\":"u8.ToArray(), "\"duration_s\":"u8.ToArray(), "\"tool_calls\":"u8.ToArray(), "\"tool_failures\":"u8.ToArray(),
        "\"errors\":"u8.ToArray(), "\"outcome\":"u8.ToArray(), "\"first_shot_success\":"u8.ToArray(), "\"attempts\":"u8.ToArray(),
        "\"alerts\":"u8.ToArray(), "\"variant\":"u8.ToArray(),
    ];

    /// <summary>The number of a property met out of the writer's order; -1 for one this reader does not know.</summary>
    private static int FieldOf(ReadOnlySpan<byte> name)
    {
        for (int i = 0; i < Fields.Length; i++)
        {
            if (name.SequenceEqual(Fields[i].AsSpan(1, Fields[i].Length - 3)))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool OptionalCount(ref JsonRowScanner r, out long? value)
    {
        value = null;
        if (r.PeekNull())
        {
            return r.TryReadNull();
        }

        bool ok = r.TryReadWholeNumber(out long v);
        value = v;
        return ok;
    }

    private static bool SetFirstShot(ref SessionFacts facts, bool first)
    {
        facts.FirstShot = (sbyte)(first ? 1 : 0);
        return true;
    }

    /// <summary>The fast path takes an errors object only when every value is a plain count; else the complete parse decides.</summary>
    private static bool ErrorsAreCounts(ReadOnlySpan<byte> raw)
    {
        var r = new JsonRowScanner(raw);
        if (!r.TryStartObject())
        {
            return false;
        }

        while (true)
        {
            int next = r.NextProperty(out _);
            if (next == 0)
            {
                return true;
            }

            if (next < 0 || !r.TryReadWholeNumber(out _))
            {
                return false;
            }
        }
    }

    private static bool Clear(ref ReadOnlySpan<byte> span, out bool has)
    {
        span = default;
        has = false;
        return true;
    }

    private static bool Timestamp(ref JsonRowScanner r, out long ticks)
    {
        ticks = 0;
        return r.TryReadString(out var text) && CanonicalTimestamp.TryParseUtcTicks(text, out ticks);
    }

    private static bool CountOrNull(ref JsonRowScanner r, out long value)
    {
        value = 0;
        return r.PeekNull() ? r.TryReadNull() : r.TryReadWholeNumber(out value);
    }

    private static bool NumberOrNull(ref JsonRowScanner r, out double value)
    {
        value = 0;
        return r.PeekNull() ? r.TryReadNull() : r.TryReadPlainNumber(out value);
    }
}
