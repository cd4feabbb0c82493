// What an importer keeps of a log's session id or model id that the store would refuse (prose, a path, an address):
// a digest, the same for the same value, so the session still groups and the model still counts, and nothing of the
// value itself reaches an event row, import-state.json, a warning or --json (the Codex cursor holds these forms).
using ZosTelemetry.Events;

namespace ZosTelemetry.Import;

public static class RefusedValues
{
    /// <summary>The model of a refused model id: "refused:" and 16 hex digits of its digest.</summary>
    public const string ModelPrefix = "refused:";

    /// <summary>The log's session id when the store accepts it, else cc-/cx- and 24 hex digits of its digest.</summary>
    public static string SessionId(string system, string raw)
    {
        try
        {
            EventValidator.ValidateSessionId(raw);
            return raw;
        }
        catch (TelemetryValidationException)
        {
            return (system == LogSources.ClaudeCodeSystem ? "cc-" : "cx-") + ImportKeys.Make("s:", raw).EventId[^24..];
        }
    }

    /// <summary>The log's model id when the store accepts it, else "refused:" and 16 hex digits of its digest.</summary>
    public static string? Model(string? raw)
    {
        if (raw is null || raw.StartsWith(ModelPrefix, StringComparison.Ordinal))
        {
            return raw;
        }

        try
        {
            EventValidator.ValidateModel(raw);
            return raw;
        }
        catch (TelemetryValidationException)
        {
            return ModelPrefix + ImportKeys.Make("m:", raw).EventId[^16..];
        }
    }

    public static bool IsRefusedModel(string? model) => model is not null && model.StartsWith(ModelPrefix, StringComparison.Ordinal);
}
