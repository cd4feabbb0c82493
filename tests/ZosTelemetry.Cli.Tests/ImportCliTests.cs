// zos-telemetry import and report, run as a process: summaries, JSON, exit codes, defaults from the environment,
// idempotence, and that nothing of what the logs say reaches the store.
using System.Text;
using System.Text.Json;

namespace ZosTelemetry.Tests;

public sealed class ImportCliTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "data", "import");

    private readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    /// <summary>Runs with HOME and the assistants' variables pointing into the temporary directory, never the real ones.</summary>
    private CliResult Zt(IDictionary<string, string?>? env, params string[] args)
    {
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = root.Parent,
            ["CLAUDE_CONFIG_DIR"] = null,
            ["CODEX_HOME"] = null,
            ["ZOS_HOME"] = null,
        };
        foreach (var (k, v) in env ?? new Dictionary<string, string?>())
        {
            environment[k] = v;
        }

        return CliRunner.Run([.. args, "--root", root.Path_], null, environment);
    }

    private CliResult Zt(params string[] args) => Zt(null, args);

    private CliResult ImportFixtures() => Zt("import", "claude-code", "--path", Path.Combine(Fixtures, "claude"));

    [Fact]
    public void Import_Fixtures_PrintsOneSummaryLineAndNothingOnStderr()
    {
        var r = ImportFixtures();

        Assert.Equal(0, r.ExitCode);
        Assert.Empty(r.Stderr);
        Assert.Matches(@"^claude-code: 4 files \(4 read, [0-9.]+ MiB\), 29 events added, .* 3 sessions closed, 0 open, 1 lines skipped, [0-9.]+ s\n$", r.Stdout);
    }

    [Fact]
    public void Import_Twice_SecondAddsNothing()
    {
        ImportFixtures();
        var second = Zt("import", "claude-code", "--path", Path.Combine(Fixtures, "claude"), "--json");

        Assert.Equal(0, second.ExitCode);
        using var doc = JsonDocument.Parse(second.Stdout);
        Assert.Equal(0, doc.RootElement.GetProperty("events_added").GetInt64());
        Assert.Equal(0, doc.RootElement.GetProperty("files_read").GetInt32());
        Assert.Equal(4, doc.RootElement.GetProperty("files").GetInt32());
    }

    [Fact]
    public void Import_CodexFromCodexHome_NeedsNoPath()
    {
        var r = Zt(new Dictionary<string, string?> { ["CODEX_HOME"] = Path.Combine(Fixtures, "codex") }, "import", "codex", "--json");

        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(7, doc.RootElement.GetProperty("user_turns").GetInt64());
        Assert.Equal(2, doc.RootElement.GetProperty("tool_failures").GetInt64());
    }

    [Fact]
    public void Import_ClaudeConfigDirList_IsHonoured()
    {
        var r = Zt(new Dictionary<string, string?> { ["CLAUDE_CONFIG_DIR"] = Path.Combine(root.Parent, "none") + "," + Path.Combine(Fixtures, "claude") }, "import", "claude-code");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("29 events added", r.Stdout);
    }

    [Fact]
    public void Import_NoLogsWhereTheyAreKept_ExitsOneAndSaysWhere()
    {
        var r = Zt("import", "claude-code");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains(Path.Combine(root.Parent, ".claude"), r.Stderr);
        Assert.False(Directory.Exists(root.Path_));
    }

    [Theory]
    [InlineData("import", "cursor")]
    [InlineData("import", "codex", "--cost-mode", "cheapest")]
    [InlineData("import", "codex", "--idle-minutes", "0")]
    [InlineData("import", "codex", "--path", "/nonexistent/zos-telemetry-logs")]
    [InlineData("import")]
    [InlineData("report", "weekly")]
    [InlineData("report", "daily", "--timezone", "Mars/Olympus_Mons")]
    [InlineData("report", "daily", "--since", "2025-10-03", "--until", "2025-10-01")]
    [InlineData("report", "daily", "--since", "yesterday")]
    public void BadArguments_ExitTwoWithOneLineOnStderr(params string[] args)
    {
        var r = Zt(args);

        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("zos-telemetry: ", r.Stderr);
        Assert.Empty(r.Stdout);
        Assert.False(Directory.Exists(root.Path_));
    }

    [Fact]
    public void Import_WhileAnotherImportHoldsTheStore_ExitsFour()
    {
        Directory.CreateDirectory(root.Path_);
        using var held = new FileStream(Path.Combine(root.Path_, ".import.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var r = ImportFixtures();

        Assert.Equal(4, r.ExitCode);
        Assert.Contains("Another import", r.Stderr);
    }

    [Fact]
    public void ReportDaily_Json_EqualsCcusageForTheFixtures()
    {
        ImportFixtures();

        var r = Zt("report", "daily", "--json", "--timezone", "UTC", "--system", "claude-code");

        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["2025-10-01", "2025-10-02", "2025-10-03"], rows.Select(d => d.GetProperty("date").GetString()));
        Assert.Equal(3535, rows[0].GetProperty("input_tokens").GetInt64());
        Assert.Equal(19700, rows[0].GetProperty("cache_write_tokens").GetInt64());
        Assert.Equal(0.123205, rows[0].GetProperty("cost_usd").GetDouble(), 9);
    }

    [Fact]
    public void ReportMonthly_Text_ShowsModelsUnderBreakdown()
    {
        ImportFixtures();

        var r = Zt("report", "monthly", "--breakdown", "--timezone", "Asia/Tokyo");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("2025-10", r.Stdout);
        Assert.Contains("└ claude-opus-4-1-20250805", r.Stdout);
        Assert.Contains("Total", r.Stdout);
    }

    [Fact]
    public void ReportSession_Json_HasFrictionCounts()
    {
        ImportFixtures();

        var r = Zt("report", "session", "--json", "--timezone", "UTC");

        using var doc = JsonDocument.Parse(r.Stdout);
        var a = doc.RootElement.GetProperty("rows").EnumerateArray().Single(s => s.GetProperty("session_id").GetString()!.EndsWith("a01", StringComparison.Ordinal));
        Assert.Equal(1, a.GetProperty("tool_failures").GetInt64());
        Assert.Equal(1, a.GetProperty("interrupts").GetInt64());
        Assert.Equal(1, a.GetProperty("corrections").GetInt64());
    }

    [Fact]
    public void ImportThenCompare_BothSystemsSideBySide()
    {
        ImportFixtures();
        Zt("import", "codex", "--path", Path.Combine(Fixtures, "codex"));

        var r = Zt("compare", "claude-code", "codex");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("sessions 3 vs 4", r.Stdout);
    }

    [Fact]
    public void Import_BothSources_NothingTheUserTypedReachesTheStore()
    {
        ImportFixtures();
        Zt("import", "codex", "--path", Path.Combine(Fixtures, "codex"));

        string stored = Encoding.UTF8.GetString(root.AllBytes());
        Assert.Contains("codex", stored);
        foreach (string word in new[] { "Pomegranate7341", "Tangerine5150", "Watermelon2424", "Jackfruit6161", "Starfruit7070", "Saffron9090", "checkout.py", "/home/user" })
        {
            Assert.DoesNotContain(word, stored);
        }
    }
}
