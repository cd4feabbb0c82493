// The two row formats of schema 1: what is written parses back to the same values.
using System.Buffers;
using System.Text;
using System.Text.Json;
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class RowCodecTests
{
    private static byte[] Written(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static readonly TelemetryEvent FullEvent = new()
    {
        Timestamp = new DateTimeOffset(2026, 6, 10, 12, 34, 56, 789, TimeSpan.Zero),
        SessionId = "sess-1",
        System = "claude-code",
        Context = "big repo",
        Role = "dev",
        Kind = EventKinds.UserMessage,
        Model = "openai/gpt-4o",
        TokensIn = 123,
        TokensOut = 456,
        CostUsd = 0.1 + 0.2,
        Markers = ["corr.strong.1", "corr.opener.2"],
    };

    private static readonly SessionSummary FullSession = new()
    {
        SessionId = "sess-1",
        System = "claude-code",
        Context = "big repo",
        Model = "claude-3-5-sonnet@20240620",
        DetectorVersion = 1,
        Turns = 10,
        UserTurns = 5,
        Corrections = 2,
        Events = 14,
        TokensIn = 1000,
        TokensOut = 2000,
        CostUsd = 0.0375,
        FirstTimestamp = new DateTimeOffset(2026, 6, 10, 12, 0, 0, TimeSpan.Zero),
        LastTimestamp = new DateTimeOffset(2026, 6, 10, 12, 30, 0, 500, TimeSpan.Zero),
        DurationSeconds = 1800.5,
        ClosedAt = new DateTimeOffset(2026, 6, 10, 13, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public void WriteEvent_ThenTryParseEvent_RoundTripsEveryField()
    {
        Assert.True(RowCodec.TryParseEvent(Written(w => RowCodec.WriteEvent(w, FullEvent)), out var e, out var reason), reason);

        Assert.NotNull(e);
        Assert.Equal(FullEvent.Schema, e.Schema);
        Assert.Equal(FullEvent.Timestamp, e.Timestamp);
        Assert.Equal(FullEvent.SessionId, e.SessionId);
        Assert.Equal(FullEvent.System, e.System);
        Assert.Equal(FullEvent.Context, e.Context);
        Assert.Equal(FullEvent.Role, e.Role);
        Assert.Equal(FullEvent.Kind, e.Kind);
        Assert.Equal(FullEvent.Model, e.Model);
        Assert.Equal(FullEvent.TokensIn, e.TokensIn);
        Assert.Equal(FullEvent.TokensOut, e.TokensOut);
        Assert.Equal(FullEvent.CostUsd, e.CostUsd); // 0.30000000000000004 must survive exactly
        Assert.Equal(FullEvent.Markers, e.Markers);
    }

    [Fact]
    public void WriteEvent_NullOptionals_WrittenAsJsonNullAndParsedAsNull()
    {
        var bare = new TelemetryEvent { Timestamp = FullEvent.Timestamp, SessionId = "s", System = "x", Kind = "x.k" };
        byte[] row = Written(w => RowCodec.WriteEvent(w, bare));

        using (var doc = JsonDocument.Parse(row))
        {
            Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("context").ValueKind);
            Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("role").ValueKind);
            Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("model").ValueKind);
        }

        Assert.True(RowCodec.TryParseEvent(row, out var e, out _));
        Assert.Null(e!.Context);
        Assert.Null(e.Role);
        Assert.Null(e.Model);
        Assert.Empty(e.Markers);
    }

    [Fact]
    public void WriteEvent_Row_IsOneLineWithTheDocumentedFieldOrder()
    {
        string row = Encoding.UTF8.GetString(Written(w => RowCodec.WriteEvent(w, FullEvent)));

        Assert.DoesNotContain("\n", row, StringComparison.Ordinal);
        Assert.StartsWith("""{"schema":1,"ts":"2026-06-10T12:34:56.789Z","session_id":"sess-1","system":"claude-code",""", row, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteEvent_WholeSecondTimestamp_HasNoMilliseconds()
    {
        var e = new TelemetryEvent { Timestamp = new DateTimeOffset(2026, 6, 10, 12, 0, 0, TimeSpan.Zero), SessionId = "s", System = "x", Kind = "x.k" };

        Assert.Contains("\"ts\":\"2026-06-10T12:00:00Z\"", Encoding.UTF8.GetString(Written(w => RowCodec.WriteEvent(w, e))), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteSession_ThenTryParseSession_RoundTripsEveryField()
    {
        Assert.True(RowCodec.TryParseSession(Written(w => RowCodec.WriteSession(w, FullSession)), out var s, out var reason), reason);

        Assert.NotNull(s);
        Assert.Equal(FullSession.Schema, s.Schema);
        Assert.Equal(FullSession.SessionId, s.SessionId);
        Assert.Equal(FullSession.System, s.System);
        Assert.Equal(FullSession.Context, s.Context);
        Assert.Equal(FullSession.Model, s.Model);
        Assert.Equal(FullSession.DetectorVersion, s.DetectorVersion);
        Assert.Equal(FullSession.Turns, s.Turns);
        Assert.Equal(FullSession.UserTurns, s.UserTurns);
        Assert.Equal(FullSession.Corrections, s.Corrections);
        Assert.Equal(FullSession.Events, s.Events);
        Assert.Equal(FullSession.TokensIn, s.TokensIn);
        Assert.Equal(FullSession.TokensOut, s.TokensOut);
        Assert.Equal(FullSession.CostUsd, s.CostUsd);
        Assert.Equal(FullSession.FirstTimestamp, s.FirstTimestamp);
        Assert.Equal(FullSession.LastTimestamp, s.LastTimestamp);
        Assert.Equal(FullSession.DurationSeconds, s.DurationSeconds);
        Assert.Equal(FullSession.ClosedAt, s.ClosedAt);
    }

    [Fact]
    public void WriteSession_NullContextAndModel_ParsedAsNull()
    {
        var bare = new SessionSummary { SessionId = "s", System = "x", FirstTimestamp = FullSession.FirstTimestamp, LastTimestamp = FullSession.LastTimestamp, ClosedAt = FullSession.ClosedAt };

        Assert.True(RowCodec.TryParseSession(Written(w => RowCodec.WriteSession(w, bare)), out var s, out _));
        Assert.Null(s!.Context);
        Assert.Null(s.Model);
    }

    [Fact]
    public void TryParseSession_RowFromAnotherWriterWithUnknownFieldsAndIntegralFloats_IsRead()
    {
        byte[] row = """{"schema":1,"ts_closed":"2026-06-10T13:00:00Z","session_id":"py","system":"aider","first_ts":"2026-06-10T12:00:00+00:00","last_ts":"2026-06-10T12:30:00Z","turns":4.0,"user_turns":2.0,"corrections":1.0,"events":6.0,"tokens_in":1200.0,"tokens_out":0,"cost_usd":0.5,"duration_s":1800.0,"host":{"os":"linux"},"tags":["a"]}"""u8.ToArray();

        Assert.True(RowCodec.TryParseSession(row, out var s, out var reason), reason);
        Assert.Equal(4, s!.Turns);
        Assert.Equal(1200, s.TokensIn);
        Assert.Equal(1800.0, s.DurationSeconds);
    }

    [Theory]
    [InlineData("""{"schema":1,"session_id":"s","system":"x","first_ts":"2026-06-10T12:00:00Z","last_ts":"2026-06-10T12:00:00Z"}""", "ts_closed")]
    [InlineData("""{"schema":2,"ts_closed":"2026-06-10T13:00:00Z","session_id":"s","system":"x","first_ts":"2026-06-10T12:00:00Z","last_ts":"2026-06-10T12:00:00Z"}""", "schema 2")]
    [InlineData("""{"schema":1,"ts_closed":"2026-06-10T13:00:00Z","session_id":"s","system":"x","first_ts":"2026-06-10T12:00:00Z","last_ts":"2026-06-10T12:00:00Z","turns":-1}""", "turns")]
    [InlineData("""{"schema":1,"ts_closed":"2026-06-10T13:00:00Z","session_id":"s","system":"x","first_ts":"2026-06-10T12:00:00Z","last_ts":"2026-06-10T12:00:00Z","turns":1.5}""", "turns")]
    [InlineData("""{"schema":1,"ts_closed":"not a time","session_id":"s","system":"x","first_ts":"2026-06-10T12:00:00Z","last_ts":"2026-06-10T12:00:00Z"}""", "ts_closed")]
    public void TryParseSession_UnusableRow_ReturnsFalseWithReason(string json, string reasonMentions)
    {
        Assert.False(RowCodec.TryParseSession(Encoding.UTF8.GetBytes(json), out var s, out var reason));

        Assert.Null(s);
        Assert.Contains(reasonMentions, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"schema":1,"ts":"2026-06-10T12:00:00Z","session_id":"s","system":"x","kind":"x.k","markers":"corr.x"}""", "markers is a string")]
    [InlineData("""{"schema":1,"ts":"2026-06-10T12:00:00Z","session_id":"s","system":"x","kind":"x.k","markers":[1]}""", "markers holds a value")]
    [InlineData("""{"schema":1,"ts":"2026-06-10T12:00:00Z","session_id":"s","system":"x","kind":"x.k","cost_usd":-1}""", "cost_usd")]
    [InlineData("""{"schema":1,"ts":"2026-06-10T12:00:00Z","session_id":"s","system":"x","kind":"x.k"} {}""", "JSON")]
    [InlineData("""{"schema":"1","ts":"2026-06-10T12:00:00Z","session_id":"s","system":"x","kind":"x.k"}""", "schema is a string")]
    [InlineData("""{"schema":1,"ts":"2026-06-10T12:00:00Z","session_id":7,"system":"x","kind":"x.k"}""", "session_id is a number")]
    public void TryParseEvent_UnusableRow_ReturnsFalseWithReason(string json, string reasonMentions)
    {
        Assert.False(RowCodec.TryParseEvent(Encoding.UTF8.GetBytes(json), out var e, out var reason));

        Assert.Null(e);
        Assert.Contains(reasonMentions, reason, StringComparison.Ordinal);
    }
}
