// The done-when of the team store: two machines' stores synced into one database give every reader's output, byte
// for byte, that the same readers give over the merge of the two stores.
namespace ZosTelemetry.Tests;

public sealed class TeamStoreReaderTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    public static readonly TheoryData<string> ReaderCommands = new()
    {
        "sessions",
        "sessions --system codex",
        "compare claude-code codex",
        "compare claude-code codex --json",
        "compare claude-code codex --markdown",
        "report daily",
        "report daily --json --breakdown",
        "report monthly --timezone UTC",
        "report monthly --json",
        "report session",
        "report session --json --system codex",
        "savings",
        "savings --json",
        "alerts",
        "alerts --json",
        "score",
        "score --json --by system",
        "snapshots",
        "snapshots --json",
        "snapshots --compare",
    };

    [DatabaseFact]
    public void Readers_TwoMachinesSynced_GiveTheBytesOfTheirMergedStore()
    {
        using var db = new TestDatabase();
        string a = dir.Sub("machine-a"), b = dir.Sub("machine-b"), merged = dir.Sub("merged");
        Fixtures.Machine(a, "claude-code");
        Fixtures.Machine(b, "codex");
        Assert.NotEmpty(Directory.GetFiles(a, "alerts-*.jsonl"));
        Assert.NotEmpty(Directory.GetFiles(b, "snapshots-*.jsonl"));
        Fixtures.Ok("merge", "--root", merged, a, b);
        Fixtures.Ok("sync", "--init", "--database", db.OwnerUri);
        string writer = db.LoginIn("zos_writer", out _, out _);
        string reader = db.LoginIn("zos_reader", out _, out _);
        Fixtures.Ok("sync", "--root", a, "--database", writer);
        Fixtures.Ok("sync", "--root", b, "--database", writer);

        foreach (string command in ReaderCommands)
        {
            string[] args = command.Split(' ');
            var local = Fixtures.Cli([.. args, "--root", merged]);
            var team = Fixtures.Cli([.. args, "--database", reader]);
            Assert.True(local.Code == 0, $"{command}: {local.Err}");
            Assert.False(string.IsNullOrWhiteSpace(local.Out), command);
            Assert.True(WithoutRunTime(local.Out) == WithoutRunTime(team.Out), $"{command} differs over the database:\n--- local\n{local.Out}\n--- database\n{team.Out}\n{team.Err}");
            Assert.Equal(local.Code, team.Code);
        }
    }

    // The one thing two runs of a report may not share: the moment each was generated (generated_at, "generated ...").
    private static string WithoutRunTime(string output) =>
        System.Text.RegularExpressions.Regex.Replace(output, @"(generated_at"": ""|generated |until )\d{4}-\d\d-\d\dT[0-9:.]+Z", "$1<now>");

    [DatabaseFact]
    public void Sessions_ReclosedSessionSyncedAgain_ShowsItsLatestSummary()
    {
        using var db = new TestDatabase();
        string a = dir.Sub("a");
        Fixtures.Machine(a, "codex");
        Fixtures.Ok("sync", "--init", "--database", db.OwnerUri);
        Fixtures.Ok("sync", "--root", a, "--database", db.OwnerUri);
        Fixtures.Ok("append", "--root", a, "--session-id", "run-codex-2", "--system", "codex", "--kind", "llm_call", "--model", "gpt-5",
            "--tokens-in", "5000", "--tokens-out", "5", "--ts", "2026-11-12T12:00:00Z");
        Fixtures.Ok("close", "--root", a, "--session-id", "run-codex-2");
        Fixtures.Ok("sync", "--root", a, "--database", db.OwnerUri);

        string local = Fixtures.Ok("sessions", "--root", a);
        string team = Fixtures.Ok("sessions", "--database", db.OwnerUri);
        Assert.Equal(local, team);
        string line = Assert.Single(team.Split('\n'), l => l.Contains("\"run-codex-2\"", StringComparison.Ordinal));
        Assert.Contains("\"tokens_in\":7000", line, StringComparison.Ordinal);
        Assert.Equal(2L, db.Scalar<long>("SELECT count(*) FROM zos.session_summaries WHERE session_id = 'run-codex-2'"));
        Assert.Equal(7000L, db.Scalar<long>("SELECT tokens_in FROM zos.latest_sessions WHERE session_id = 'run-codex-2'"));
    }

    [Fact]
    public void Readers_RootAndDatabaseTogether_AreAUsageError()
    {
        var r = Fixtures.Cli("sessions", "--root", dir.Path, "--database", "postgres://nobody@127.0.0.1:1/none");
        Assert.Equal(2, r.Code);
        Assert.Contains("--root and --database", r.Err, StringComparison.Ordinal);
    }
}
