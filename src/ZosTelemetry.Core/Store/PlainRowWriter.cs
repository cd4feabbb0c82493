// Writes an event row without System.Text.Json when every string in it is plain printable ASCII that JSON never
// escapes, which is what validated events almost always hold. Loading System.Text.Json and its escaping tables was the
// largest single cost of a one-event `append` process (docs/performance.md), and these rows need neither. The bytes
// are exactly those RowCodec's Utf8JsonWriter path writes (RowCodecTests compares the two on generated events);
// anything else (escapes, non-ASCII, a null where a string belongs, a non-finite cost) is left to that path.
using System.Buffers;
using System.Globalization;
using ZosTelemetry.Events;

namespace ZosTelemetry.Store;

internal static class PlainRowWriter
{
    // Room for the property names, punctuation and numbers of a row, beside its strings (whose length is added).
    private const int FixedBound = 768;

    /// <summary>Writes the event row and returns true, or writes nothing and returns false when the row is not plain.</summary>
    public static bool TryWriteEvent(IBufferWriter<byte> output, TelemetryEvent e)
    {
        int bound = Bound(e);
        if (bound < 0)
        {
            return false;
        }

        output.Advance(Write(output.GetSpan(bound), e));
        return true;
    }

    /// <summary>An upper bound of the row's length, or -1 when the row is not plain (and Write must not be used).</summary>
    public static int Bound(TelemetryEvent e)
    {
        if (e.CostUsd is double cost && !double.IsFinite(cost))
        {
            return -1;
        }

        int length = FixedBound;
        if (!Add(ref length, e.SessionId, required: true) || !Add(ref length, e.System, required: true) || !Add(ref length, e.Kind, required: true)
            || !Add(ref length, e.Context, required: false) || !Add(ref length, e.Role, required: false) || !Add(ref length, e.Model, required: false)
            || !Add(ref length, e.Provider, required: false) || !Add(ref length, e.Tier, required: false) || !Add(ref length, e.User, required: false)
            || !Add(ref length, e.EventId, required: false) || !Add(ref length, e.Tool, required: false)
            || !Add(ref length, e.ErrorCategory, required: false) || !Add(ref length, e.ErrorFingerprint, required: false)
            || !Add(ref length, e.Outcome, required: false) || !Add(ref length, e.TaskId, required: false)
            || !Add(ref length, e.AttemptId, required: false) || !Add(ref length, e.Variant, required: false))
        {
            return -1;
        }

        var markers = e.Markers;
        for (int i = 0; i < markers.Count; i++)
        {
            if (!Add(ref length, markers[i], required: true))
            {
                return -1;
            }
        }

        return length;
    }

