// The fast event scan against RowCodec's complete parse: same rows accepted, same facts read, on hand-picked and
// on thousands of generated and mutated rows.
using System.Text;
using ZosTelemetry.Events;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class EventRowReaderTests
{
    [Fact]
    public void TryReadPlain_RowAsTheStoreWritesIt_ReadsEveryFact()
    {
        byte[] row = Encoding.UTF8.GetBytes("""{"schema":1,"ts":"2026-06-10T18:00:00.250Z","session_id":"s1","system":"claude-code","context":null,"role":null,"kind":"user_message","model":"m-x","tokens_in":1200,"tokens_out":300,"cost_usd":0.0081,"markers":["note.a","corr.strong.2"]}""");

        Assert.True(EventRowReader.TryReadPlain(row, out var f));

        Assert.Equal(new DateTimeOffset(2026, 6, 10, 18, 0, 0, 250, TimeSpan.Zero).UtcTicks, f.UtcTicks);
        Assert.Equal("s1"u8.ToArray(), f.SessionId.ToArray());
        Assert.Equal("claude-code"u8.ToArray(), f.System.ToArray());
        Assert.Equal("m-x"u8.ToArray(), f.Model.ToArray());
        Assert.True(f.IsUserTurn);
        Assert.True(f.IsCorrection);
        Assert.Equal(1200, f.TokensIn);
        Assert.Equal(300, f.TokensOut);
        Assert.Equal(0.0081, f.CostUsd);
    }

    [Theory]
    [InlineData("""{"schema":1,"ts":"2026-06-10T18:00:00+02:00","session_id":"s1","system":"a","kind":"x.k"}""")]
    [InlineData("""{"schema":1,"ts":"2026-06-10T18:00:00Z","session_id":"s\u0031","system":"a","kind":"x.k"}""")]
    [InlineData("""{"schema":1,"ts":"2026-06-10T18:00:00Z","session_id":"s1","system":"a","kind":"x.k","tokens_in":1200.0}""")]
    [InlineData("""{"schema":1,"ts":"2026-06-10T18:00:00Z","session_id":"s1","system":"a","kind":"x.k","cost_usd":1e-3}""")]
    [InlineData("""{"schema":1,"ts":"2026-06-10T18:00:00Z","session_id":"s1","system":"a","kind":"x.k","note":"café"}""")]
    public void TryReadPlain_ShapesLeftToTheFullParser_DeclinesButTryReadAgreesWithRowCodec(string json)
    {
        byte[] row = Encoding.UTF8.GetBytes(json);

        Assert.False(EventRowReader.TryReadPlain(row, out _));
        Assert.True(EventRowReader.TryRead(row, out var f, out _));
        Assert.True(RowCodec.TryParseEvent(row, out var e, out _));
        AssertSameFacts(EventRowReader.From(e!), f);
    }

    [Fact]
    public void TryRead_ThousandsOfGeneratedAndMutatedRows_AgreesWithRowCodecOnEveryRow()
    {
        var gen = new RowMutator(seed: 6);
        int accepted = 0, refused = 0, fast = 0;
        for (int i = 0; i < 20_000; i++)
        {
            byte[] row = Encoding.UTF8.GetBytes(gen.Mutate(RowMutator.Write(gen.Event())));

            bool slowOk = RowCodec.TryParseEvent(row, out var e, out string? slowReason);
            bool ok = EventRowReader.TryRead(row, out var f, out string? reason);
            bool plain = EventRowReader.TryReadPlain(row, out var p);

            Assert.True(slowOk == ok, $"row {i}: RowCodec {(slowOk ? "accepts" : "refuses")} but the scan {(ok ? "accepts" : "refuses")}: {Encoding.UTF8.GetString(row)}");
            Assert.False(plain && !slowOk, $"row {i}: the fast path accepts a row RowCodec refuses ({slowReason}): {Encoding.UTF8.GetString(row)}");
            if (ok)
            {
                AssertSameFacts(EventRowReader.From(e!), f);
                accepted++;
            }
            else
            {
                Assert.Equal(slowReason, reason);
                refused++;
            }

            if (plain)
            {
                AssertSameFacts(EventRowReader.From(e!), p);
                fast++;
            }
        }

        // The mix must exercise both outcomes and mostly the fast path, or the test proves little.
        Assert.True(refused > 2_000 && accepted > 10_000 && fast > 8_000, $"accepted {accepted}, refused {refused}, fast {fast}");
    }

    [Theory]
    [InlineData("2026-06-10T18:00:00Z")]
    [InlineData("2026-02-28T23:59:59.9999999Z")]
    [InlineData("2024-02-29T00:00:00.1Z")]
    [InlineData("2000-01-01T00:00:00.123Z")]
    public void CanonicalTimestamp_StoreShape_ParsesToTheSameTicksAsTheFramework(string ts)
    {
        Assert.True(CanonicalTimestamp.TryParseUtcTicks(Encoding.ASCII.GetBytes(ts), out long ticks));
        Assert.Equal(DateTimeOffset.Parse(ts, System.Globalization.CultureInfo.InvariantCulture).UtcTicks, ticks);
    }

    [Theory]
    [InlineData("2026-02-29T00:00:00Z")]
    [InlineData("2026-06-10T24:00:00Z")]
    [InlineData("2026-06-10T18:00:60Z")]
    [InlineData("2026-13-10T18:00:00Z")]
    [InlineData("2026-06-10T18:00:00")]
    [InlineData("2026-06-10 18:00:00Z")]
    [InlineData("2026-06-10T18:00:00.Z")]
    [InlineData("2026-06-10T18:00:00.12345678Z")]
    public void CanonicalTimestamp_OtherShapes_Declined(string ts)
    {
        Assert.False(CanonicalTimestamp.TryParseUtcTicks(Encoding.ASCII.GetBytes(ts), out _));
    }

    private static void AssertSameFacts(EventFacts expected, EventFacts actual)
    {
        Assert.Equal(expected.UtcTicks, actual.UtcTicks);
        Assert.Equal(expected.SessionId.ToArray(), actual.SessionId.ToArray());
        Assert.Equal(expected.System.ToArray(), actual.System.ToArray());
        Assert.Equal(expected.Kind.ToArray(), actual.Kind.ToArray());
        Assert.Equal(expected.Model.ToArray(), actual.Model.ToArray());
        Assert.Equal(expected.HasCorrectionMarker, actual.HasCorrectionMarker);
        Assert.Equal(expected.TokensIn, actual.TokensIn);
        Assert.Equal(expected.TokensOut, actual.TokensOut);
        Assert.Equal(expected.CostUsd, actual.CostUsd);
    }

    [Fact]
    public void TryReadPlainNumber_ManyDecimals_SameDoubleAsTheFrameworkParser()
    {
        var rng = new Random(9);
        for (int i = 0; i < 200_000; i++)
        {
            // Up to 18 digits, so both the exact fast path (15 or fewer) and the general parser are exercised.
            string whole = rng.Next(4) == 0 ? "0" : rng.NextInt64(1, 1_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            string text = rng.Next(5) == 0 ? whole : whole + "." + rng.NextInt64(0, 1_000_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(rng.Next(1, 13), '0');
            var scanner = new JsonRowScanner(Encoding.ASCII.GetBytes(text));

            Assert.True(scanner.TryReadPlainNumber(out double value), text);
            Assert.Equal(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture), value);
        }
    }
}
