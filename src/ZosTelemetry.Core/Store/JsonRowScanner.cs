// A forward-only, allocation-free reader of one JSONL row for the scans that must run at disk speed. It walks the
// bytes once, hands out the values a query needs as spans and checks the rest only for being valid JSON.
// It accepts only the plain shape the store's writers produce (ASCII, no escapes in names or in the values read,
// whole numbers without a fraction for counts) and declines anything else, so the caller can fall back to
// RowCodec's complete parse: the two paths agree on every row because the fast one never guesses.
// No scan of the store carries AggressiveOptimization (a method so marked skips its precompiled code and is compiled
// fully optimised at its first call) any more. The tool is installed as Native AOT where it is packed, where the
// attribute changes nothing; in pwsh, with the module's precompiled Core, it cost the first Get-TelemetryDailyUsage
// after an append about 20 ms (medians of 9 fresh pwsh processes, 109 against 89 ms, 2026-12-06, load 2-3); the
// ReadyToRun packages of other platforms rebuild the daily facts of 1M events about 6% slower without it (1,057
// against 997 ms of CPU, 11 runs, measured before Native AOT). The import's parsers keep it (Import/).
using System.Buffers.Text;

namespace ZosTelemetry.Store;

internal ref struct JsonRowScanner
{
    private const int MaxDepth = 32;

    private readonly ReadOnlySpan<byte> s;
    private int pos;
    private bool afterMember;

    public JsonRowScanner(ReadOnlySpan<byte> line)
    {
        s = line;
        pos = 0;
        afterMember = false;
    }

    /// <summary>Consumes the opening brace of the row's object.</summary>
    public bool TryStartObject()
    {
        SkipWhitespace();
        if (pos < s.Length && s[pos] == (byte)'{')
        {
            pos++;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Moves to the next property and returns its name, leaving the cursor on its value: 1 for a property, 0 at the
    /// end of the object (the rest of the line must be blank), -1 when the row is not of the plain shape.
    /// </summary>
    public int NextProperty(out ReadOnlySpan<byte> name)
    {
        name = default;
        SkipWhitespace();
        if (pos >= s.Length)
        {
            return -1;
        }

        if (s[pos] == (byte)'}')
        {
            pos++;
            SkipWhitespace();
            return pos == s.Length ? 0 : -1;
        }

        if (afterMember)
        {
            if (s[pos] != (byte)',')
            {
                return -1;
            }

            pos++;
            SkipWhitespace();
        }

        if (!TryReadString(out name))
        {
            return -1;
        }

        SkipWhitespace();
        if (pos >= s.Length || s[pos] != (byte)':')
        {
            return -1;
        }

        pos++;
        SkipWhitespace();
        afterMember = true;
        return 1;
    }

    /// <summary>
    /// Consumes the next property when it is exactly the expected one, written as the store's writers write it
    /// (<paramref name="quotedNameColon"/> is "name": with its quotes, no whitespace), and leaves the cursor on its
    /// value; otherwise consumes nothing and returns false, and the caller reads the property the general way.
    /// Rows come with their properties in the writer's order, so most properties cost one comparison.
    /// </summary>
    public bool TryNextPropertyIs(ReadOnlySpan<byte> quotedNameColon)
    {
        int start = afterMember ? pos + 1 : pos;
        if (afterMember && (pos >= s.Length || s[pos] != (byte)','))
        {
            return false;
        }

        if (start + quotedNameColon.Length > s.Length || !s.Slice(start, quotedNameColon.Length).SequenceEqual(quotedNameColon))
        {
            return false;
        }

        pos = start + quotedNameColon.Length;
        afterMember = true;
        return true;
    }

    /// <summary>
    /// True when every byte is printable ASCII (0x20-0x7E): the plain shape, checked once per row in one vectorised
    /// pass, so the string reads below need not look for control characters or multi-byte sequences one by one.
    /// </summary>
    public static bool IsPlainAscii(ReadOnlySpan<byte> line) => !line.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E);

    /// <summary>
    /// Reads a string without escapes; false (nothing consumed) otherwise. Rows pass IsPlainAscii first, so there are
    /// no control characters to refuse. A scalar loop: the strings of a row are a few bytes long, shorter than the
    /// set-up of a vectorised search.
    /// </summary>
    public bool TryReadString(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (pos >= s.Length || s[pos] != (byte)'"')
        {
            return false;
        }

        int i = pos + 1;
        while (i < s.Length)
        {
            byte b = s[i];
            if (b == (byte)'"')
            {
                value = s.Slice(pos + 1, i - pos - 1);
                pos = i + 1;
                return true;
            }

            if (b == (byte)'\\')
            {
                return false;
            }

            i++;
        }

        return false;
    }

    /// <summary>Consumes a JSON null.</summary>
    public bool TryReadNull()
    {
        if (s[pos..].StartsWith("null"u8))
        {
            pos += 4;
            return true;
        }

        return false;
    }

    public bool PeekNull() => pos < s.Length && s[pos] == (byte)'n';

    public bool PeekObject() => pos < s.Length && s[pos] == (byte)'{';

    public bool PeekBoolean() => pos < s.Length && s[pos] is (byte)'t' or (byte)'f';

    /// <summary>Consumes a JSON true or false.</summary>
    public bool TryReadBoolean(out bool value)
    {
        value = s[pos..].StartsWith("true"u8);
        if (value || s[pos..].StartsWith("false"u8))
        {
            pos += value ? 4 : 5;
            return true;
        }

        return false;
    }

    /// <summary>The raw bytes of the value under the cursor (an object, say), which is consumed; false when it is not valid.</summary>
    public bool TryReadRawValue(out ReadOnlySpan<byte> raw)
    {
        int start = pos;
        bool ok = TrySkipValue();
        raw = ok ? s[start..pos] : default;
        return ok;
    }

    /// <summary>A whole number in plain digits (no sign, fraction or exponent) that fits comfortably in a long.</summary>
    public bool TryReadWholeNumber(out long value)
    {
        value = 0;
        int start = pos, i = pos;
        while (i < s.Length && (uint)(s[i] - '0') <= 9)
        {
            value = (value * 10) + (s[i] - '0');
            i++;
        }

        int digits = i - start;
        if (digits == 0 || digits > 18 || (digits > 1 && s[start] == (byte)'0') || (i < s.Length && s[i] is (byte)'.' or (byte)'e' or (byte)'E'))
        {
            return false;
        }

        pos = i;
        return true;
    }

    /// <summary>A non-negative number without exponent (digits, optionally a fraction), parsed exactly as the full reader does.</summary>
    public bool TryReadPlainNumber(out double value)
    {
        value = 0;
        int i = pos;
        int intStart = i;
        while (i < s.Length && (uint)(s[i] - '0') <= 9)
        {
            i++;
        }

        if (i == intStart || (i - intStart > 1 && s[intStart] == (byte)'0'))
        {
            return false;
        }

        if (i < s.Length && s[i] == (byte)'.')
        {
            int fracStart = ++i;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                i++;
            }

            if (i == fracStart)
            {
                return false;
            }
        }

        if (i < s.Length && s[i] is (byte)'e' or (byte)'E')
        {
            return false;
        }

        if (!TryExactDecimal(s[pos..i], out value)
            && (!Utf8Parser.TryParse(s[pos..i], out value, out int consumed) || consumed != i - pos || !double.IsFinite(value)))
        {
            return false;
        }

        pos = i;
        return true;
    }

    private static readonly double[] PowersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>
    /// digits[.digits] with at most 15 digits in all: the digits as an integer and the power of ten are both exact
    /// doubles, so one division gives the correctly rounded value, the same double any correct parser returns
    /// (Clinger's fast path). Longer numbers are left to Utf8Parser.
    /// </summary>
    private static bool TryExactDecimal(ReadOnlySpan<byte> number, out double value)
    {
        value = 0;
        long mantissa = 0;
        int digits = 0, fraction = -1;
        foreach (byte b in number)
        {
            if (b == (byte)'.')
            {
                fraction = 0;
                continue;
            }

            mantissa = (mantissa * 10) + (b - '0');
            digits++;
            if (fraction >= 0)
            {
                fraction++;
            }
        }

        if (digits > 15)
        {
            return false;
        }

        value = fraction > 0 ? mantissa / PowersOfTen[fraction] : mantissa;
        return true;
    }

    /// <summary>Opens an array; then call NextElement until it returns 0.</summary>
    public bool TryStartArray()
    {
        if (pos < s.Length && s[pos] == (byte)'[')
        {
            pos++;
            return true;
        }

        return false;
    }

    /// <summary>1 when an element follows (cursor on it), 0 after the closing bracket, -1 when malformed.</summary>
    public int NextElement(bool first)
    {
        SkipWhitespace();
        if (pos >= s.Length)
        {
            return -1;
        }

        if (s[pos] == (byte)']')
        {
            pos++;
            return 0;
        }

        if (!first)
        {
            if (s[pos] != (byte)',')
            {
                return -1;
            }

            pos++;
            SkipWhitespace();
        }

        return 1;
    }

    /// <summary>Consumes any JSON value, checking that it is well formed; false when it is not (or too deep).</summary>
    public bool TrySkipValue() => TrySkipValue(1);

    private bool TrySkipValue(int depth)
    {
        if (pos >= s.Length)
        {
            return false;
        }

        switch (s[pos])
        {
            case (byte)'"':
                return TrySkipString();
            case (byte)'{':
                return depth < MaxDepth && TrySkipContainer((byte)'}', depth, members: true);
            case (byte)'[':
                return depth < MaxDepth && TrySkipContainer((byte)']', depth, members: false);
            case (byte)'t':
                return TryLiteral("true"u8);
            case (byte)'f':
                return TryLiteral("false"u8);
            case (byte)'n':
                return TryLiteral("null"u8);
            default:
                return TrySkipNumber();
        }
    }

    private bool TrySkipContainer(byte close, int depth, bool members)
    {
        pos++;
        bool first = true;
        while (true)
        {
            SkipWhitespace();
            if (pos >= s.Length)
            {
                return false;
            }

            if (s[pos] == close)
            {
                pos++;
                return true;
            }

            if (!first)
            {
                if (s[pos] != (byte)',')
                {
                    return false;
                }

                pos++;
                SkipWhitespace();
            }

            first = false;
            if (members)
            {
                if (pos >= s.Length || s[pos] != (byte)'"' || !TrySkipString())
                {
                    return false;
                }

                SkipWhitespace();
                if (pos >= s.Length || s[pos] != (byte)':')
                {
                    return false;
                }

                pos++;
                SkipWhitespace();
            }

            if (!TrySkipValue(depth + 1))
            {
                return false;
            }
        }
    }

    /// <summary>A string with escapes allowed, each checked against the JSON grammar.</summary>
    private bool TrySkipString()
    {
        int i = pos + 1;
        while (true)
        {
            int stop = s[i..].IndexOfAny((byte)'"', (byte)'\\');
            if (stop < 0 || s.Slice(i, stop).IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0)
            {
                return false;
            }

            i += stop;
            if (s[i] == (byte)'"')
            {
                pos = i + 1;
                return true;
            }

            // An escape: \" \\ \/ \b \f \n \r \t or \u and four hex digits.
            if (i + 1 >= s.Length)
            {
                return false;
            }

            byte e = s[i + 1];
            if (e == (byte)'u')
            {
                if (i + 6 > s.Length || !IsHex(s[i + 2]) || !IsHex(s[i + 3]) || !IsHex(s[i + 4]) || !IsHex(s[i + 5]))
                {
                    return false;
                }

                i += 6;
            }
            else if (e is (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t')
            {
                i += 2;
            }
            else
            {
                return false;
            }
        }
    }

    /// <summary>The JSON number grammar: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?</summary>
    private bool TrySkipNumber()
    {
        int i = pos;
        if (i < s.Length && s[i] == (byte)'-')
        {
            i++;
        }

        int intStart = i;
        while (i < s.Length && (uint)(s[i] - '0') <= 9)
        {
            i++;
        }

        if (i == intStart || (i - intStart > 1 && s[intStart] == (byte)'0'))
        {
            return false;
        }

        if (i < s.Length && s[i] == (byte)'.')
        {
            int fracStart = ++i;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                i++;
            }

            if (i == fracStart)
            {
                return false;
            }
        }

        if (i < s.Length && s[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < s.Length && s[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            int expStart = i;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                i++;
            }

            if (i == expStart)
            {
                return false;
            }
        }

        pos = i;
        return true;
    }

    private bool TryLiteral(ReadOnlySpan<byte> literal)
    {
        if (s[pos..].StartsWith(literal))
        {
            pos += literal.Length;
            return true;
        }

        return false;
    }

    private void SkipWhitespace()
    {
        while (pos < s.Length && s[pos] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            pos++;
        }
    }

    private static bool IsHex(byte b) => (uint)(b - '0') <= 9 || (uint)((b | 0x20) - 'a') <= 'f' - 'a';
}
