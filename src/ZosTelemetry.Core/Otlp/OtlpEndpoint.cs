// The receiver's URL as the OTLP exporter specification reads OTEL_EXPORTER_OTLP_ENDPOINT: a base URL without a
// path (or "/") gets the metrics path /v1/metrics; a URL with a path is the metrics endpoint itself
// (as OTEL_EXPORTER_OTLP_METRICS_ENDPOINT is). Only http and https; the display form drops any user:password and
// query, so neither reaches output, errors or -Verbose.
namespace ZosTelemetry.Otlp;

public sealed class OtlpEndpoint
{
    public const string MetricsPath = "/v1/metrics";

    private OtlpEndpoint(Uri uri, string display)
    {
        Uri = uri;
        Display = display;
    }

    /// <summary>The URL requests are posted to.</summary>
    public Uri Uri { get; }

    /// <summary>The URL as output shows it: scheme, host, port and path only.</summary>
    public string Display { get; }

    public override string ToString() => Display;

    /// <summary>Reads an endpoint; ArgumentException (naming the rule, not echoing the value) when it is not an http(s) URL.</summary>
    public static OtlpEndpoint Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("the OTLP endpoint is required: an http:// or https:// URL such as http://localhost:4318.");
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            throw new ArgumentException($"the OTLP endpoint ({text.Length} characters) is not an http:// or https:// URL such as http://localhost:4318.");
        }

        if (uri.AbsolutePath is "" or "/")
        {
            uri = new UriBuilder(uri) { Path = MetricsPath }.Uri;
        }

        return new OtlpEndpoint(uri, uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped));
    }
}
