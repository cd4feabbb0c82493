// Where the importer looks for logs: CLAUDE_CONFIG_DIR and CODEX_HOME (comma lists), the defaults under the home
// directory, and explicit paths that name a home or a directory of .jsonl files.
using ZosTelemetry.Import;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class LogLocationsTests : IDisposable
{
    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    private string Dir(params string[] parts)
    {
        string path = temp.Combine(parts);
        Directory.CreateDirectory(path);
        return path;
    }

    [Fact]
    public void Resolve_ClaudeDefaults_BothConfigLocationsThatExist()
    {
        string a = Dir("home", ".claude", "projects");
        string b = Dir("home", ".config", "claude", "projects");

        var roots = LogLocations.Resolve(LogSource.ClaudeCode, null, new LogEnvironment(temp.Combine("home"), null, null));

        Assert.Equal([b, a], roots);
    }

    [Fact]
    public void Resolve_ClaudeConfigDirList_ReplacesTheDefaults()
    {
        Dir("home", ".claude", "projects");
        string one = Dir("one", "projects");
        string two = Dir("two", "projects");

        var roots = LogLocations.Resolve(LogSource.ClaudeCode, null, new LogEnvironment(temp.Combine("home"), $"{temp.Combine("one")}, {temp.Combine("two")}", null));

        Assert.Equal([one, two], roots);
    }

    [Fact]
    public void Resolve_CodexHome_SessionsAndArchivedSessions()
    {
        string sessions = Dir("codex", "sessions");
        string archived = Dir("codex", "archived_sessions");

        var roots = LogLocations.Resolve(LogSource.Codex, null, new LogEnvironment(temp.Combine("home"), null, temp.Combine("codex")));

        Assert.Equal([sessions, archived], roots);
    }

    [Fact]
    public void Resolve_CodexDefault_IsDotCodexUnderHome()
    {
        string sessions = Dir("home", ".codex", "sessions");

        Assert.Equal([sessions], LogLocations.Resolve(LogSource.Codex, null, new LogEnvironment(temp.Combine("home"), null, null)));
    }

    [Fact]
    public void Resolve_ExplicitDirectoryOfFiles_IsReadItself()
    {
        string logs = Dir("exported");

        Assert.Equal([logs], LogLocations.Resolve(LogSource.ClaudeCode, [logs], new LogEnvironment(null, null, null)));
    }

    [Fact]
    public void Resolve_ExplicitPathMissing_IsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => LogLocations.Resolve(LogSource.Codex, [temp.Combine("nope")], new LogEnvironment(null, null, null)));

        Assert.Contains("does not exist", ex.Message);
    }

    [Fact]
    public void Import_NoLogsAnywhere_SaysWhereItLookedAndCreatesNoStore()
    {
        var store = new TelemetryStore(temp.Combine("store"));

        var ex = Assert.Throws<LogsNotFoundException>(() => LogImporter.Import(store, new ImportOptions
        {
            Source = LogSource.ClaudeCode,
            Environment = new LogEnvironment(temp.Combine("home"), null, null),
        }));

        Assert.Contains(Path.Combine(temp.Combine("home"), ".claude"), ex.Message);
        Assert.False(Directory.Exists(temp.Combine("store")));
    }
}
