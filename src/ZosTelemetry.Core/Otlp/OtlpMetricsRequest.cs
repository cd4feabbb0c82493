// The OTLP metrics messages ZosTelemetry sends, as plain objects, and their protobuf encoding into an
// ExportMetricsServiceRequest (opentelemetry/proto/collector/metrics/v1/metrics_service.proto). Only what the
// session mapping uses is modelled: resource and data-point attributes of string, integer, double or bool values,
// explicit-bucket histograms and integer sums. Field numbers are those of the official .proto files (v1).
namespace ZosTelemetry.Otlp;

/// <summary>One attribute: a string, long, double or bool value (AnyValue's scalar cases).</summary>
public sealed record OtlpAttribute(string Key, object Value);

/// <summary>An explicit-bucket histogram point: Count observations, their Sum, Min and Max, and per-bucket counts.</summary>
public sealed class OtlpHistogramPoint
{
    public required IReadOnlyList<OtlpAttribute> Attributes { get; init; }
    public required IReadOnlyList<double> Bounds { get; init; }
    public ulong Count { get; private set; }
    public double Sum { get; private set; }
    public double Min { get; private set; } = double.PositiveInfinity;
    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>One more than Bounds: bucket i holds values in (Bounds[i-1], Bounds[i]], the last those above every bound.</summary>
    public ulong[] BucketCounts => bucketCounts ??= new ulong[Bounds.Count + 1];

    private ulong[]? bucketCounts;

    public void Record(double value)
    {
        int bucket = 0;
        while (bucket < Bounds.Count && value > Bounds[bucket])
        {
            bucket++;
        }

        BucketCounts[bucket]++;
        Count++;
        Sum += value;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
    }
}

/// <summary>An integer point of a sum (a count of things over the interval).</summary>
public sealed class OtlpSumPoint
{
    public required IReadOnlyList<OtlpAttribute> Attributes { get; init; }
    public long Value { get; set; }
}

public sealed class OtlpMetric
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required string Unit { get; init; }

    /// <summary>Histogram points; empty for a sum.</summary>
    public List<OtlpHistogramPoint> Histogram { get; } = [];

    /// <summary>Sum points (monotonic, delta); empty for a histogram.</summary>
    public List<OtlpSumPoint> Sum { get; } = [];

    public bool IsSum { get; init; }
}

/// <summary>The metrics of one resource (one system and, when known, one user hash).</summary>
public sealed class OtlpResourceMetrics
{
    public required IReadOnlyList<OtlpAttribute> Resource { get; init; }
    public List<OtlpMetric> Metrics { get; } = [];
}

public static class OtlpMetricsRequest
{
    /// <summary>AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA: each request counts only the sessions it carries.</summary>
    public const int DeltaTemporality = 1;

    /// <summary>
    /// Encodes an ExportMetricsServiceRequest: each resource with one scope (the name and version given), every point
    /// stamped with the same interval [start, time] in Unix nanoseconds and delta temporality.
    /// </summary>
    public static byte[] Encode(IEnumerable<OtlpResourceMetrics> resources, string scopeName, string scopeVersion, ulong startUnixNano, ulong timeUnixNano)
    {
        var request = new ProtoWriter();
        foreach (var r in resources)
        {
            var resource = new ProtoWriter();
            foreach (var a in r.Resource)
            {
                resource.Message(1, KeyValue(a)); // Resource.attributes
            }

            var scope = new ProtoWriter();
            scope.String(1, scopeName); // InstrumentationScope.name
            scope.String(2, scopeVersion); // InstrumentationScope.version

            var scopeMetrics = new ProtoWriter();
            scopeMetrics.Message(1, scope); // ScopeMetrics.scope
            foreach (var m in r.Metrics)
            {
                scopeMetrics.Message(2, Metric(m, startUnixNano, timeUnixNano)); // ScopeMetrics.metrics
            }

            var resourceMetrics = new ProtoWriter();
            resourceMetrics.Message(1, resource); // ResourceMetrics.resource
            resourceMetrics.Message(2, scopeMetrics); // ResourceMetrics.scope_metrics
            request.Message(1, resourceMetrics); // ExportMetricsServiceRequest.resource_metrics
        }

        return request.ToArray();
    }

    private static ProtoWriter Metric(OtlpMetric m, ulong start, ulong time)
    {
        var metric = new ProtoWriter();
        metric.String(1, m.Name);
        metric.String(2, m.Description);
        metric.String(3, m.Unit);
        if (m.IsSum)
        {
            var sum = new ProtoWriter();
            foreach (var p in m.Sum)
            {
                var point = new ProtoWriter(); // NumberDataPoint
                point.Fixed64(2, start);
                point.Fixed64(3, time);
                point.Fixed64(6, unchecked((ulong)p.Value), always: true); // as_int (sfixed64), in a oneof: present even when 0
                foreach (var a in p.Attributes)
                {
                    point.Message(7, KeyValue(a));
                }

                sum.Message(1, point);
            }

            sum.Varint(2, DeltaTemporality);
            sum.Bool(3, true); // is_monotonic: counts only grow
            metric.Message(7, sum); // Metric.sum
        }
        else
        {
            var histogram = new ProtoWriter();
            foreach (var p in m.Histogram)
            {
                var point = new ProtoWriter(); // HistogramDataPoint
                point.Fixed64(2, start);
                point.Fixed64(3, time);
                point.Fixed64(4, p.Count);
                point.Double(5, p.Sum);
                point.PackedFixed64(6, p.BucketCounts);
                point.PackedDouble(7, p.Bounds);
                foreach (var a in p.Attributes)
                {
                    point.Message(9, KeyValue(a));
                }

                if (p.Count > 0)
                {
                    point.Double(11, p.Min);
                    point.Double(12, p.Max);
                }

                histogram.Message(1, point);
            }

            histogram.Varint(2, DeltaTemporality);
            metric.Message(9, histogram); // Metric.histogram
        }

        return metric;
    }

    private static ProtoWriter KeyValue(OtlpAttribute a)
    {
        var value = new ProtoWriter(); // AnyValue: a oneof, so zero values are written too
        switch (a.Value)
        {
            case string s:
                value.String(1, s);
                break;
            case bool b:
                value.Bool(2, b, always: true);
                break;
            case long l:
                value.Int64(3, l, always: true);
                break;
            case double d:
                value.Double(4, d);
                break;
            default:
                throw new ArgumentException($"OTLP attribute {a.Key}: unsupported value type {a.Value.GetType().Name}.");
        }

        var kv = new ProtoWriter();
        kv.String(1, a.Key);
        kv.Message(2, value);
        return kv;
    }
}
