// What an OTLP export did (or, for a dry run, would do): the object Export-TelemetryMetric emits and `export --otlp`
// prints. Counts are of sessions, data points and requests; nothing in it names a session.
namespace ZosTelemetry.Otlp;

public sealed class OtlpExportResult
{
    /// <summary>The receiver's URL without credentials or query.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>Sessions sent by this export (for a dry run: that would be sent).</summary>
    public long Sessions { get; init; }

    /// <summary>Sessions an earlier export already sent, at their latest close.</summary>
    public long AlreadySent { get; init; }

    /// <summary>Sessions closed again after their export: not sent again, as OTLP cannot take back what was counted.</summary>
    public long ReclosedAfterExport { get; init; }

    /// <summary>Sessions left at home because the contract registry's class for summaries does not allow export.</summary>
    public long Withheld { get; init; }

    public long Requests { get; init; }

    public long DataPoints { get; init; }

    /// <summary>Data points the receiver accepted the request of but rejected (OTLP partial success); not sent again.</summary>
    public long RejectedDataPoints { get; init; }

    /// <summary>The receiver's partial-success message, if it gave one.</summary>
    public string? ReceiverMessage { get; init; }

    public long Bytes { get; init; }

    public bool DryRun { get; init; }
}
