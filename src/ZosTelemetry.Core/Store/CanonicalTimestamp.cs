// The fast path for the store's own timestamp shape, yyyy-MM-ddTHH:mm:ss[.fffffff]Z, read straight from UTF-8 into UTC
// ticks. Any other shape (an offset, no zone, a leap second, more digits) is declined and left to the full parser.

namespace ZosTelemetry.Store;

internal static class CanonicalTimestamp
{
    private static readonly int[] DaysBeforeMonth = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

    public static bool TryParseUtcTicks(ReadOnlySpan<byte> s, out long ticks)
    {
        ticks = 0;
        if (s.Length < 20 || s[^1] != (byte)'Z' || s[4] != (byte)'-' || s[7] != (byte)'-' || s[10] != (byte)'T' || s[13] != (byte)':' || s[16] != (byte)':')
        {
            return false;
        }

        if (!TryDigits(s, 0, 4, out int year) || !TryDigits(s, 5, 2, out int month) || !TryDigits(s, 8, 2, out int day)
            || !TryDigits(s, 11, 2, out int hour) || !TryDigits(s, 14, 2, out int minute) || !TryDigits(s, 17, 2, out int second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long fraction = 0;
        if (s.Length > 20)
        {
            // A fraction of 1 to 7 digits between the seconds and the Z.
            int digits = s.Length - 21;
            if (s[19] != (byte)'.' || digits is < 1 or > 7 || !TryDigits(s, 20, digits, out int value))
            {
                return false;
            }

            fraction = value;
            for (int i = digits; i < 7; i++)
            {
                fraction *= 10;
            }
        }

        int y = year - 1;
        bool leap = DateTime.IsLeapYear(year);
        long days = (y * 365L) + (y / 4) - (y / 100) + (y / 400) + DaysBeforeMonth[month - 1] + (leap && month > 2 ? 1 : 0) + day - 1;
        ticks = (days * TimeSpan.TicksPerDay) + (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute) + (second * TimeSpan.TicksPerSecond) + fraction;
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (int i = start; i < start + count; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return true;
    }
}
