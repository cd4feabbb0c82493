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
        "compare codex claude-code --window 30 --json",
        "compare claude-code codex --window 3650",
        "report daily",
        "report daily --json --breakdown",
        "report daily --timezone Asia/Kathmandu --breakdown",
        "report daily --timezone America/Los_Angeles --since 2026-10-30 --until 2026-11-10 --json --breakdown",
        "report daily --timezone Pacific/Kiritimati --system codex",
        "report daily --since 2026-11-03 --until 2026-11-03 --timezone UTC --prices {prices}",
        "report monthly --timezone UTC",
        "report monthly --json",
        "report monthly --timezone Pacific/Pago_Pago --breakdown --system claude-code",
        "report session",
        "report session --json --system codex",
        "report session --breakdown --timezone Asia/Kathmandu --since 2026-11-01 --until 2026-11-11",
        "report session --json --breakdown --timezone Pacific/Kiritimati --prices {prices}",
        "report errors",
        "report errors --json --by model",
        "report errors --by model --since 2026-11-01 --until 2026-11-12 --top 1",
        "report errors --json --system codex --top 3",
        "savings",
        "savings --json",
        "savings --system codex --markdown",
        "savings --since 2026-11-01 --until 2026-11-12 --json",
        "savings --baseline-tier cheap --prices {prices}",
        "alerts",
        "alerts --json",
        "alerts --system codex --since 2026-11-12T00:00:00Z --loop-calls 3",
        "score",
        "score --json --by system",
        "score --system claude-code --until 2026-11-12T00:00:00Z",
        "snapshots",
        "snapshots --json",
        "snapshots --json --last 1",
        "snapshots --system codex --last 5",
        "snapshots --compare",
        "snapshots --compare --json --system claude-code --last 30",
    };

    [DatabaseFact]
    public void Readers_TwoMachinesSynced_GiveTheBytesOfTheirMergedStore()
    {
        using var db = new TestDatabase();
        string a = dir.Sub("machine-a"), b = dir.Sub("machine-b"), merged = dir.Sub("merged");
        Fixtures.Machine(a, "claude-code");
        Fixtures.Machine(b, "codex");
        UsageAtTheEdges(a, "claude-code");
        UsageAtTheEdges(b, "codex");
        File.WriteAllText(PriceFile, """{"models": {"team-model-x": {"provider": "team", "tier": "cheap", "input": 2.5, "output": 10, "cache_read": 0.25}}}""");
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
            string[] args = command.Replace("{prices}", PriceFile, StringComparison.Ordinal).Split(' ');
            var local = Fixtures.Cli([.. args, "--root", merged]);
            var team = Fixtures.Cli([.. args, "--database", reader]);
            Assert.True(local.Code == 0, $"{command}: {local.Err}");
            Assert.False(string.IsNullOrWhiteSpace(local.Out), command);
            Assert.True(WithoutRunTime(local.Out) == WithoutRunTime(team.Out), $"{command} differs over the database:\n--- local\n{local.Out}\n--- database\n{team.Out}\n{team.Err}");
            Assert.Equal(local.Code, team.Code);
        }

        // The fixtures' errors make a real report: a fingerprint recurring across sessions and machines, by model too.
        string errors = Fixtures.Ok("report", "errors", "--by", "model", "--database", reader);
        Assert.Contains("Recurring errors", errors, StringComparison.Ordinal);
        Assert.Contains("(no model), ", errors, StringComparison.Ordinal);
    }

    public static readonly TheoryData<string> QueryReaders = new()
    {
        "report daily --breakdown --timezone Asia/Kathmandu",
        "report monthly --json",
        "report session",
        "report session --json --breakdown --timezone America/Los_Angeles --since 2026-11-01",
        "report errors --json",
        "report errors --by model",
        "savings --json",
        "sessions",
        "sessions --system codex",
        "alerts --json",
        "score --json",
        "score --by system",
        "snapshots --json",
        "snapshots --last 1",
        "snapshots --compare --json",
    };

    [DatabaseFact]
    public void Readers_RoleThatCannotReadTheEventsLines_StillGiveTheLocalOutput()
    {
        // The proof that these readers query instead of downloading rows: a role that may read every column of zos.events
        // except line (and the other tables, whose lines are the summaries, alerts and snapshots these readers list)
        // gets the local bytes, while reading a line is refused to it.
        using var db = new TestDatabase();
        string a = dir.Sub("a");
        Fixtures.Machine(a, "codex");
        UsageAtTheEdges(a, "codex");
        Fixtures.Ok("sync", "--init", "--database", db.OwnerUri);
        Fixtures.Ok("sync", "--root", a, "--database", db.OwnerUri);
        Assert.True(db.Scalar<long>("SELECT count(*) FROM zos.events WHERE correction AND kind = 'user_message'") > 0);
        string group = "zos_sums_" + Guid.NewGuid().ToString("N")[..8];
        db.Execute($"""
            CREATE ROLE {group} NOLOGIN;
            GRANT USAGE ON SCHEMA zos TO {group};
            GRANT SELECT ON zos.migrations, zos.session_summaries, zos.latest_sessions, zos.alerts, zos.snapshots TO {group};
            GRANT SELECT (seq, ts, system, session_id, kind, model, tier, cost_usd, tokens_in, tokens_out, cache_read_tokens, cache_write_tokens,
                          correction, tool_error, error_category, error_fingerprint) ON zos.events TO {group};
            """);
        try
        {
            string sums = db.LoginIn(group, out _, out _);
            foreach (string command in QueryReaders)
            {
                string[] args = command.Split(' ');
                var local = Fixtures.Cli([.. args, "--root", a]);
                var team = Fixtures.Cli([.. args, "--database", sums]);
                Assert.True(local.Code == 0 && team.Code == 0, $"{command}: {local.Err}{team.Err}");
                Assert.False(string.IsNullOrWhiteSpace(local.Out), command);
                Assert.True(WithoutRunTime(local.Out) == WithoutRunTime(team.Out), $"{command} differs:\n--- local\n{local.Out}\n--- database\n{team.Out}");
            }

            using var conn = new Npgsql.NpgsqlConnection(TestDatabase.ConnectionOf(sums).ConnectionString);
            conn.Open();
            using var readLines = new Npgsql.NpgsqlCommand("SELECT line FROM zos.events LIMIT 1", conn);
            Assert.Equal("42501", Assert.Throws<Npgsql.PostgresException>(() => readLines.ExecuteScalar()).SqlState);
        }
        finally
        {
            db.Execute($"DROP OWNED BY {group}; DROP ROLE {group}");
        }
    }

    [DatabaseFact]
    public void Init_DatabaseOfVersion3_FillsTheMarkerColumnsOfRowsAlreadyThere()
    {
        // A database synced before version 4: its events get their marker flags and error columns from their lines.
        using var db = new TestDatabase();
        string a = dir.Sub("a");
        Fixtures.Machine(a, "codex");
        UsageAtTheEdges(a, "codex");
        Fixtures.Ok("sync", "--init", "--database", db.OwnerUri);
        Fixtures.Ok("sync", "--root", a, "--database", db.OwnerUri);
        long corrections = db.Scalar<long>("SELECT count(*) FROM zos.events WHERE correction");
        long toolErrors = db.Scalar<long>("SELECT count(*) FROM zos.events WHERE tool_error");
        db.Execute("""
            ALTER TABLE zos.events DROP COLUMN correction, DROP COLUMN tool_error, DROP COLUMN error_category, DROP COLUMN error_fingerprint;
            DROP INDEX zos.events_errors;
            DELETE FROM zos.migrations WHERE version = 4;
            """);

        Assert.Contains("schema at version 4", Fixtures.Ok("sync", "--init", "--database", db.OwnerUri), StringComparison.Ordinal);
        Assert.True(corrections > 0);
        Assert.Equal(corrections, db.Scalar<long>("SELECT count(*) FROM zos.events WHERE correction"));
        Assert.Equal(toolErrors, db.Scalar<long>("SELECT count(*) FROM zos.events WHERE tool_error"));
        Assert.Equal(db.Scalar<long>("SELECT count(*) FROM zos.events WHERE line LIKE '%\"corr.%'"), corrections);
        Assert.True(db.Scalar<long>("SELECT count(*) FROM zos.events WHERE error_category IS NOT NULL") > 0);
        Assert.Equal(Fixtures.Ok("report", "session", "--json", "--breakdown", "--root", a), Fixtures.Ok("report", "session", "--json", "--breakdown", "--database", db.OwnerUri));
        Assert.Equal(Fixtures.Ok("report", "errors", "--json", "--by", "model", "--root", a), Fixtures.Ok("report", "errors", "--json", "--by", "model", "--database", db.OwnerUri));
    }

    [DatabaseFact]
    public void Init_DatabaseOfVersion2_FillsTheSummedColumnsOfRowsAlreadyThere()
    {
        // A database synced before version 3: its rows get their cache tokens, tier and marker flags from their lines on
        // migration (3, then 4).
        using var db = new TestDatabase();
        string a = dir.Sub("a");
        Fixtures.Machine(a, "codex");
        UsageAtTheEdges(a, "codex");
        Fixtures.Ok("sync", "--init", "--database", db.OwnerUri);
        Fixtures.Ok("sync", "--root", a, "--database", db.OwnerUri);
        db.Execute("""
            ALTER TABLE zos.events DROP COLUMN cache_read_tokens, DROP COLUMN cache_write_tokens, DROP COLUMN tier, DROP COLUMN correction, DROP COLUMN tool_error,
                DROP COLUMN error_category, DROP COLUMN error_fingerprint;
            DROP INDEX zos.events_ts, zos.events_errors;
            DELETE FROM zos.migrations WHERE version >= 3;
            """);

        Assert.Contains("schema at version 4", Fixtures.Ok("sync", "--init", "--database", db.OwnerUri), StringComparison.Ordinal);
        Assert.Equal(5090L, db.Scalar<long>("SELECT sum(cache_read_tokens)::bigint FROM zos.events"));
        Assert.Equal(700L, db.Scalar<long>("SELECT sum(cache_write_tokens)::bigint FROM zos.events"));
        Assert.Equal(2L, db.Scalar<long>("SELECT count(*) FROM zos.events WHERE tier = 'premium' OR tier = 'Premium'"));
        Assert.Equal(WithoutRunTime(Fixtures.Ok("savings", "--json", "--root", a)), WithoutRunTime(Fixtures.Ok("savings", "--json", "--database", db.OwnerUri)));
    }

    private string PriceFile => dir.Sub("prices.json");

    // Rows that the SQL sums must treat as the local fold does: cache tokens, tiers, tokens without a recorded cost of a
    // priced and of an unknown model (priced from --prices in one variant), a zero and a positive cost without tokens,
    // a model logged as "" and events on either side of local midnights (Kathmandu's +05:45, Los Angeles's fall-back
    // day, Kiritimati's +14:00, a month's last evening in Pago Pago's -11:00).
    private static void UsageAtTheEdges(string root, string system)
    {
        string session = "edges-" + system;
        void Append(string ts, params string[] more) =>
            Fixtures.Ok(["append", "--root", root, "--session-id", session, "--system", system, "--kind", "llm_call", "--ts", ts, .. more]);
        Append("2026-10-31T10:59:00Z", "--model", "claude-sonnet-4-5", "--tokens-in", "1000", "--tokens-out", "100", "--cache-read-tokens", "5000", "--cache-write-tokens", "700", "--tier", "premium");
        Append("2026-10-31T11:00:00Z", "--model", "claude-sonnet-4-5", "--tokens-in", "10", "--tokens-out", "1", "--cost-usd", "0.0123", "--tier", "Premium");
        Append("2026-11-01T08:45:00Z", "--model", "team-model-x", "--tokens-in", "300", "--tokens-out", "30", "--cache-read-tokens", "90");
        Append("2026-11-01T09:15:00Z", "--model", "team-model-x", "--tokens-in", "301", "--tokens-out", "31");
        Append("2026-11-02T07:59:00Z", "--cost-usd", "0.5");
        Append("2026-11-02T08:00:00Z", "--cost-usd", "0");
        Append("2026-11-03T18:14:00Z", "--model", "gpt-5", "--tokens-in", "123", "--tokens-out", "45", "--tier", "capable");
        Append("2026-11-03T18:15:00Z", "--model", "gpt-5", "--tokens-in", "124", "--tokens-out", "46", "--cost-usd", "0.001");
        Append("2026-11-30T10:59:00Z", "--model", "", "--tokens-in", "7", "--tokens-out", "7");
        Append("2026-11-30T11:00:00Z", "--model", "gpt-5", "--tokens-in", "8", "--tokens-out", "8", "--cost-usd", "0.25");
        Fixtures.Ok("close", "--root", root, "--session-id", session);

        // Errors for report errors: a fingerprint recurring across two sessions (one closed, one never closed, so by
        // model one counts under its summary's model and one under "(no model)"), an api_error without a category and
        // an error with a model of its own.
        void Error(string id, string ts, string message, params string[] more)
        {
            var r = Fixtures.CliWithStdin(message, ["append", "--root", root, "--session-id", id, "--system", system, "--kind", "error", "--error-stdin", "--ts", ts, .. more]);
            Assert.True(r.Code == 0, r.Err);
        }

        Error(session, "2026-11-02T10:00:00Z", "Error: 429 Too Many Requests");
        Error(session, "2026-11-02T23:59:00Z", "Error: 429 Too Many Requests", "--model", "gpt-5");
        Error("open-" + system, "2026-11-05T11:00:00Z", "Error: 429 Too Many Requests");
        Error("open-" + system, "2026-11-05T12:00:00Z", "request timed out after 30 s");
        Fixtures.Ok("append", "--root", root, "--session-id", "open-" + system, "--system", system, "--kind", "api_error", "--ts", "2026-11-06T00:00:00Z");
    }

    // The one thing two runs of a report may not share: the moment each was generated (generated_at, "generated ...",
    // and the drift report's windows, which end then).
    private static string WithoutRunTime(string output) =>
        System.Text.RegularExpressions.Regex.Replace(output, @"(generated_at"": ""|_since"": ""|generated |until )\d{4}-\d\d-\d\dT[0-9:.]+Z", "$1<now>");

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

    [DatabaseFact]
    public void KnownSystems_SummariesEventsAndSnapshots_GivesEachSystemOnceInOrdinalOrder()
    {
        // The cmdlets' -System check over a database: every table's systems (a classifier that only writes snapshots
        // is a system too), each once, by the index's skip scan rather than by reading the rows.
        using var db = new TestDatabase();
        string a = dir.Sub("a"), c = dir.Sub("c");
        Fixtures.Machine(a, "codex");
        var snap = Fixtures.CliWithStdin("""{"ts": "2026-11-20T10:00:00Z", "label": "premium", "confidence": 0.91, "probabilities": [0.91, 0.09]}""",
            "snapshot", "--root", c, "--system", "Zeta-classifier");
        Assert.True(snap.Code == 0, snap.Err);
        Fixtures.Ok("append", "--root", c, "--session-id", "open-1", "--system", "alpha-events-only", "--kind", "user_message", "--ts", "2026-11-01T00:00:00Z");
        Fixtures.Ok("sync", "--init", "--database", db.OwnerUri);
        Fixtures.Ok("sync", "--root", a, "--database", db.OwnerUri);
        Fixtures.Ok("sync", "--root", c, "--database", db.OwnerUri);

        using var team = new Postgres.PostgresTeamDatabase(db.OwnerUri);
        var known = team.KnownSystems();

        string all = db.Scalar<string>("""
            SELECT string_agg(s, ',' ORDER BY s COLLATE "C")
            FROM (SELECT system FROM zos.events UNION SELECT system FROM zos.session_summaries UNION SELECT system FROM zos.snapshots) x(s)
            """);
        Assert.Equal(all, string.Join(',', known));
        Assert.Contains("codex", known);
        Assert.True(known.ToList().IndexOf("Zeta-classifier") is int z && z >= 0 && z < known.ToList().IndexOf("alpha-events-only"));
    }

    [Fact]
    public void Snapshots_UserOverDatabase_IsAUsageErrorThatSaysWhy()
    {
        var r = Fixtures.Cli("snapshots", "--user", "ada", "--database", "postgres://nobody@127.0.0.1:1/none");
        Assert.Equal(2, r.Code);
        Assert.Contains("user.key", r.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("nobody", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Readers_RootAndDatabaseTogether_AreAUsageError()
    {
        var r = Fixtures.Cli("sessions", "--root", dir.Path, "--database", "postgres://nobody@127.0.0.1:1/none");
        Assert.Equal(2, r.Code);
        Assert.Contains("--root and --database", r.Err, StringComparison.Ordinal);
    }
}
