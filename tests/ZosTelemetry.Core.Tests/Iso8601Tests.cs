// The store's timestamp text, written digit by digit, against the framework's own formatting of the same pattern.
using System.Globalization;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class Iso8601Tests
{
    [Fact]
    public void Format_RandomInstants_EqualsTheFrameworksPattern()
    {
        var random = new Random(20261202);
        for (int i = 0; i < 20_000; i++)
        {
            long ticks = random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);
            ticks -= ticks % TimeSpan.TicksPerMillisecond;
            if (i % 3 == 0)
            {
                ticks -= ticks % TimeSpan.TicksPerSecond; // whole seconds: no fraction written
            }

            var utc = new DateTime(ticks, DateTimeKind.Utc);
            string expected = utc.ToString(utc.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

            Assert.Equal(expected, Iso8601.Format(new DateTimeOffset(utc)));
        }
    }

    [Fact]
    public void Format_OffsetInstant_WrittenInUtc()
    {
        Assert.Equal("2026-06-10T16:00:00.120Z", Iso8601.Format(new DateTimeOffset(2026, 6, 10, 18, 0, 0, 120, TimeSpan.FromHours(2))));
    }
}
