// The store's one timestamp format: UTC with a Z, seconds precision, milliseconds only when present
// (yyyy-MM-ddTHH:mm:ss[.fff]Z), written digit by digit: rows carry it as bytes (PlainRowWriter), everything else as text.
using System.Text;

namespace ZosTelemetry.Store;

public static class Iso8601
{
    /// <summary>The longest text Format writes: 2026-06-10T18:00:00.123Z.</summary>
    public const int MaxLength = 24;

    public static string Format(DateTimeOffset ts)
    {
        Span<byte> text = stackalloc byte[MaxLength];
        int n = 0;
        Write(text, ref n, ts);
        return Encoding.ASCII.GetString(text[..n]);
    }

    /// <summary>Writes the timestamp's text at s[n..] (at least MaxLength long) and moves n past it.</summary>
    internal static void Write(Span<byte> s, ref int n, DateTimeOffset ts)
    {
        var utc = ts.UtcDateTime;
        Digits(s, ref n, utc.Year, 4);
        s[n++] = (byte)'-';
        Digits(s, ref n, utc.Month, 2);
        s[n++] = (byte)'-';
        Digits(s, ref n, utc.Day, 2);
        s[n++] = (byte)'T';
        Digits(s, ref n, utc.Hour, 2);
        s[n++] = (byte)':';
        Digits(s, ref n, utc.Minute, 2);
        s[n++] = (byte)':';
        Digits(s, ref n, utc.Second, 2);
        if (utc.Millisecond != 0)
        {
            s[n++] = (byte)'.';
            Digits(s, ref n, utc.Millisecond, 3);
        }

        s[n++] = (byte)'Z';
    }

    private static void Digits(Span<byte> s, ref int n, int value, int count)
    {
        for (int i = count - 1; i >= 0; i--)
        {
            s[n + i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        n += count;
    }
}
