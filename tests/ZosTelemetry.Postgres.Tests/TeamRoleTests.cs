// Least privilege: a runner's login in zos_writer can insert rows and do nothing else (read, change, delete, or pose
// as another runner), and a login in zos_reader can read for reports but write nothing.
using Npgsql;

namespace ZosTelemetry.Tests;

public sealed class TeamRoleTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [DatabaseFact]
    public void WriterRole_CanOnlyInsert_AndCannotReadOrAlterOthersRows()
    {
        using var db = new TestDatabase();
        string a = dir.Sub("a"), b = dir.Sub("b");
        Fixtures.Machine(a, "claude-code");
        Fixtures.Machine(b, "codex");
        Fixtures.Ok("sync", "--init", "--database", db.OwnerUri);
        string first = db.LoginIn("zos_writer", out string firstRole, out _);
        string second = db.LoginIn("zos_writer", out string secondRole, out _);
        Fixtures.Ok("sync", "--root", a, "--database", first);
        string before = db.AllText();

        // The second runner syncs its own store, which shares a session with the first's: the shared rows stay the first's.
        Fixtures.Ok("sync", "--root", b, "--database", second);
        Assert.Equal(firstRole, db.Scalar<string>("SELECT DISTINCT synced_by::text FROM zos.events WHERE session_id = 'shared-001'"));
        Assert.True(db.Scalar<long>($"SELECT count(*) FROM zos.events WHERE synced_by = '{secondRole}'") > 0);

        using var conn = new NpgsqlConnection(Builder(second).ConnectionString);
        conn.Open();
        foreach (string sql in new[]
        {
            "SELECT count(*) FROM zos.events",
            "SELECT line FROM zos.session_summaries LIMIT 1",
            "SELECT * FROM zos.latest_sessions",
            "SELECT 1 FROM zos.alerts",
            "SELECT 1 FROM zos.snapshots",
            "UPDATE zos.events SET tokens_in = 0",
            "DELETE FROM zos.session_summaries",
            "TRUNCATE zos.alerts",
            "INSERT INTO zos.events (row_key, month_file, ts, session_id, system, kind, tokens_in, tokens_out, line) VALUES ('x', 'f', now(), 's', 'y', 'k', 0, 0, '{}') RETURNING line",
            $"INSERT INTO zos.events (row_key, month_file, ts, session_id, system, kind, tokens_in, tokens_out, line, synced_by) VALUES ('y', 'f', now(), 's', 'y', 'k', 0, 0, '{{}}', '{firstRole}')",
            "INSERT INTO zos.events (row_key, month_file, ts, session_id, system, kind, tokens_in, tokens_out, line) VALUES ('z', 'f', now(), 's', 'y', 'k', 0, 0, '{}') ON CONFLICT (row_key) DO UPDATE SET line = 'x'",
            "DROP TABLE zos.events",
            "CREATE TABLE zos.mine (x int)",
        })
        {
            using var cmd = new NpgsqlCommand(sql, conn);
            var ex = Assert.Throws<PostgresException>(() => cmd.ExecuteNonQuery());
            Assert.True(ex.SqlState is "42501" or "42809", $"{sql}: {ex.SqlState} {ex.MessageText}");
        }

        // A row with another row's key changes nothing.
        using (var cmd = new NpgsqlCommand("INSERT INTO zos.session_summaries (row_key, month_file, ts_closed, session_id, system, tokens_in, tokens_out, line) SELECT row_key, 'f', now(), 's', 'y', 0, 0, '{}' FROM unnest(@k) AS row_key ON CONFLICT DO NOTHING", conn))
        {
            cmd.Parameters.AddWithValue("k", new[] { "x-does-not-exist" });
            Assert.Equal(1, cmd.ExecuteNonQuery());
        }

        Assert.Contains(before.Split('\n')[0], db.AllText(), StringComparison.Ordinal);
        Assert.Equal(0L, db.Scalar<long>("SELECT count(*) FROM zos.events WHERE row_key IN ('x', 'y', 'z')"));
    }

    [DatabaseFact]
    public void ReaderRole_ReadsReportsButCannotWrite()
    {
        using var db = new TestDatabase();
        string a = dir.Sub("a");
        Fixtures.Machine(a, "codex");
        Fixtures.Ok("sync", "--init", "--database", db.OwnerUri);
        string reader = db.LoginIn("zos_reader", out _, out _);

        var sync = Fixtures.Cli("sync", "--root", a, "--database", reader);
        Fixtures.Ok("sync", "--root", a, "--database", db.OwnerUri);
        string sessions = Fixtures.Ok("sessions", "--database", reader);

        Assert.Equal(3, sync.Code);
        Assert.Contains("permission denied", sync.Err, StringComparison.Ordinal);
        Assert.Equal(Fixtures.Ok("sessions", "--root", a), sessions);
    }

    private static NpgsqlConnectionStringBuilder Builder(string uri)
    {
        var b = TestDatabase.ConnectionOf(uri);
        return b;
    }
}
