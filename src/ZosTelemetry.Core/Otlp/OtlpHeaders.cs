// Extra request headers (a backend's API key, say) from the environment variables the OpenTelemetry exporters share:
// OTEL_EXPORTER_OTLP_METRICS_HEADERS, else OTEL_EXPORTER_OTLP_HEADERS, as "key1=value1,key2=value2" with values
// percent-decoded. Taken from the environment rather than the command line so that a key stays out of shell history
// and process lists; neither names nor values are ever printed.
namespace ZosTelemetry.Otlp;

public static class OtlpHeaders
{
    public const string MetricsVariable = "OTEL_EXPORTER_OTLP_METRICS_HEADERS";
    public const string Variable = "OTEL_EXPORTER_OTLP_HEADERS";

    /// <summary>The headers the environment gives (the metrics variable wins when both are set).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> FromEnvironment() =>
        Parse(Environment.GetEnvironmentVariable(MetricsVariable) is { Length: > 0 } metrics ? metrics : Environment.GetEnvironmentVariable(Variable), MetricsVariable + " or " + Variable);

    /// <summary>Reads "k=v,k2=v2"; ArgumentException naming the variable and the position (never the text) for a malformed pair.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string? text, string source)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return headers;
        }

        int position = 0;
        foreach (string pair in text.Split(','))
        {
            position++;
            if (pair.Trim().Length == 0)
            {
                continue;
            }

            int eq = pair.IndexOf('=');
            string key = eq > 0 ? pair[..eq].Trim() : "";
            if (key.Length == 0 || key.Any(c => c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".Contains(c)))
            {
                throw new ArgumentException($"{source}: pair {position} is not key=value with a header name for its key.");
            }

            headers.Add(new(key, Uri.UnescapeDataString(pair[(eq + 1)..].Trim())));
        }

        return headers;
    }
}
