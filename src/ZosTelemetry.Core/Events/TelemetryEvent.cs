// One row of the event sink (schema 1). Deliberately has no field that could hold message text:
// the only detection surface is Markers, a list of short validated tokens.
namespace ZosTelemetry.Events;

public sealed class TelemetryEvent
{
    public const int CurrentSchema = 1;

    public int Schema { get; init; } = CurrentSchema;
    public DateTimeOffset Timestamp { get; init; }
    public string SessionId { get; init; } = "";
    public string System { get; init; } = "";
    public string? Context { get; init; }
    public string? Role { get; init; }
    public string Kind { get; init; } = "";
    public string? Model { get; init; }
    public long TokensIn { get; init; }
    public long TokensOut { get; init; }
    public double CostUsd { get; init; }
    public IReadOnlyList<string> Markers { get; init; } = Array.Empty<string>();

    /// <summary>True for the kinds that count as a turn of the conversation.</summary>
    public bool IsTurn => Kind is EventKinds.UserMessage or EventKinds.AssistantMessage;

    public bool IsUserTurn => Kind == EventKinds.UserMessage;

    /// <summary>A user turn counts as a correction when it carries at least one corr.* marker, whoever put it there.</summary>
    public bool IsCorrection => IsUserTurn && Markers.Any(m => m.StartsWith(MarkerPrefixes.Correction, StringComparison.Ordinal));
}

public static class EventKinds
{
    public const string UserMessage = "user_message";
    public const string AssistantMessage = "assistant_message";
}

public static class MarkerPrefixes
{
    public const string Correction = "corr.";
}
