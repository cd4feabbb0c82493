// What an export writes (events, session summaries or quality snapshots) and how (CSV for spreadsheets, a JSON array, or JSON Lines).
namespace ZosTelemetry.Export;

public enum ExportFormat
{
    Csv,
    Json,
    Jsonl,
}

public enum ExportKind
{
    Events,
    Sessions,
    Snapshots,
    Alerts,
}

public static class ExportNames
{
    public static ExportFormat ParseFormat(string text) => text.ToLowerInvariant() switch
    {
        "csv" => ExportFormat.Csv,
        "json" => ExportFormat.Json,
        "jsonl" => ExportFormat.Jsonl,
        _ => throw new ArgumentException($"Unknown export format {Events.EventValidator.Show(text)}; use csv, json or jsonl."),
    };

    public static ExportKind ParseKind(string text) => text.ToLowerInvariant() switch
    {
        "events" => ExportKind.Events,
        "sessions" => ExportKind.Sessions,
        "snapshots" => ExportKind.Snapshots,
        "alerts" => ExportKind.Alerts,
        _ => throw new ArgumentException($"Unknown export kind {Events.EventValidator.Show(text)}; use events, sessions, snapshots or alerts."),
    };

}