    /// <summary>Writes the row of an event whose Bound is not negative into s (at least Bound long); returns its length.</summary>
    public static int Write(Span<byte> s, TelemetryEvent e)
    {
        int n = 0;
        Raw(s, ref n, "{\"schema\":"u8);
        Number(s, ref n, e.Schema);
        Raw(s, ref n, ",\"ts\":\""u8);
        Iso8601.Write(s, ref n, e.Timestamp);
        Raw(s, ref n, "\",\"session_id\":"u8);
        String(s, ref n, e.SessionId);
        Raw(s, ref n, ",\"system\":"u8);
        String(s, ref n, e.System);
        Raw(s, ref n, ",\"context\":"u8);
        StringOrNull(s, ref n, e.Context);
        Raw(s, ref n, ",\"role\":"u8);
        StringOrNull(s, ref n, e.Role);
        Raw(s, ref n, ",\"kind\":"u8);
        String(s, ref n, e.Kind);
        Raw(s, ref n, ",\"model\":"u8);
        StringOrNull(s, ref n, e.Model);
        Raw(s, ref n, ",\"tokens_in\":"u8);
        Number(s, ref n, e.TokensIn);
        Raw(s, ref n, ",\"tokens_out\":"u8);
        Number(s, ref n, e.TokensOut);
        Raw(s, ref n, ",\"cost_usd\":"u8);
        if (e.CostUsd is double cost)
        {
            // "R": the shortest text that reads back as the same double, as Utf8JsonWriter writes it.
            cost.TryFormat(s[n..], out int written, "R", CultureInfo.InvariantCulture);
            n += written;
        }
        else
        {
            Raw(s, ref n, "null"u8);
        }

        Raw(s, ref n, ",\"markers\":["u8);
        for (int i = 0; i < e.Markers.Count; i++)
        {
            if (i > 0)
            {
                s[n++] = (byte)',';
            }

            String(s, ref n, e.Markers[i]);
        }

        s[n++] = (byte)']';
        Optional(s, ref n, ",\"cache_read_tokens\":"u8, e.CacheReadTokens);
        Optional(s, ref n, ",\"cache_write_tokens\":"u8, e.CacheWriteTokens);
        Optional(s, ref n, ",\"provider\":"u8, e.Provider);
        Optional(s, ref n, ",\"tier\":"u8, e.Tier);
        Optional(s, ref n, ",\"duration_ms\":"u8, e.DurationMs);
        if (e.CacheHit is bool hit)
        {
            Raw(s, ref n, hit ? ",\"cache_hit\":true"u8 : ",\"cache_hit\":false"u8);
        }

        Optional(s, ref n, ",\"user\":"u8, e.User);
        Optional(s, ref n, ",\"event_id\":"u8, e.EventId);
        Optional(s, ref n, ",\"cache_write_1h_tokens\":"u8, e.CacheWrite1hTokens);
        Optional(s, ref n, ",\"tool\":"u8, e.Tool);
        if (e.Ok is bool ok)
        {
            Raw(s, ref n, ok ? ",\"ok\":true"u8 : ",\"ok\":false"u8);
        }

        Optional(s, ref n, ",\"error_category\":"u8, e.ErrorCategory);
        Optional(s, ref n, ",\"error_fingerprint\":"u8, e.ErrorFingerprint);
        Optional(s, ref n, ",\"outcome\":"u8, e.Outcome);
        Optional(s, ref n, ",\"attempt\":"u8, e.Attempt);
        Optional(s, ref n, ",\"task_id\":"u8, e.TaskId);
        Optional(s, ref n, ",\"attempt_id\":"u8, e.AttemptId);
        Optional(s, ref n, ",\"variant\":"u8, e.Variant);
        s[n++] = (byte)'}';
        return n;
    }

    /// <summary>
    /// Letters, digits, space and . _ - : @ /: printable ASCII that Utf8JsonWriter's default encoder writes as it is.
    /// It escapes the rest of printable ASCII that the validator lets through (+ as \u002B) and everything HTML-sensitive.
    /// </summary>
    internal static bool IsPlain(char c) =>
        (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 || c is ' ' or '.' or '_' or '-' or ':' or '@' or '/';

    private static bool Add(ref int length, string? value, bool required)
    {
        if (value is null)
        {
            return !required;
        }

        foreach (char c in value)
        {
            if (!IsPlain(c))
            {
                return false;
            }
        }

        length += value.Length + 3; // quotes and a comma
        return true;
    }

    private static void Raw(Span<byte> s, ref int n, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(s[n..]);
        n += bytes.Length;
    }

    private static void String(Span<byte> s, ref int n, string value)
    {
        s[n++] = (byte)'"';
        foreach (char c in value)
        {
            s[n++] = (byte)c;
        }

        s[n++] = (byte)'"';
    }

    private static void StringOrNull(Span<byte> s, ref int n, string? value)
    {
        if (value is null)
        {
            Raw(s, ref n, "null"u8);
        }
        else
        {
            String(s, ref n, value);
        }
    }

    private static void Optional(Span<byte> s, ref int n, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            Raw(s, ref n, name);
            String(s, ref n, value);
        }
    }

    private static void Optional(Span<byte> s, ref int n, ReadOnlySpan<byte> name, long? value)
    {
        if (value is long v)
        {
            Raw(s, ref n, name);
            Number(s, ref n, v);
        }
    }

    private static void Number(Span<byte> s, ref int n, long value)
    {
        value.TryFormat(s[n..], out int written, default, CultureInfo.InvariantCulture);
        n += written;
    }
}
