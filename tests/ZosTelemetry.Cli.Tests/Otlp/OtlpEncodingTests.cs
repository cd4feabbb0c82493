// The hand-written protobuf encoding (OtlpMetricsRequest, ProtoWriter) read back by Google.Protobuf's parser with the
// classes generated from the official .proto files: every attribute value type, zero values inside a oneof, multi-byte
// varints, packed repeated fields and the histogram's bucket rule.
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Metrics.V1;
using ZosTelemetry.Otlp;

namespace ZosTelemetry.Tests.Otlp;

public sealed class OtlpEncodingTests
{
    [Fact]
    public void Encode_EveryAttributeTypeAndZeroValues_DecodeWithTheOfficialDefinitions()
    {
        var resource = new OtlpResourceMetrics
        {
            Resource = [new("s", "ünïcode ✓"), new("zero", 0L), new("negative", -300L), new("big", long.MaxValue), new("d", -0.5), new("f", false), new("t", true)],
        };
        var histogram = new OtlpMetric { Name = "h", Description = "d", Unit = "{x}" };
        var point = new OtlpHistogramPoint { Attributes = [], Bounds = [0, 1, 10] };
        foreach (double v in new[] { 0, 0.5, 1, 10, 11, 1e6 })
        {
            point.Record(v);
        }

        histogram.Histogram.Add(point);
        var sum = new OtlpMetric { Name = "c", Description = "", Unit = "{c}", IsSum = true };
        sum.Sum.Add(new OtlpSumPoint { Attributes = [new("k", "v")], Value = 0 });
        resource.Metrics.Add(histogram);
        resource.Metrics.Add(sum);

        byte[] bytes = OtlpMetricsRequest.Encode([resource], "scope", "1.2.3", 1, ulong.MaxValue);
        var decoded = ExportMetricsServiceRequest.Parser.ParseFrom(bytes);

        var rm = Assert.Single(decoded.ResourceMetrics);
        var attributes = rm.Resource.Attributes.ToDictionary(a => a.Key, a => a.Value);
        Assert.Equal("ünïcode ✓", attributes["s"].StringValue);
        Assert.Equal(AnyValue.ValueOneofCase.IntValue, attributes["zero"].ValueCase);
        Assert.Equal(0, attributes["zero"].IntValue);
        Assert.Equal(-300, attributes["negative"].IntValue);
        Assert.Equal(long.MaxValue, attributes["big"].IntValue);
        Assert.Equal(-0.5, attributes["d"].DoubleValue);
        Assert.Equal(AnyValue.ValueOneofCase.BoolValue, attributes["f"].ValueCase);
        Assert.False(attributes["f"].BoolValue);
        Assert.True(attributes["t"].BoolValue);
        var scope = Assert.Single(rm.ScopeMetrics);
        Assert.Equal("scope", scope.Scope.Name);
        Assert.Equal("1.2.3", scope.Scope.Version);

        var h = scope.Metrics[0];
        Assert.Equal(("h", "d", "{x}"), (h.Name, h.Description, h.Unit));
        var p = Assert.Single(h.Histogram.DataPoints);
        Assert.Equal(1UL, p.StartTimeUnixNano);
        Assert.Equal(ulong.MaxValue, p.TimeUnixNano);
        Assert.Equal(6UL, p.Count);
        Assert.Equal(1_000_022.5, p.Sum);
        Assert.Equal(0, p.Min);
        Assert.Equal(1e6, p.Max);
        Assert.Equal([0d, 1, 10], p.ExplicitBounds);
        Assert.Equal([1UL, 2, 1, 2], p.BucketCounts); // (-inf,0] (0,1] (1,10] (10,+inf)

        var c = scope.Metrics[1];
        Assert.Equal(Metric.DataOneofCase.Sum, c.DataCase);
        Assert.True(c.Sum.IsMonotonic);
        Assert.Equal(AggregationTemporality.Delta, c.Sum.AggregationTemporality);
        var n = Assert.Single(c.Sum.DataPoints);
        Assert.Equal(NumberDataPoint.ValueOneofCase.AsInt, n.ValueCase); // present although 0
        Assert.Equal(0, n.AsInt);
        Assert.Equal("v", Assert.Single(n.Attributes).Value.StringValue);
    }

    [Fact]
    public void Encode_NoResources_IsAnEmptyRequest()
    {
        Assert.Empty(OtlpMetricsRequest.Encode([], "scope", "1", 1, 2));
    }
}
