// The knobs of an OTLP export. The retry figures follow the OTLP/HTTP specification's advice: retry only throttling
// and unavailability (429, 502, 503, 504) and lost connections, waiting as Retry-After says, else with exponential
// backoff; never retry another status, which would fail the same way again.
using ZosTelemetry.Contracts;

namespace ZosTelemetry.Otlp;

public sealed class OtlpExportOptions
{
    /// <summary>Only sessions of this system (the stored spelling); null for all.</summary>
    public string? System { get; init; }

    /// <summary>Sessions per request; the cursor moves after each accepted request.</summary>
    public int BatchSize { get; init; } = 500;

    public int MaxRetries { get; init; } = 3;

    /// <summary>The first wait before a retry when the receiver says none; doubled for each further retry.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait, whatever Retry-After asks for; a longer ask ends the export with an error instead.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one request may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Headers added to every request (see OtlpHeaders.FromEnvironment); never printed.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Say what would be sent; send nothing, write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>The registry whose classes decide what may leave (default: the embedded schemas/index.json).</summary>
    public ContractRegistry? Registry { get; init; }

    internal OtlpExportOptions Checked()
    {
        if (BatchSize < 1 || MaxRetries < 0 || RetryDelay < TimeSpan.Zero || MaxRetryDelay < TimeSpan.Zero || Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("OTLP export: batch size must be 1 or more, retries and delays 0 or more, and the timeout positive.");
        }

        return this;
    }
}
