// Rows written by other schema-1 writers may carry a timestamp without an offset (Python's naive isoformat()).
// The store's convention is UTC, whatever the reader's local time zone. Changing the local zone is process-global,
// so these run alone and restore it.
using System.Text;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

[Collection(ProcessStateCollection.Name)]
public sealed class NaiveTimestampTests : IDisposable
{
    private readonly EnvironmentVariableScope tz;

    public NaiveTimestampTests()
    {
        // On Unix .NET reads TZ when it rebuilds its cached local zone; UTC+5 with no daylight saving.
        tz = new EnvironmentVariableScope("TZ", "Etc/GMT-5");
        TimeZoneInfo.ClearCachedData();
    }

    public void Dispose()
    {
        tz.Dispose();
        TimeZoneInfo.ClearCachedData();
    }

    [UnixFact]
    public void TryParseEvent_TimestampWithoutOffsetInNonUtcZone_IsTakenAsUtc()
    {
        Assert.Equal(TimeSpan.FromHours(5), TimeZoneInfo.Local.GetUtcOffset(DateTime.UtcNow)); // the zone switch took effect
        byte[] row = Encoding.UTF8.GetBytes("""{"schema":1,"ts":"2026-06-10T18:00:00","session_id":"py","system":"aider","kind":"user_message"}""");

        Assert.True(RowCodec.TryParseEvent(row, out var e, out _));
        Assert.Equal(Make.Utc(2026, 6, 10, 18), e!.Timestamp);
    }
}
