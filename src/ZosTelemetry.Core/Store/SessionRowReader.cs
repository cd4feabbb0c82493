// The fields of a session summary row, read without a string or an object per row: JsonRowScanner for plain rows,
// RowCodec.TryParseSession for any other, so rows are accepted or refused exactly as the complete parse does.
using System.Runtime.CompilerServices;
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
}

internal static class SessionRowReader
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    };

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
    };

    /// <summary>The fast path: true only for a plain, valid schema-1 summary row; false means "ask the complete parser".</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryReadPlain(ReadOnlySpan<byte> line, out SessionFacts facts)
    {
        facts = default;
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
        "\"last_ts\":"u8.ToArray(), "\"duration_s\":"u8.ToArray(),
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
