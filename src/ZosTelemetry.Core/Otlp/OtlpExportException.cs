// The receiver refused an export or could not be reached (after the retries OTLP allows). The sessions of requests
// that were accepted before it are in the cursor; those of the failed request and after it are not, and go next time.
namespace ZosTelemetry.Otlp;

public sealed class OtlpExportException(string message, int? statusCode, long sessionsSent, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The receiver's HTTP status, or null when no response came (refused connection, timeout).</summary>
    public int? StatusCode { get; } = statusCode;

    /// <summary>Sessions accepted by earlier requests of the same export, which are in the cursor.</summary>
    public long SessionsSent { get; } = sessionsSent;
}
