// sync against a real server: the schema and its migrations, once-only and incremental sending, resuming after a
// kill, what may leave the machine, and that no password is ever printed.
using System.Diagnostics;
using System.Text;
using ZosTelemetry.Contracts;
using ZosTelemetry.Postgres;
using ZosTelemetry.Store;
using ZosTelemetry.Sync;

namespace ZosTelemetry.Tests;

public sealed class TeamSyncTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [DatabaseFact]
    public void Init_NewDatabase_AppliesEveryMigrationOnceAndCreatesATablePerRowType()
    {
        using var db = new TestDatabase();
        string first = Fixtures.Ok("sync", "--init", "--database", db.OwnerUri, "--json");
        string again = Fixtures.Ok("sync", "--init", "--database", db.OwnerUri, "--json");

        Assert.Contains($"\"schema_version\":{PostgresTeamDatabase.LatestVersion}", first, StringComparison.Ordinal);
        Assert.Equal(first, again);
        Assert.Equal((long)PostgresTeamDatabase.Migrations().Count, db.Scalar<long>("SELECT count(*) FROM zos.migrations"));
        foreach (string table in new[] { "events", "session_summaries", "snapshots", "alerts" })
        {
            Assert.Equal(1L, db.Scalar<long>($"SELECT count(*) FROM information_schema.tables WHERE table_schema = 'zos' AND table_name = '{table}'"));
        }

        Assert.True(db.Scalar<long>("SELECT count(*) FROM pg_indexes WHERE schemaname = 'zos'") >= 12);
    }

    [DatabaseFact]
    public void Sync_SecondRun_SendsNothingAndALostCursorAddsNothing()
    {
        using var db = new TestDatabase();
        string a = dir.Sub("a");
        Fixtures.Machine(a, "claude-code");
        Fixtures.Ok("sync", "--init", "--database", db.OwnerUri);

        string first = Fixtures.Ok("sync", "--root", a, "--database", db.OwnerUri, "--json");
        long rows = RowsIn(db);
        string second = Fixtures.Ok("sync", "--root", a, "--database", db.OwnerUri, "--json");
        Directory.Delete(Path.Combine(a, SyncCursors.Directory), recursive: true);
        string third = Fixtures.Ok("sync", "--root", a, "--database", db.OwnerUri, "--json");

        Assert.Contains($"\"rows_new\":{rows}", first, StringComparison.Ordinal);
        Assert.Contains("\"events_sent\":0,\"sessions_sent\":0,\"snapshots_sent\":0,\"alerts_sent\":0,\"rows_new\":0", second, StringComparison.Ordinal);
        Assert.Contains("\"rows_new\":0", third, StringComparison.Ordinal);
        Assert.DoesNotContain("\"events_sent\":0", third, StringComparison.Ordinal);
        Assert.Equal(rows, RowsIn(db));
    }

    [DatabaseFact]
    public void Sync_NewRowsAppended_SendsOnlyThose()
    {
        using var db = new TestDatabase();
        string a = dir.Sub("a");
        Fixtures.Machine(a, "codex");
        Fixtures.Ok("sync", "--init", "--database", db.OwnerUri);
        Fixtures.Ok("sync", "--root", a, "--database", db.OwnerUri);
        Fixtures.Ok("append", "--root", a, "--session-id", "late", "--system", "codex", "--kind", "llm_call", "--model", "gpt-5", "--tokens-in", "9");

        string r = Fixtures.Ok("sync", "--root", a, "--database", db.OwnerUri, "--json");

        Assert.Contains("\"events_sent\":1,\"sessions_sent\":0,\"snapshots_sent\":0,\"alerts_sent\":0,\"rows_new\":1", r, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public void Sync_KilledMidway_ResyncLosesAndDoublesNoRow()
    {
        using var db = new TestDatabase();
        string a = dir.Sub("big");
        Directory.CreateDirectory(a);
        const int Events = 120_000;
        using (var w = new StreamWriter(Path.Combine(a, "events-2026-11.jsonl")))
        {
            for (int i = 0; i < Events; i++)
            {
                w.Write($$"""{"schema":1,"ts":"2026-11-0{{1 + (i % 9)}}T10:00:00Z","session_id":"s{{i / 20}}","system":"codex","kind":"llm_call","model":"gpt-5","tokens_in":{{i}},"tokens_out":1,"cost_usd":0.001,"markers":[],"event_id":"e{{i:D8}}"}""");
                w.Write('\n');
            }
        }

        Fixtures.Ok("sync", "--init", "--database", db.OwnerUri);
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "zos-telemetry.dll"), "sync", "--root", a, "--database", db.OwnerUri })
        {
            psi.ArgumentList.Add(arg);
        }

        long atKill;
        using (var p = Process.Start(psi)!)
        {
            var clock = Stopwatch.StartNew();
            while ((atKill = RowsIn(db)) < 10_000 && !p.HasExited && clock.Elapsed < TimeSpan.FromSeconds(120))
            {
                Thread.Sleep(20);
            }

            p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }

        Assert.InRange(atKill, 1, Events - 1); // killed mid-sync, not after it
        Fixtures.Ok("sync", "--root", a, "--database", db.OwnerUri);

        Assert.Equal((long)Events, RowsIn(db));
        Assert.Equal((long)Events, db.Scalar<long>("SELECT count(DISTINCT line) FROM zos.events"));
        Assert.Equal((long)Events * (Events - 1) / 2, db.Scalar<long>("SELECT sum(tokens_in) FROM zos.events"));
    }

    [DatabaseFact]
    public void Sync_FamilyLocalOnlyInTheRegistry_SendsNoneOfItsRows()
    {
        using var db = new TestDatabase();
        string a = dir.Sub("a");
        Fixtures.Machine(a, "codex");
        Fixtures.Ok("sync", "--init", "--database", db.OwnerUri);
        // The registry as shipped, with the usage family (llm_call) kept home: sync asks the registry, not a list of its own.
        var doc = System.Text.Json.Nodes.JsonNode.Parse(ContractRegistry.Embedded.Json)!;
        foreach (var family in doc["families"]!.AsArray())
        {
            if ((string?)family!["name"] == "usage")
            {
                family["transmission_class"] = ContractRegistry.LocalOnly;
            }
        }

        var registry = ContractRegistry.Parse(doc.ToJsonString());
        using var database = new PostgresTeamDatabase(db.OwnerUri);
        var result = TeamSync.Run(new TelemetryStore(a), database, registry);

        Assert.True(result.RowsLocalOnly > 0);
        Assert.True(result.EventsSent > 0);
        Assert.Equal(0L, db.Scalar<long>("SELECT count(*) FROM zos.events WHERE kind IN ('llm_call', 'cost_tick')"));
        Assert.True(db.Scalar<long>("SELECT count(*) FROM zos.events WHERE kind = 'tool_call'") > 0);
    }

    [DatabaseFact]
    public void Sync_CanaryInEveryInput_ReachesNoDatabaseRow()
    {
        using var db = new TestDatabase();
        string a = dir.Sub("a");
        Fixtures.Machine(a, "codex");
        var canaries = CanaryMessages.Generate(12, seed: 1616).ToList();
        var words = canaries.SelectMany(c => c.Canaries).ToList();
        string Word(int i) => words[i % words.Count];
        // Unknown fields, refused values (prose in context, model, tool), a garbage line, a torn last line, and the
        // local-only files beside the sinks: everything a sync reads or could read under the root.
        File.AppendAllLines(Path.Combine(a, "events-2026-11.jsonl"),
        [
            $$"""{"schema":1,"ts":"2026-11-05T09:00:00Z","session_id":"c1","system":"codex","kind":"llm_call","model":"gpt-5","tokens_in":1,"tokens_out":1,"markers":[],"text":"{{Word(0)}}","note":{"deep":"{{Word(1)}}"}""" + "}",
            $$"""{"schema":1,"ts":"2026-11-05T09:01:00Z","session_id":"c1","system":"codex","context":"{{canaries[0].Text.Replace("\"", "'", StringComparison.Ordinal).Replace("\\", "/", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\t", " ", StringComparison.Ordinal).Replace("\u0000", " ", StringComparison.Ordinal)}}","kind":"user_message","markers":[]}""",
            $$"""{"schema":1,"ts":"2026-11-05T09:02:00Z","session_id":"c1","system":"codex","kind":"tool_call","tool":"{{Word(2)}} rm -rf / please","markers":[]}""",
            $$"""{"schema":1,"ts":"2026-11-05T09:03:00Z","session_id":"c1","system":"codex","kind":"user_message","markers":["{{Word(3)}}"]}""",
            $"not json at all {Word(4)}",
        ]);
        File.AppendAllText(Path.Combine(a, "sessions-2026-11.jsonl"), $$"""{"schema":1,"ts_closed":"2026-11-25T04:17:02Z","session_id":"c2","system":"codex","summary":"{{Word(5)}}","turns":1}""" + "\n");
        File.AppendAllText(Path.Combine(a, "alerts-2026-11.jsonl"), $$"""{"schema":1,"session_id":"c3","system":"codex","type":"loop","severity":"warning","ts":"2026-11-05T09:00:00Z","tool":"bash","count":9,"threshold":8,"why":"{{Word(6)}}"}""" + "\n");
        File.AppendAllText(Path.Combine(a, "snapshots-2026-11.jsonl"), $$"""{"schema":1,"ts":"2026-11-21T00:00:00Z","system":"codex","label_hint":"{{Word(7)}}"}""" + "\n");
        File.WriteAllText(Path.Combine(a, "import-state.json"), $$"""{"note":"{{Word(8)}}"}""");
        File.AppendAllText(Path.Combine(a, "events-2026-12.jsonl"), $$"""{"schema":1,"ts":"2026-12-01T09:00:00Z","session_id":"c4","system":"codex","kind":"llm_call","text":"{{Word(9)}}""" + "\"");
        Fixtures.Ok("sync", "--init", "--database", db.OwnerUri);

        var r = Fixtures.Cli("sync", "--root", a, "--database", db.OwnerUri, "--json");

        Assert.Equal(0, r.Code);
        Assert.Contains("\"rows_skipped\":", r.Out, StringComparison.Ordinal);
        Assert.True(RowsIn(db) > 100);
        Assert.Equal(1L, db.Scalar<long>("SELECT count(*) FROM zos.events WHERE session_id = 'c1' AND kind = 'llm_call'"));
        string all = db.AllText() + r.Out + r.Err;
        Assert.Empty(CanaryMessages.FoundIn(Encoding.UTF8.GetBytes(all), canaries));
        Assert.DoesNotContain(words, w => all.Contains(w, StringComparison.Ordinal));
    }

    [DatabaseFact]
    public void Sync_Password_NeverInOutputErrorsOrTheCursorFile()
    {
        using var db = new TestDatabase();
        string a = dir.Sub("a");
        Fixtures.Machine(a, "codex");
        string writer = db.LoginIn("zos_writer", out _, out string password);
        string wrong = writer.Replace(password, password + "x", StringComparison.Ordinal);
        var results = new List<(int Code, string Out, string Err)>
        {
            Fixtures.Cli("sync", "--root", a, "--database", writer), // no schema yet
            Fixtures.Cli("sync", "--init", "--database", db.OwnerUri),
            Fixtures.Cli("sync", "--root", a, "--database", writer),
            Fixtures.Cli("sync", "--root", a, "--database", writer, "--json"),
            Fixtures.Cli("sync", "--root", a, "--database", wrong),
            Fixtures.Cli("sessions", "--database", writer), // a writer may not read
            Fixtures.Cli("sync", "--root", a, "--database", $"Host={db.Host};Port={db.Port};Database={db.Name};Username=nobody;Password={password}"),
            Fixtures.Cli("sync", "--root", a, "--database", $"postgres://x:{password}@[::1"),
        };
        var env = CliRunner.Run(["sync", "--root", a, "--json"], null, new Dictionary<string, string?> { ["ZOS_DATABASE"] = writer });
        results.Add((env.ExitCode, env.Stdout, env.Stderr));

        Assert.Equal([3, 0, 0, 0, 3, 3, 3, 2, 0], results.Select(r => r.Code));
        Assert.Contains("sync --init", results[0].Err, StringComparison.Ordinal);
        Assert.Contains("refused the credentials", results[4].Err, StringComparison.Ordinal);
        Assert.Contains("permission denied", results[5].Err, StringComparison.Ordinal);
        Assert.All(results, r => Assert.DoesNotContain(password, r.Out + r.Err, StringComparison.Ordinal));
        Assert.Contains("@" + db.Host, results[2].Out, StringComparison.Ordinal);
        foreach (string file in Directory.GetFiles(Path.Combine(a, SyncCursors.Directory)))
        {
            Assert.DoesNotContain(password, File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    private static long RowsIn(TestDatabase db) =>
        db.Scalar<long>("SELECT (SELECT count(*) FROM zos.events) + (SELECT count(*) FROM zos.session_summaries) + (SELECT count(*) FROM zos.snapshots) + (SELECT count(*) FROM zos.alerts)");
}
