// A structural JSON scanner for the importer's hot path: walks objects and arrays and finds where values end, without
// decoding or validating what it skips. Log lines are mostly tool output (file contents, command output) inside
// strings full of escapes, where a validating reader slows to a byte at a time; this one finds a string's end with a
// vectorised search for the next quote and a count of the backslashes before it. Only the few small values the
// importer needs are decoded, with Utf8JsonReader. A line that is not well-formed enough to walk is refused.
using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Runtime.CompilerServices;

namespace ZosTelemetry.Import;

internal static class JsonScan
{
    private static readonly SearchValues<byte> Structural = SearchValues.Create("\"{}[]"u8);
    private static readonly SearchValues<byte> LiteralEnd = SearchValues.Create(",}] \t\r\n"u8);

    /// <summary>Moves past the value starting at <paramref name="i"/> (after whitespace); false if it does not end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool SkipValue(ReadOnlySpan<byte> s, ref int i)
    {
        SkipWhitespace(s, ref i);
        if (i >= s.Length)
        {
            return false;
        }

        switch (s[i])
        {
            case (byte)'"':
                return SkipString(s, ref i);
            case (byte)'{' or (byte)'[':
                return SkipContainer(s, ref i);
            default:
                int end = s[i..].IndexOfAny(LiteralEnd);
                if (end <= 0)
                {
                    return false;
                }

                i += end;
                return true;
        }
    }

