// The hand-written event row writer against the Utf8JsonWriter path it stands in for: the same bytes for every event
// it takes, and every event it does not take left to the reference path untouched.
using System.Buffers;
using System.Text;
using System.Text.Json;
using ZosTelemetry.Events;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class PlainRowWriterTests
{
    /// <summary>The bytes a write produced, or the type of exception it threw.</summary>
    private static string Outcome(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        try
        {
            write(buffer);
        }
        catch (Exception ex)
        {
            return "throws " + ex.GetType().Name;
        }

        return Encoding.Latin1.GetString(buffer.WrittenSpan);
    }

    /// <summary>The event with its optional fields filled at random, numbers from anywhere in their range.</summary>
    private static TelemetryEvent WithRandomOptionals(TelemetryEvent e, Random random)
    {
        long? Count() => random.Next(4) switch
        {
            0 => null,
            1 => random.NextInt64(long.MinValue, long.MaxValue),
            2 => random.Next(3) == 0 ? long.MinValue : long.MaxValue,
            _ => random.NextInt64(0, 100_000),
        };
        string? Name() => random.Next(3) switch
        {
            0 => null,
            1 => "anthropic",
            _ => random.Next(2) == 0 ? "a+b" : "x/y.z:1@2",
        };

        return new TelemetryEvent
        {
            Schema = random.Next(5) == 0 ? random.Next(int.MinValue, int.MaxValue) : e.Schema,
            Timestamp = e.Timestamp,
            SessionId = e.SessionId,
            System = e.System,
            Context = e.Context,
            Role = e.Role,
            Kind = e.Kind,
            Model = e.Model,
            TokensIn = random.Next(4) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : e.TokensIn,
            TokensOut = e.TokensOut,
            CostUsd = random.Next(3) == 0 ? BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue)) : e.CostUsd,
            Markers = e.Markers,
            CacheReadTokens = Count(),
            CacheWriteTokens = Count(),
            Provider = Name(),
            Tier = Name(),
            DurationMs = Count(),
            CacheHit = random.Next(3) switch { 0 => null, 1 => true, _ => false },
            User = random.Next(2) == 0 ? null : "0123456789abcdef",
            EventId = random.Next(2) == 0 ? e.EventId : EventIds.New(),
            CacheWrite1hTokens = Count(),
            Tool = Name(),
            Ok = random.Next(3) switch { 0 => null, 1 => true, _ => false },
            ErrorCategory = Name(),
            ErrorFingerprint = random.Next(2) == 0 ? null : "0123456789ab",
            Outcome = Name(),
            Attempt = Count(),
            TaskId = Name(),
            AttemptId = Name(),
            Variant = Name(),
        };
    }

    [Fact]
    public void WriteEvent_GeneratedEvents_WritesTheBytesOfUtf8JsonWriter()
    {
        var rows = new RandomRows(FuzzSeed.Value + 10);
        var random = new Random(FuzzSeed.Value + 11);
        int cases = FuzzSeed.Cases(20_000), plain = 0;
        for (int i = 0; i < cases; i++)
        {
            var e = rows.Event(Make.Now);
            if (random.Next(2) == 0)
            {
                e = WithRandomOptionals(e, random);
            }

            if (random.Next(2) == 0)
            {
                try
                {
                    e = EventValidator.Validate(e, Make.Now);
                }
                catch (TelemetryValidationException)
                {
                    // written as generated: the codec writes whatever it is given
                }
            }

            string expected = Outcome(w => RowCodec.WriteEventJson(w, e));
            Assert.True(expected == Outcome(w => RowCodec.WriteEvent(w, e)), $"case {i}: not the bytes of Utf8JsonWriter, {expected} ({FuzzSeed.Describe})");
            plain += PlainRowWriter.TryWriteEvent(new ArrayBufferWriter<byte>(), e) ? 1 : 0;
        }

        // Both writers must be exercised, or the generator no longer tests the fallback or the fast path.
        Assert.InRange(plain, cases / 10, cases - (cases / 10));
    }

    [Fact]
    public void EventLine_GeneratedEvents_IsWriteEventsRowAndANewline()
    {
        var rows = new RandomRows(FuzzSeed.Value + 12);
        var random = new Random(FuzzSeed.Value + 13);
        for (int i = 0; i < FuzzSeed.Cases(5000); i++)
        {
            var e = WithRandomOptionals(rows.Event(Make.Now), random);
            string expected = Outcome(w => { RowCodec.WriteEvent(w, e); w.Write("\n"u8); });
            Assert.True(expected == Outcome(w => w.Write(RowCodec.EventLine(e))), $"case {i}: not WriteEvent's row, {expected} ({FuzzSeed.Describe})");
        }
    }

    [Fact]
    public void TryWriteEvent_PlainCharacters_AreWrittenUnescapedByUtf8JsonWriter()
    {
        for (int c = 0; c <= char.MaxValue; c++)
        {
            if (!PlainRowWriter.IsPlain((char)c))
            {
                continue;
            }

            var buffer = new ArrayBufferWriter<byte>();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStringValue(((char)c).ToString());
            }

            Assert.Equal("\"" + (char)c + "\"", Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
    }

    [Fact]
    public void TryWriteEvent_StringToEscape_WritesNothingAndReturnsFalse()
    {
        var buffer = new ArrayBufferWriter<byte>();

        Assert.False(PlainRowWriter.TryWriteEvent(buffer, Make.Event(sessionId: "run+1")));
        Assert.Equal(0, buffer.WrittenCount);
    }

    [Fact]
    public void TryWriteEvent_NonFiniteCost_ReturnsFalseSoUtf8JsonWriterRefusesIt()
    {
        Assert.False(PlainRowWriter.TryWriteEvent(new ArrayBufferWriter<byte>(), Make.Event(costUsd: double.NaN)));
    }
}
