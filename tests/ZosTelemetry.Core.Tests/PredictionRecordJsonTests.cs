// Prediction records as JSON lines: every field read, only label required, and anything else refused with a message
// that names the field but never echoes a value.
using System.Text;
using ZosTelemetry.Events;
using ZosTelemetry.Snapshots;

namespace ZosTelemetry.Tests;

public sealed class PredictionRecordJsonTests
{
    private static PredictionRecord Parse(string json) => PredictionRecordJson.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Parse_FullRecord_ReadsEveryField()
    {
        var r = Parse("""{"ts": "2026-06-10T10:00:00Z", "label": "premium", "confidence": 0.91, "probabilities": [0.91, 0.06, 0.03], "features": {"len": 12, "lang": null}, "suggested": true}""");

        Assert.Equal(Make.Utc(2026, 6, 10, 10), r.Timestamp);
        Assert.Equal("premium", r.Label);
        Assert.Equal(0.91, r.Confidence);
        Assert.Equal([0.91, 0.06, 0.03], r.Probabilities!);
        Assert.Equal(12, r.Features!["len"]);
        Assert.Null(r.Features["lang"]);
        Assert.True(r.Suggested);
    }

    [Fact]
    public void Parse_LabelOnly_IsARecord()
    {
        var r = Parse("""{"label": "unknown"}""");

        Assert.Null(r.Confidence);
        Assert.Null(r.Probabilities);
        Assert.Null(r.Features);
        Assert.False(r.Suggested);
    }

    [Theory]
    [InlineData("""{"confidence": 0.5}""", "label")]
    [InlineData("""{"label": 3}""", "label")]
    [InlineData("""{"label": "a", "confidence": "high"}""", "confidence")]
    [InlineData("""{"label": "a", "probabilities": [0.5, "x"]}""", "probabilities")]
    [InlineData("""{"label": "a", "features": {"len": "twelve"}}""", "features")]
    [InlineData("""{"label": "a", "suggested": "yes"}""", "suggested")]
    [InlineData("""{"label": "a", "label": "b"}""", "label")]
    [InlineData("""["a"]""", "record")]
    [InlineData("""{"label": "a",""", "record")]
    [InlineData("""{"label": "a", "ts": "yesterday"}""", "ts")]
    public void Parse_BadRecord_IsRefusedNamingTheField(string json, string field)
    {
        Assert.Equal(field, Assert.Throws<TelemetryValidationException>(() => Parse(json)).Field);
    }

    [Fact]
    public void Parse_UnknownField_IsRefusedWithoutEchoingItsValue()
    {
        var ex = Assert.Throws<TelemetryValidationException>(() => Parse("""{"label": "a", "text": "zqsecretcanary please refund me"}"""));

        Assert.Contains("\"text\"", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("zqsecretcanary", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownFieldWhoseNameIsText_DoesNotEchoTheName()
    {
        var ex = Assert.Throws<TelemetryValidationException>(() => Parse("""{"label": "a", "my zqcanary sentence": 1}"""));

        Assert.DoesNotContain("zqcanary", ex.Message, StringComparison.Ordinal);
    }
}