    /// <summary><paramref name="i"/> is on an opening quote; moves past the closing one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool SkipString(ReadOnlySpan<byte> s, ref int i)
    {
        int at = i + 1;
        while (true)
        {
            int quote = s[at..].IndexOf((byte)'"');
            if (quote < 0)
            {
                return false;
            }

            at += quote;
            int backslashes = 0;
            while (s[at - 1 - backslashes] == (byte)'\\')
            {
                backslashes++;
            }

            if ((backslashes & 1) == 0)
            {
                i = at + 1;
                return true;
            }

            at++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool SkipContainer(ReadOnlySpan<byte> s, ref int i)
    {
        int depth = 0;
        while (true)
        {
            int next = s[i..].IndexOfAny(Structural);
            if (next < 0)
            {
                return false;
            }

            i += next;
            switch (s[i])
            {
                case (byte)'"':
                    if (!SkipString(s, ref i))
                    {
                        return false;
                    }

                    continue;
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                default:
                    depth--;
                    break;
            }

            i++;
            if (depth == 0)
            {
                return true;
            }
        }
    }

    public static void SkipWhitespace(ReadOnlySpan<byte> s, ref int i)
    {
        while (i < s.Length && s[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }
    }

    /// <summary>Enters the object or array at <paramref name="i"/>; false if the value there is something else.</summary>
    public static bool Enter(ReadOnlySpan<byte> s, ref int i, byte open)
    {
        SkipWhitespace(s, ref i);
        if (i < s.Length && s[i] == open)
        {
            i++;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Reads the next member name of the object being walked and leaves <paramref name="i"/> at its value. Returns false
    /// at the object's end (<paramref name="ok"/> true) or on a malformed object (<paramref name="ok"/> false).
    /// Names are compared raw: the keys the importer looks for contain no escapes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool NextMember(ReadOnlySpan<byte> s, ref int i, out ReadOnlySpan<byte> name, out bool ok)
    {
        name = default;
        SkipWhitespace(s, ref i);
        if (i < s.Length && s[i] == (byte)',')
        {
            i++;
            SkipWhitespace(s, ref i);
        }

        if (i < s.Length && s[i] == (byte)'}')
        {
            i++;
            ok = true;
            return false;
        }

        int start = i;
        if (i >= s.Length || s[i] != (byte)'"' || !SkipString(s, ref i))
        {
            ok = false;
            return false;
        }

        name = s[(start + 1)..(i - 1)];
        SkipWhitespace(s, ref i);
        if (i >= s.Length || s[i] != (byte)':')
        {
            ok = false;
            return false;
        }

        i++;
        SkipWhitespace(s, ref i);
        ok = i < s.Length;
        return ok;
    }

    /// <summary>Moves to the next element of the array being walked; false at its end or when malformed (ok false).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool NextElement(ReadOnlySpan<byte> s, ref int i, out bool ok)
    {
        SkipWhitespace(s, ref i);
        if (i < s.Length && s[i] == (byte)',')
        {
            i++;
            SkipWhitespace(s, ref i);
        }

        if (i < s.Length && s[i] == (byte)']')
        {
            i++;
            ok = true;
            return false;
        }

        ok = i < s.Length;
        return ok;
    }

    /// <summary>The string value at <paramref name="i"/>, decoded (null for anything else), moving past it.</summary>
    public static bool String(ReadOnlySpan<byte> s, ref int i, out string? value, int maxBytes = int.MaxValue)
    {
        value = null;
        int start = i;
        if (i >= s.Length || s[i] != (byte)'"')
        {
            return SkipValue(s, ref i);
        }

        if (!SkipString(s, ref i))
        {
            return false;
        }

        var raw = s[(start + 1)..(i - 1)];
        if (raw.IndexOf((byte)'\\') < 0)
        {
            value = Encoding.UTF8.GetString(raw.Length > maxBytes ? raw[..maxBytes] : raw);
            return true;
        }

        // Escapes: decode a bounded prefix ending before a backslash run could be cut, then let the reader unescape it.
        var quoted = s[start..i];
        if (quoted.Length > maxBytes)
        {
            int cut = maxBytes;
            while (cut > 1 && quoted[cut - 1] == (byte)'\\')
            {
                cut--;
            }

            var head = new byte[cut + 1];
            quoted[..cut].CopyTo(head);
            head[cut] = (byte)'"';
            if (TryDecode(head, out value))
            {
                return true;
            }
        }

        TryDecode(quoted, out value);
        return true;
    }

    /// <summary>The raw bytes between the quotes of the string value at <paramref name="i"/> (empty for anything else), moving past it.</summary>
    public static bool Raw(ReadOnlySpan<byte> s, ref int i, out ReadOnlySpan<byte> raw)
    {
        raw = default;
        int start = i;
        if (i >= s.Length || s[i] != (byte)'"')
        {
            return SkipValue(s, ref i);
        }

        if (!SkipString(s, ref i))
        {
            return false;
        }

        raw = s[(start + 1)..(i - 1)];
        return true;
    }

    /// <summary>Whether the value at <paramref name="i"/> is the literal true, moving past it.</summary>
    public static bool Bool(ReadOnlySpan<byte> s, ref int i, out bool value)
    {
        value = s[i..].StartsWith("true"u8);
        return SkipValue(s, ref i);
    }

    /// <summary>A non-negative count at <paramref name="i"/> (0 for anything else), moving past it.</summary>
    public static bool Count(ReadOnlySpan<byte> s, ref int i, out long value)
    {
        value = 0;
        int start = i;
        if (!SkipValue(s, ref i))
        {
            return false;
        }

        var raw = s[start..i];
        if (System.Buffers.Text.Utf8Parser.TryParse(raw, out long v, out int used) && used == raw.Length)
        {
            value = Math.Max(0, v);
        }
        else if (System.Buffers.Text.Utf8Parser.TryParse(raw, out double d, out used) && used == raw.Length && double.IsFinite(d) && d > 0)
        {
            value = (long)Math.Min(d, long.MaxValue);
        }

        return true;
    }

    /// <summary>A finite non-negative number at <paramref name="i"/> (null for anything else), moving past it.</summary>
    public static bool Number(ReadOnlySpan<byte> s, ref int i, out double? value)
    {
        value = null;
        int start = i;
        if (!SkipValue(s, ref i))
        {
            return false;
        }

        var raw = s[start..i];
        if (System.Buffers.Text.Utf8Parser.TryParse(raw, out double d, out int used) && used == raw.Length && double.IsFinite(d) && d >= 0)
        {
            value = d;
        }

        return true;
    }

    /// <summary>An ISO-8601 timestamp string at <paramref name="i"/> (null if it is not one), moving past it.</summary>
    public static bool Timestamp(ReadOnlySpan<byte> s, ref int i, out DateTimeOffset? value)
    {
        value = null;
        int start = i;
        if (!SkipValue(s, ref i))
        {
            return false;
        }

        var quoted = s[start..i];
        if (quoted.Length > 2 && quoted[0] == (byte)'"')
        {
            var r = new Utf8JsonReader(quoted);
            if (r.Read() && r.TryGetDateTimeOffset(out var ts))
            {
                value = ts;
            }
        }

        return true;
    }

    private static bool TryDecode(ReadOnlySpan<byte> quoted, out string? value)
    {
        value = null;
        try
        {
            var r = new Utf8JsonReader(quoted);
            if (r.Read() && r.TokenType == JsonTokenType.String)
            {
                value = r.GetString();
                return true;
            }
        }
        catch (JsonException)
        {
        }
        catch (InvalidOperationException)
        {
        }

        return false;
    }
}
