// The PostgreSQL team store: migrations (embedded Migrations/NNN_name.sql, applied in order under an advisory lock and
// recorded in zos.migrations), inserts that keep each row once by its key, and the rows read back in arrival order for
// a reader's view. One connection per call: commands are short, and Npgsql pools what is reused in one process.
using System.Globalization;
using System.Reflection;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using ZosTelemetry.Store;
using ZosTelemetry.Sync;

namespace ZosTelemetry.Postgres;

public sealed class PostgresTeamDatabase : ITeamDatabase
{
    private const string MigrationPrefix = "ZosTelemetry.Postgres.Migrations.";

    private readonly TeamConnection connection;
    private NpgsqlDataSource? dataSource;

    public PostgresTeamDatabase(string connectionText)
    {
        connection = TeamConnection.Parse(connectionText);
    }

    public string Target => connection.Target;

    public string Display => connection.Display;

    /// <summary>The migrations this build ships, by version.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Migrations() =>
        typeof(PostgresTeamDatabase).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(MigrationPrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                string name = n[MigrationPrefix.Length..^4];
                using var stream = typeof(PostgresTeamDatabase).Assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream, Encoding.UTF8);
                return (int.Parse(name[..3], CultureInfo.InvariantCulture), name, reader.ReadToEnd());
            })
            .OrderBy(m => m.Item1)
            .ToList();

    public static int LatestVersion => Migrations()[^1].Version;

    public int Initialize() => Run("Cannot initialise", conn =>
    {
        using var tx = conn.BeginTransaction();
        Execute(conn, tx, "SELECT pg_advisory_xact_lock(hashtext('zos-telemetry migrations'))");
        Execute(conn, tx, """
            CREATE SCHEMA IF NOT EXISTS zos;
            CREATE TABLE IF NOT EXISTS zos.migrations (
                version    integer PRIMARY KEY,
                name       text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """);
        int current;
        using (var cmd = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM zos.migrations", conn, tx))
        {
            current = Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        foreach (var (version, name, sql) in Migrations().Where(m => m.Version > current))
        {
            Execute(conn, tx, sql);
            using var record = new NpgsqlCommand("INSERT INTO zos.migrations (version, name) VALUES (@v, @n)", conn, tx);
            record.Parameters.AddWithValue("v", version);
            record.Parameters.AddWithValue("n", name);
            record.ExecuteNonQuery();
            current = version;
        }

        tx.Commit();
        return current;
    });

    public int CheckSchema()
    {
        int version = Run("Cannot reach", conn =>
        {
            using var cmd = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM zos.migrations", conn);
            return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        });
        int latest = LatestVersion;
        return version == latest ? version
            : version > latest ? throw new TeamStoreException($"{Display} has schema version {version}, newer than this zos-telemetry knows ({latest}): update zos-telemetry.")
            : throw new TeamStoreException($"{Display} has schema version {version}, older than this zos-telemetry's ({latest}): run `zos-telemetry sync --init` (Sync-TelemetryStore -Init) as its owner to migrate it.");
    }

    public long Insert(IReadOnlyList<SyncRow> rows) => Run("Cannot send rows to", conn =>
    {
        using var tx = conn.BeginTransaction();
        long added = 0;
        foreach (var group in rows.GroupBy(r => r.Sink))
        {
            var list = group.ToList();
            using var cmd = new NpgsqlCommand(InsertSql(group.Key), conn, tx);
            cmd.Parameters.Add(Array("k", NpgsqlDbType.Text, list.Select(r => r.Key).ToArray()));
            cmd.Parameters.Add(Array("f", NpgsqlDbType.Text, list.Select(r => r.File).ToArray()));
            cmd.Parameters.Add(Array("ts", NpgsqlDbType.TimestampTz, list.Select(r => r.Timestamp.UtcDateTime).ToArray()));
            cmd.Parameters.Add(Array("s", NpgsqlDbType.Text, list.Select(r => r.SessionId).ToArray()));
            cmd.Parameters.Add(Array("y", NpgsqlDbType.Text, list.Select(r => r.System).ToArray()));
            cmd.Parameters.Add(Array("kind", NpgsqlDbType.Text, list.Select(r => r.Kind).ToArray()));
            cmd.Parameters.Add(Array("m", NpgsqlDbType.Text, list.Select(r => (object?)r.Model ?? DBNull.Value).ToArray()));
            cmd.Parameters.Add(Array("ti", NpgsqlDbType.Bigint, list.Select(r => r.TokensIn).ToArray()));
            cmd.Parameters.Add(Array("to", NpgsqlDbType.Bigint, list.Select(r => r.TokensOut).ToArray()));
            cmd.Parameters.Add(Array("c", NpgsqlDbType.Double, list.Select(r => r.CostUsd is double c ? (object)c : DBNull.Value).ToArray()));
            cmd.Parameters.Add(Array("l", NpgsqlDbType.Text, list.Select(r => r.Line).ToArray()));
            added += cmd.ExecuteNonQuery();
        }

        tx.Commit();
        return added;
    });

    public void Download(string root) => Run("Cannot read", conn =>
    {
        foreach (var (kind, table) in Tables)
        {
            var files = new Dictionary<string, Stream>(StringComparer.Ordinal);
            try
            {
                // The file is the row's own timestamp's month, never a name the database hands us. Of the summaries only
                // each session's latest (zos.latest_sessions, the store's rule) is fetched: no reader uses the others.
                using var cmd = new NpgsqlCommand($"SELECT {TimeColumn(kind)}, line FROM zos.{(kind == SinkKind.Sessions ? "latest_sessions" : table)} ORDER BY seq", conn);
                using var reader = cmd.ExecuteReader();
                while (reader.Read())
                {
                    string file = SinkFiles.FileName(kind, new DateTimeOffset(reader.GetFieldValue<DateTime>(0), TimeSpan.Zero));
                    if (!files.TryGetValue(file, out var stream))
                    {
                        files[file] = stream = new BufferedStream(new FileStream(Path.Combine(root, file), FileMode.Append, FileAccess.Write), 64 * 1024);
                    }

                    stream.Write(Encoding.UTF8.GetBytes(reader.GetString(1)));
                    stream.WriteByte((byte)'\n');
                }
            }
            finally
            {
                foreach (var stream in files.Values)
                {
                    stream.Dispose();
                }
            }
        }

        return 0;
    });

    public void Dispose() => dataSource?.Dispose();

    private static readonly (SinkKind Kind, string Table)[] Tables =
        [(SinkKind.Events, "events"), (SinkKind.Sessions, "session_summaries"), (SinkKind.Snapshots, "snapshots"), (SinkKind.Alerts, "alerts")];

    private static string TimeColumn(SinkKind kind) => kind == SinkKind.Sessions ? "ts_closed" : "ts";

    // Every sink's insert takes the same arrays; each uses the columns its table has. ON CONFLICT DO NOTHING needs only
    // the INSERT privilege when it names no conflict target (naming one needs SELECT on it), so a writer role that can
    // read nothing can still resend a batch harmlessly; row_key is the tables' one unique key.
    private static string InsertSql(SinkKind kind) => kind switch
    {
        SinkKind.Events => """
            INSERT INTO zos.events (row_key, month_file, ts, session_id, system, kind, model, tokens_in, tokens_out, cost_usd, line)
            SELECT * FROM unnest(@k, @f, @ts, @s, @y, @kind, @m, @ti, @to, @c, @l) ON CONFLICT DO NOTHING
            """,
        SinkKind.Sessions => """
            INSERT INTO zos.session_summaries (row_key, month_file, ts_closed, session_id, system, model, tokens_in, tokens_out, line)
            SELECT k, f, ts, s, y, m, ti, tt, l FROM unnest(@k, @f, @ts, @s, @y, @kind, @m, @ti, @to, @c, @l) AS u(k, f, ts, s, y, kind, m, ti, tt, c, l)
            ON CONFLICT DO NOTHING
            """,
        SinkKind.Snapshots => """
            INSERT INTO zos.snapshots (row_key, month_file, ts, system, line)
            SELECT k, f, ts, y, l FROM unnest(@k, @f, @ts, @s, @y, @kind, @m, @ti, @to, @c, @l) AS u(k, f, ts, s, y, kind, m, ti, tt, c, l)
            ON CONFLICT DO NOTHING
            """,
        _ => """
            INSERT INTO zos.alerts (row_key, month_file, ts, session_id, system, type, cost_usd, line)
            SELECT k, f, ts, s, y, kind, c, l FROM unnest(@k, @f, @ts, @s, @y, @kind, @m, @ti, @to, @c, @l) AS u(k, f, ts, s, y, kind, m, ti, tt, c, l)
            ON CONFLICT DO NOTHING
            """,
    };

    private static NpgsqlParameter Array<T>(string name, NpgsqlDbType type, T[] values) =>
        new(name, NpgsqlDbType.Array | type) { Value = values };

    private static void Execute(NpgsqlConnection conn, NpgsqlTransaction tx, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.ExecuteNonQuery();
    }

    private T Run<T>(string what, Func<NpgsqlConnection, T> work)
    {
        try
        {
            dataSource ??= new NpgsqlDataSourceBuilder(connection.Builder.ConnectionString).Build();
            using var conn = dataSource.OpenConnection();
            return work(conn);
        }
        catch (NpgsqlException ex)
        {
            throw connection.Failure(what, ex);
        }
        catch (InvalidOperationException ex) when (ex.Source?.StartsWith("Npgsql", StringComparison.Ordinal) == true)
        {
            throw connection.Failure(what, ex);
        }
    }
}
