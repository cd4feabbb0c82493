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

    /// <summary>The event's cost in USD; null when the writer did not know it (it can then be priced from tokens).</summary>
    public double? CostUsd { get; init; }

    /// <summary>The event's markers; always a <see cref="MarkerList"/>, whose text form joins them with spaces.</summary>
    public IReadOnlyList<string> Markers { get => markers; init => markers = MarkerList.From(value); }

    private MarkerList markers = MarkerList.Empty;

    // Optional usage fields (schema 1, written only when given; readers that do not know them skip them).
    // TokensIn counts input tokens billed at the full input price; cache reads and writes are counted apart.
    public long? CacheReadTokens { get; init; }
    public long? CacheWriteTokens { get; init; }
    public string? Provider { get; init; }
    public string? Tier { get; init; }
    public long? DurationMs { get; init; }
    public bool? CacheHit { get; init; }

    /// <summary>An optional user identity for team exports: the first 16 hex characters of its SHA-256, never the name.</summary>
    public string? User { get; init; }

    /// <summary>An optional stable identity of the event, for merging stores idempotently.</summary>
    public string? EventId { get => eventId; init => eventId = value; }

    private string? eventId;

    /// <summary>The part of CacheWriteTokens written to the 1-hour cache (billed above the 5-minute price); null when not known.</summary>
    public long? CacheWrite1hTokens { get; init; }

    // Agent-run fields (optional, written only when given; see AgentEvents for what they mean to summaries).

    /// <summary>The tool a tool_call or tool_result names (checked like a model name); never its arguments.</summary>
    public string? Tool { get; init; }

    /// <summary>A tool_result's outcome: false for a failed call.</summary>
    public bool? Ok { get; init; }

    /// <summary>An error's category, one of ErrorCategories.All.</summary>
    public string? ErrorCategory { get; init; }

    /// <summary>ErrorClassifier's fingerprint of the error message (12 hex characters); the message is never stored.</summary>
    public string? ErrorFingerprint { get; init; }

    /// <summary>A session_end's outcome: success, failure or abandoned.</summary>
    public string? Outcome { get; init; }

    /// <summary>The attempt a session_start or session_end belongs to (1 for the first).</summary>
    public long? Attempt { get; init; }

    public string? TaskId { get; init; }

    public string? AttemptId { get; init; }

    /// <summary>The executor variant (a prompt or configuration name) the run used.</summary>
    public string? Variant { get; init; }

    /// <summary>True for the kinds that count as a turn of the conversation.</summary>
    public bool IsTurn => Kind is EventKinds.UserMessage or EventKinds.AssistantMessage;

    public bool IsUserTurn => Kind == EventKinds.UserMessage;

    /// <summary>This event with an id; a shallow copy, so every field added later is carried over without a change here.</summary>
    internal TelemetryEvent WithEventId(string id)
    {
        var copy = (TelemetryEvent)MemberwiseClone();
        copy.eventId = id;
        return copy;
    }

    /// <summary>A user turn counts as a correction when it carries at least one corr.* marker, whoever put it there.</summary>
    public bool IsCorrection => IsUserTurn && Markers.Any(m => m.StartsWith(MarkerPrefixes.Correction, StringComparison.Ordinal));
}

public static class EventKinds
{
    public const string UserMessage = "user_message";
    public const string AssistantMessage = "assistant_message";

    /// <summary>A classifier's prediction surfaced to the user; counted per day and system by the suggestion guardrail.</summary>
    public const string Suggestion = "suggestion";
}

public static class MarkerPrefixes
{
    public const string Correction = "corr.";
}
