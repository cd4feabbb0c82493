// Where each assistant keeps its logs. Claude Code: <config>/projects for every directory in CLAUDE_CONFIG_DIR (a
// comma-separated list), else ~/.config/claude/projects and ~/.claude/projects. Codex: <home>/sessions and
// <home>/archived_sessions for every directory in CODEX_HOME (also a comma list), else ~/.codex. An explicit path
// may name such a home or a directory of .jsonl files.
namespace ZosTelemetry.Import;

public sealed record LogEnvironment(string? Home, string? ClaudeConfigDir, string? CodexHome)
{
    public const string ClaudeConfigDirVariable = "CLAUDE_CONFIG_DIR";
    public const string CodexHomeVariable = "CODEX_HOME";

    public static LogEnvironment FromProcess() => new(
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        Environment.GetEnvironmentVariable(ClaudeConfigDirVariable),
        Environment.GetEnvironmentVariable(CodexHomeVariable));
}

public static class LogLocations
{
    /// <summary>The directories to scan for one source, existing ones only, each once. Explicit paths must exist.</summary>
    public static IReadOnlyList<string> Resolve(LogSource source, IReadOnlyList<string>? explicitPaths, LogEnvironment env)
    {
        var roots = new List<string>();
        if (explicitPaths is { Count: > 0 })
        {
            foreach (string path in explicitPaths)
            {
                string full = Path.GetFullPath(path);
                if (!Directory.Exists(full))
                {
                    throw new ArgumentException($"The log directory {full} does not exist.");
                }

                roots.AddRange(LogDirectoriesUnder(source, full, fallBackToItself: true));
            }
        }
        else
        {
            foreach (string home in Homes(source, env))
            {
                roots.AddRange(LogDirectoriesUnder(source, home, fallBackToItself: false));
            }
        }

        return roots.Distinct(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal).ToList();
    }

    /// <summary>The places looked at when none is given, for messages that say where nothing was found.</summary>
    public static IReadOnlyList<string> Homes(LogSource source, LogEnvironment env)
    {
        string? configured = source == LogSource.ClaudeCode ? env.ClaudeConfigDir : env.CodexHome;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(Path.GetFullPath)
                .ToList();
        }

        if (string.IsNullOrEmpty(env.Home))
        {
            return Array.Empty<string>();
        }

        return source == LogSource.ClaudeCode
            ? [Path.Combine(env.Home, ".config", "claude"), Path.Combine(env.Home, ".claude")]
            : [Path.Combine(env.Home, ".codex")];
    }

    private static IEnumerable<string> LogDirectoriesUnder(LogSource source, string home, bool fallBackToItself)
    {
        string[] names = source == LogSource.ClaudeCode ? ["projects"] : ["sessions", "archived_sessions"];
        bool any = false;
        foreach (string name in names)
        {
            string dir = Path.Combine(home, name);
            if (Directory.Exists(dir))
            {
                any = true;
                yield return Path.GetFullPath(dir);
            }
        }

        if (!any && fallBackToItself)
        {
            yield return home;
        }
    }
}
