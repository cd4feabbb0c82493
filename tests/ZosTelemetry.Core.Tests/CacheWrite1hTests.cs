// The optional cache_write_1h_tokens field (the 1-hour part of cache_write_tokens) and AppendSessions, both added for
// the log importer: written only when given, read back, and held to being a part of the cache writes.
using System.Buffers;
using System.Text;
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class CacheWrite1hTests : IDisposable
{
    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    private static TelemetryEvent WithCacheWrites(long? all, long? oneHour) => new()
    {
        Timestamp = Make.Now.AddHours(-1),
        SessionId = "s1",
        System = "claude-code",
        Kind = EventKinds.AssistantMessage,
        CacheWriteTokens = all,
        CacheWrite1hTokens = oneHour,
    };

    [Fact]
    public void WriteEvent_WithOneHourPart_RoundTrips()
    {
        var buffer = new ArrayBufferWriter<byte>();
        RowCodec.WriteEvent(buffer, WithCacheWrites(5000, 2000));

        Assert.True(RowCodec.TryParseEvent(buffer.WrittenSpan, out var e, out var reason), reason);
        Assert.Equal(5000, e!.CacheWriteTokens);
        Assert.Equal(2000, e.CacheWrite1hTokens);
    }

    [Fact]
    public void WriteEvent_WithoutOneHourPart_WritesNoField()
    {
        var buffer = new ArrayBufferWriter<byte>();
        RowCodec.WriteEvent(buffer, WithCacheWrites(5000, null));

        Assert.DoesNotContain("cache_write_1h_tokens", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Validate_OneHourPartAboveAllCacheWrites_IsRefused()
    {
        var ex = Assert.Throws<TelemetryValidationException>(() => EventValidator.Validate(WithCacheWrites(100, 101), Make.Now));

        Assert.Equal("cache_write_1h_tokens", ex.Field);
    }

    [Fact]
    public void Validate_OneHourPartWithinCacheWrites_IsKept()
    {
        Assert.Equal(100, EventValidator.Validate(WithCacheWrites(100, 100), Make.Now).CacheWrite1hTokens);
    }

    [Fact]
    public void AppendSessions_ThenReadSessions_ReturnsTheRows()
    {
        var store = new TelemetryStore(temp.Path);
        var acc = new SessionAccumulator("s1");
        acc.Add(EventValidator.Validate(Make.Event(kind: EventKinds.UserMessage), Make.Now));
        store.AppendSessions([acc.ToSummary(Make.Now, 1)]);

        var row = Assert.Single(store.ReadSessions());
        Assert.Equal("s1", row.SessionId);
        Assert.Equal(1, row.UserTurns);
    }

    [Fact]
    public void AppendSessions_RowWithBadSessionId_WritesNothing()
    {
        var store = new TelemetryStore(temp.Path);
        var bad = new SessionSummary { SessionId = "not an id", System = "x", FirstTimestamp = Make.Now, LastTimestamp = Make.Now, ClosedAt = Make.Now };

        Assert.Throws<TelemetryValidationException>(() => store.AppendSessions([bad]));
        Assert.Empty(store.ReadSessionRows());
    }
}
