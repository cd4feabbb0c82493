// The assistants whose own logs can be imported, and the system name each one's events are stored under.
namespace ZosTelemetry.Import;

public enum LogSource
{
    ClaudeCode,
    Codex,
}

public static class LogSources
{
    public const string ClaudeCodeSystem = "claude-code";
    public const string CodexSystem = "codex";

    public static string SystemName(LogSource source) => source == LogSource.ClaudeCode ? ClaudeCodeSystem : CodexSystem;

    /// <summary>Reads "claude-code" or "codex" (also "ClaudeCode", any case), as the CLI and the module spell them.</summary>
    public static bool TryParse(string? text, out LogSource source)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "claude-code" or "claudecode" or "claude":
                source = LogSource.ClaudeCode;
                return true;
            case "codex":
                source = LogSource.Codex;
                return true;
            default:
                source = default;
                return false;
        }
    }
}
