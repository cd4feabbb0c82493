// The report options as users type them: a time zone (IANA id, "UTC" or "local") and inclusive dates.
using System.Globalization;

namespace ZosTelemetry.Reports;

public static class ReportArguments
{
    public static TimeZoneInfo ParseTimeZone(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Equals("local", StringComparison.OrdinalIgnoreCase))
        {
            return TimeZoneInfo.Local;
        }

        if (name.Equals("UTC", StringComparison.OrdinalIgnoreCase) || name == "Z")
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"Unknown time zone {Events.EventValidator.Show(name)}; use an IANA name such as Europe/Berlin, UTC or local.");
        }
    }

    /// <summary>YYYY-MM-DD or YYYYMMDD, as ccusage takes them.</summary>
    public static DateOnly ParseDate(string field, string text)
    {
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        throw new ArgumentException($"{field} must be a date such as 2025-10-01 or 20251001; got {Events.EventValidator.Show(text)}.");
    }

}
