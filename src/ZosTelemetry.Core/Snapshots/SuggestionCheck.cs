// The suggestion guardrail's finding for one system on one day: was it active, how many suggestions did it surface,
// and is that a warning (a loaded model that surfaced none on an active day).
namespace ZosTelemetry.Snapshots;

public sealed class SuggestionCheck
{
    /// <summary>The UTC day checked, at midnight.</summary>
    public DateTimeOffset Date { get; init; }

    public string System { get; init; } = "";

    public bool ModelLoaded { get; init; }

    /// <summary>True when the system has events or snapshots on the day.</summary>
    public bool Active { get; init; }

    /// <summary>Suggestion events of the system on the day.</summary>
    public long Suggestions { get; init; }

    /// <summary>Snapshots of the system taken on the day.</summary>
    public int Snapshots { get; init; }

    /// <summary>Of those, the ones whose suggestions_per_day this check changed.</summary>
    public int SnapshotsFilled { get; init; }

    /// <summary>True when a loaded model surfaced no suggestion on an active day.</summary>
    public bool Warning { get; init; }

    public string Message { get; init; } = "";
}
