// The store's one timestamp format: UTC with a Z, seconds precision, milliseconds only when present.
using System.Globalization;

namespace ZosTelemetry.Store;

public static class Iso8601
{
    public static string Format(DateTimeOffset ts)
    {
        var utc = ts.UtcDateTime;
        return utc.Millisecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }
}
