// The PostgreSQL team store: migrations (embedded Migrations/NNN_name.sql, applied in order under an advisory lock and
// recorded in zos.migrations), inserts that keep each row once by its key, and the readers' queries: sums and counts in
// SQL, per-session numbers, and the lines of the rows a listing shows. One connection per call (a stream holds its own
// while it is read): commands are short, and Npgsql pools what is reused in one process.
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

    public IReadOnlyList<string> KnownSystems() => Run("Cannot read", conn =>
    {
        // Each table's systems by a skip scan of its (system, ts) index: one index probe per system, where SELECT DISTINCT
        // would read every row (a million events for three names).
        static string Distinct(string table) => $"""
            SELECT s FROM (WITH RECURSIVE d(s) AS (
                SELECT min(system) FROM zos.{table}
                UNION ALL SELECT (SELECT min(system) FROM zos.{table} WHERE system > d.s) FROM d WHERE d.s IS NOT NULL)
            SELECT s FROM d WHERE s IS NOT NULL) {table}
            """;
        using var cmd = new NpgsqlCommand($"""
            SELECT s FROM ({Distinct("session_summaries")} UNION {Distinct("events")} UNION {Distinct("snapshots")}) s
            ORDER BY s COLLATE "C"
            """, conn);
        using var reader = cmd.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    });

    public (DateTimeOffset First, DateTimeOffset Last)? EventSpan(string? system, DateTimeOffset? from, DateTimeOffset? until) => Run("Cannot read", conn =>
    {
        using var cmd = new NpgsqlCommand("""
            SELECT min(ts), max(ts) FROM zos.events
            WHERE (@system::text IS NULL OR system = @system) AND (@from::timestamptz IS NULL OR ts >= @from) AND (@until::timestamptz IS NULL OR ts < @until)
            """, conn);
        cmd.Parameters.Add(Text("system", system));
        cmd.Parameters.Add(Time("from", from));
        cmd.Parameters.Add(Time("until", until));
        using var reader = cmd.ExecuteReader();
        reader.Read();
        return reader.IsDBNull(0) ? ((DateTimeOffset, DateTimeOffset)?)null : (Utc(reader, 0), Utc(reader, 1));
    });

    // Each event's period is the interval of the query's bounds it falls in (width_bucket: a binary search per row);
    // the sums are of exact numerics, so they do not depend on the order the server meets the rows in.
    private const string PeriodEvents = """
        SELECT (@periods::int[])[width_bucket(ts, @bounds::timestamptz[])] AS period, system COLLATE "C" AS system, session_id,
               nullif(model, '') COLLATE "C" AS model, tier COLLATE "C" AS tier, cost_usd IS NOT NULL AS recorded,
               (tokens_in > 0 OR tokens_out > 0 OR cache_read_tokens > 0 OR cache_write_tokens > 0) AS tokens,
               cost_usd, tokens_in, tokens_out, cache_read_tokens, cache_write_tokens
        FROM zos.events
        WHERE ts >= @from AND ts < @until AND (@system::text IS NULL OR system = @system)
        """;

    public IReadOnlyList<TeamUsageRow> SumUsage(TeamUsageQuery query) => Run("Cannot read", conn =>
    {
        using var cmd = new NpgsqlCommand($"""
            SELECT period, system, model, tier, recorded, tokens, count(*), count(*) FILTER (WHERE cost_usd > 0),
                   sum(tokens_in)::bigint, sum(tokens_out)::bigint, sum(cache_read_tokens)::bigint, sum(cache_write_tokens)::bigint,
                   coalesce(sum(cost_usd::numeric), 0)::float8
            FROM ({PeriodEvents}) e
            WHERE period >= 0
            GROUP BY period, system, model, tier, recorded, tokens
            ORDER BY period, system, model NULLS FIRST, tier NULLS FIRST, recorded, tokens
            """, conn);
        AddPeriods(cmd, query);
        using var reader = cmd.ExecuteReader();
        var rows = new List<TeamUsageRow>();
        while (reader.Read())
        {
            rows.Add(UsageRow(reader, reader.GetInt32(0), reader.GetString(1), at: 2));
        }

        return rows;
    });

    // The session report's counts per session and system joined with its sums per model, tier and cost class: what
    // UsagePartial counts and sums per event, from the columns (kind, the generated marker flags, the numbers), never
    // the line. Each session's rows come together, ordered by its last event as the report orders sessions.
    private const string SessionUsageSql = """
        WITH e AS (
            SELECT * FROM (
                SELECT (@periods::int[])[width_bucket(ts, @bounds::timestamptz[])] AS period, session_id COLLATE "C" AS session_id,
                       system COLLATE "C" AS system, ts, kind, correction, tool_error,
                       nullif(model, '') COLLATE "C" AS model, tier COLLATE "C" AS tier, cost_usd IS NOT NULL AS recorded,
                       (tokens_in > 0 OR tokens_out > 0 OR cache_read_tokens > 0 OR cache_write_tokens > 0) AS tokens,
                       cost_usd, tokens_in, tokens_out, cache_read_tokens, cache_write_tokens
                FROM zos.events
                WHERE ts >= @from AND ts < @until AND (@system::text IS NULL OR system = @system)) p
            WHERE period >= 0),
        c AS (
            SELECT session_id, system, min(ts) AS first_ts, max(ts) AS last_ts,
                   count(*) FILTER (WHERE kind = 'user_message') AS user_turns,
                   count(*) FILTER (WHERE kind = 'user_message' AND correction) AS corrections,
                   count(*) FILTER (WHERE kind = 'tool_result') AS tool_calls,
                   count(*) FILTER (WHERE kind = 'tool_result' AND tool_error) AS tool_failures,
                   count(*) FILTER (WHERE kind = 'api_error') AS api_errors,
                   count(*) FILTER (WHERE kind = 'user_interrupt') AS interrupts
            FROM e GROUP BY session_id, system),
        u AS (
            SELECT session_id, system, model, tier, recorded, tokens, count(*) AS events, count(*) FILTER (WHERE cost_usd > 0) AS positive,
                   sum(tokens_in)::bigint AS tokens_in, sum(tokens_out)::bigint AS tokens_out, sum(cache_read_tokens)::bigint AS cache_read,
                   sum(cache_write_tokens)::bigint AS cache_write, coalesce(sum(cost_usd::numeric), 0)::float8 AS cost
            FROM e WHERE tokens OR coalesce(cost_usd, 0) <> 0
            GROUP BY session_id, system, model, tier, recorded, tokens)
        SELECT c.session_id, c.system, c.first_ts, c.last_ts, c.user_turns, c.corrections, c.tool_calls, c.tool_failures, c.api_errors, c.interrupts,
               u.tokens IS NOT NULL, u.model, u.tier, u.recorded, u.tokens, u.events, u.positive, u.tokens_in, u.tokens_out, u.cache_read, u.cache_write, u.cost
        FROM c LEFT JOIN u ON u.session_id = c.session_id AND u.system = c.system
        ORDER BY c.last_ts, c.session_id, c.system, u.model NULLS FIRST, u.tier NULLS FIRST, u.recorded, u.tokens
        """;

    public IEnumerable<TeamSessionUsageRow> SumSessionUsage(TeamUsageQuery query) =>
        Stream(SessionUsageSql, cmd => AddPeriods(cmd, query), r => new TeamSessionUsageRow
        {
            SessionId = r.GetString(0),
            System = r.GetString(1),
            First = Utc(r, 2),
            Last = Utc(r, 3),
            UserTurns = r.GetInt64(4),
            Corrections = r.GetInt64(5),
            ToolCalls = r.GetInt64(6),
            ToolFailures = r.GetInt64(7),
            ApiErrors = r.GetInt64(8),
            Interrupts = r.GetInt64(9),
            Usage = !r.GetBoolean(10) ? null : UsageRow(r, period: 0, r.GetString(1), at: 11),
        });

    // One sum per model, tier and cost class, from the 11 columns starting at `at`: model, tier, recorded, tokens,
    // events, positive cost, tokens in and out, cache read and write, cost (the daily and the session report's sums).
    private static TeamUsageRow UsageRow(NpgsqlDataReader r, int period, string system, int at) => new()
    {
        Period = period,
        System = system,
        Model = r.IsDBNull(at) ? null : r.GetString(at),
        Tier = r.IsDBNull(at + 1) ? null : r.GetString(at + 1),
        RecordedCost = r.GetBoolean(at + 2),
        Tokens = r.GetBoolean(at + 3),
        Events = r.GetInt64(at + 4),
        PositiveCost = r.GetInt64(at + 5),
        TokensIn = r.GetInt64(at + 6),
        TokensOut = r.GetInt64(at + 7),
        CacheRead = r.GetInt64(at + 8),
        CacheWrite = r.GetInt64(at + 9),
        Cost = r.GetDouble(at + 10),
    };

    // The error report's rows: error and api_error events (the partial index events_errors), each with its category
    // (its own, else api_error for an api_error event, else other) and group, from the columns, never the line.
    private const string ErrorEvents = """
        SELECT e.session_id, e.ts, e.seq, e.error_fingerprint,
               coalesce(e.error_category, CASE e.kind WHEN 'api_error' THEN 'api_error' ELSE 'other' END) COLLATE "C" AS category,
               (CASE WHEN @by_model
                     THEN coalesce(e.model, (SELECT l.model FROM zos.latest_sessions l WHERE l.session_id = e.session_id), @no_model)
                     ELSE e.system END) COLLATE "C" AS grp
        FROM zos.events e
        WHERE e.kind IN ('error', 'api_error') AND (@system::text IS NULL OR e.system = @system)
          AND (@session::text IS NULL OR e.session_id = @session)
          AND (@since::timestamptz IS NULL OR e.ts >= @since) AND (@until::timestamptz IS NULL OR e.ts < @until)
        """;

    public IReadOnlyList<Errors.ErrorDayRow> CountErrors(EventQuery query, bool byModel, string noModel) => Run("Cannot read", conn =>
    {
        using var cmd = new NpgsqlCommand($"""
            SELECT (ts AT TIME ZONE 'UTC')::date, grp, category, count(*), count(DISTINCT session_id)
            FROM ({ErrorEvents}) x
            GROUP BY 1, 2, 3
            """, conn);
        AddErrorQuery(cmd, query, byModel, noModel);
        using var reader = cmd.ExecuteReader();
        var rows = new List<Errors.ErrorDayRow>();
        while (reader.Read())
        {
            rows.Add(new Errors.ErrorDayRow
            {
                Day = reader.GetFieldValue<DateOnly>(0), Group = reader.GetString(1), Category = reader.GetString(2),
                Errors = reader.GetInt64(3), Sessions = checked((int)reader.GetInt64(4)),
            });
        }

        return rows;
    });

    public IReadOnlyList<Errors.ErrorFingerprintRow> RecurringErrors(EventQuery query, bool byModel, string noModel, int top) => Run("Cannot read", conn =>
    {
        using var cmd = new NpgsqlCommand($"""
            SELECT error_fingerprint, (array_agg(category ORDER BY date_trunc('month', ts AT TIME ZONE 'UTC'), seq))[1], count(*) AS n,
                   count(DISTINCT session_id) AS sessions, string_agg(DISTINCT grp, ', ' ORDER BY grp), min(ts), max(ts)
            FROM ({ErrorEvents}) x
            WHERE error_fingerprint IS NOT NULL
            GROUP BY error_fingerprint
            HAVING count(*) >= 2
            ORDER BY n DESC, sessions DESC, error_fingerprint COLLATE "C"
            LIMIT @top
            """, conn);
        AddErrorQuery(cmd, query, byModel, noModel);
        cmd.Parameters.Add(new NpgsqlParameter("top", NpgsqlDbType.Integer) { Value = top });
        using var reader = cmd.ExecuteReader();
        var rows = new List<Errors.ErrorFingerprintRow>();
        while (reader.Read())
        {
            rows.Add(new Errors.ErrorFingerprintRow
            {
                Fingerprint = reader.GetString(0), Category = reader.GetString(1), Count = reader.GetInt64(2), Sessions = checked((int)reader.GetInt64(3)),
                Groups = reader.GetString(4), FirstSeen = Utc(reader, 5), LastSeen = Utc(reader, 6),
            });
        }

        return rows;
    });

    public IReadOnlyList<TeamPeriodSessions> CountSessions(TeamUsageQuery query) => Run("Cannot read", conn =>
    {
        using var cmd = new NpgsqlCommand($"""
            SELECT period, system, count(DISTINCT session_id)
            FROM ({PeriodEvents}) e
            WHERE period >= 0
            GROUP BY period, system
            ORDER BY period, system
            """, conn);
        AddPeriods(cmd, query);
        using var reader = cmd.ExecuteReader();
        var rows = new List<TeamPeriodSessions>();
        while (reader.Read())
        {
            rows.Add(new TeamPeriodSessions { Period = reader.GetInt32(0), System = reader.GetString(1), Sessions = reader.GetInt64(2) });
        }

        return rows;
    });

    // The latest summary per session by the store's rule (as zos.latest_sessions), with where the session's first row
    // arrived; of the two systems' sessions only the numbers the comparison's metrics take leave the server. One sort
    // of the rows: finding the latest and first rows on narrow columns and reading the winners' lines by seq measured
    // three times slower at a million sessions (61 s against 21 s), for the million index look-ups.
    private const string ComparisonSql = """
        SELECT session_id, system, j ->> 'first_ts', j ->> 'last_ts', (j ->> 'detector_version')::int,
               (j ->> 'turns')::bigint, (j ->> 'user_turns')::bigint, (j ->> 'corrections')::bigint, tokens_in + tokens_out,
               (j ->> 'cost_usd')::float8, coalesce((j ->> 'unpriced_events')::bigint, 0), (j ->> 'duration_s')::float8,
               (j ->> 'tool_calls')::bigint, (j ->> 'tool_failures')::bigint,
               CASE WHEN jsonb_typeof(j -> 'errors') = 'object' THEN (SELECT coalesce(sum(value::bigint), 0) FROM jsonb_each_text(j -> 'errors')) END,
               (j ->> 'alerts')::bigint, j ->> 'outcome', candidates
        FROM (SELECT session_id, system, tokens_in, tokens_out, line::jsonb AS j, first_file, first_seq, count(*) OVER () AS candidates
              FROM (SELECT DISTINCT ON (session_id) session_id, system, tokens_in, tokens_out, line,
                           first_value(month_file) OVER first_row AS first_file, first_value(seq) OVER first_row AS first_seq
                    FROM zos.session_summaries
                    WINDOW first_row AS (PARTITION BY session_id ORDER BY month_file, seq)
                    ORDER BY session_id, month_file DESC, ts_closed DESC, seq DESC) latest
              WHERE system IN (@a, @b)) s
        WHERE @since::timestamptz IS NULL OR (j ->> 'last_ts')::timestamptz >= @since
        ORDER BY first_file COLLATE "C", first_seq
        """;

    // Streamed (Stream), so a million sessions are never all in memory here.
    public IEnumerable<TeamSessionNumbers> ReadComparisonSessions(string systemA, string systemB, DateTimeOffset? lastSince) =>
        Stream(ComparisonSql, cmd =>
        {
            cmd.Parameters.Add(Text("a", systemA));
            cmd.Parameters.Add(Text("b", systemB));
            cmd.Parameters.Add(Time("since", lastSince));
        }, ComparisonSession);

    // The latest summary of each session (zos.latest_sessions, the store's rule) whose latest row matches the query's
    // system, id and last-activity window; the reader checks every filter again on the parsed rows (context and model
    // there only), so what is pushed down here only spares sending rows.
    private const string LatestMatching = """
        SELECT session_id, ts_closed, seq, line FROM zos.latest_sessions
        WHERE (@system::text IS NULL OR system = @system) AND (@session::text IS NULL OR session_id = @session)
          AND (@since::timestamptz IS NULL OR (line::jsonb ->> 'last_ts')::timestamptz >= @since)
          AND (@until::timestamptz IS NULL OR (line::jsonb ->> 'last_ts')::timestamptz < @until)
        """;

    public IEnumerable<string> ReadLatestSessions(SessionQuery query) =>
        StreamLines($"SELECT line FROM ({LatestMatching}) s ORDER BY ts_closed DESC, seq DESC", cmd => AddSessionQuery(cmd, query));

    public IEnumerable<string> ReadAlerts(SessionQuery query) =>
        StreamLines($"""
            SELECT a.line FROM zos.alerts a
            WHERE a.session_id IN (SELECT session_id FROM ({LatestMatching}) s)
            ORDER BY date_trunc('month', a.ts AT TIME ZONE 'UTC'), a.seq
            """, cmd => AddSessionQuery(cmd, query));

    public IEnumerable<string> ReadSnapshots(SnapshotQuery query)
    {
        const string Matching = """
            SELECT ts, seq, line FROM zos.snapshots
            WHERE (@system::text IS NULL OR system = @system) AND (@since::timestamptz IS NULL OR ts >= @since) AND (@until::timestamptz IS NULL OR ts < @until)
            """;
        void Bind(NpgsqlCommand cmd)
        {
            cmd.Parameters.Add(Text("system", query.System));
            cmd.Parameters.Add(Time("since", query.Since));
            cmd.Parameters.Add(Time("until", query.Until));
            if (query.Last is int last)
            {
                cmd.Parameters.Add(new NpgsqlParameter("last", NpgsqlDbType.Integer) { Value = last });
            }
        }

        // Newest N: the month files newest first, each from its last row back, as a local store reads them; then oldest first.
        return query.Last is null
            ? StreamLines($"SELECT line FROM ({Matching}) s ORDER BY date_trunc('month', ts AT TIME ZONE 'UTC'), seq", Bind)
            : StreamLines($"""
                SELECT line FROM (SELECT * FROM ({Matching}) s ORDER BY date_trunc('month', ts AT TIME ZONE 'UTC') DESC, seq DESC LIMIT @last) n
                ORDER BY date_trunc('month', ts AT TIME ZONE 'UTC'), seq
                """, Bind);
    }

    public void Dispose() => dataSource?.Dispose();

    private static void AddErrorQuery(NpgsqlCommand cmd, EventQuery query, bool byModel, string noModel)
    {
        cmd.Parameters.Add(new NpgsqlParameter("by_model", NpgsqlDbType.Boolean) { Value = byModel });
        cmd.Parameters.Add(Text("no_model", noModel));
        cmd.Parameters.Add(Text("system", query.System));
        cmd.Parameters.Add(Text("session", query.SessionId));
        cmd.Parameters.Add(Time("since", query.Since));
        cmd.Parameters.Add(Time("until", query.Until));
    }

    private static void AddSessionQuery(NpgsqlCommand cmd, SessionQuery query)
    {
        cmd.Parameters.Add(Text("system", query.System));
        cmd.Parameters.Add(Text("session", query.SessionId));
        cmd.Parameters.Add(Time("since", query.Since));
        cmd.Parameters.Add(Time("until", query.Until));
    }

    // A query's rows, streamed: a million rows are never all in memory here; the connection stays open while the caller
    // reads.
    private IEnumerable<string> StreamLines(string sql, Action<NpgsqlCommand> bind) => Stream(sql, bind, r => r.GetString(0));

    private IEnumerable<T> Stream<T>(string sql, Action<NpgsqlCommand> bind, Func<NpgsqlDataReader, T> read)
    {
        NpgsqlConnection? conn = null;
        NpgsqlCommand? cmd = null;
        NpgsqlDataReader? reader = null;
        try
        {
            reader = Guard("Cannot read", () =>
            {
                conn = Open();
                cmd = new NpgsqlCommand(sql, conn);
                bind(cmd);
                return cmd.ExecuteReader();
            });
            while (Guard("Cannot read", reader.Read))
            {
                yield return read(reader);
            }
        }
        finally
        {
            reader?.Dispose();
            cmd?.Dispose();
            conn?.Dispose();
        }
    }

    private static TeamSessionNumbers ComparisonSession(NpgsqlDataReader r) => new()
    {
        SessionId = r.GetString(0),
        System = r.GetString(1),
        FirstTimestamp = Iso(r.GetString(2)),
        LastTimestamp = Iso(r.GetString(3)),
        DetectorVersion = r.GetInt32(4),
        Turns = r.GetInt64(5),
        UserTurns = r.GetInt64(6),
        Corrections = r.GetInt64(7),
        Tokens = r.GetInt64(8),
        CostUsd = r.GetDouble(9),
        UnpricedEvents = r.GetInt64(10),
        DurationSeconds = r.GetDouble(11),
        ToolCalls = r.IsDBNull(12) ? null : r.GetInt64(12),
        ToolFailures = r.IsDBNull(13) ? null : r.GetInt64(13),
        Errors = r.IsDBNull(14) ? null : r.GetInt64(14),
        Alerts = r.IsDBNull(15) ? null : r.GetInt64(15),
        Outcome = r.IsDBNull(16) ? null : r.GetString(16),
        Candidates = r.GetInt64(17),
    };

    private static DateTimeOffset Iso(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static DateTimeOffset Utc(NpgsqlDataReader r, int column) => new(r.GetFieldValue<DateTime>(column), TimeSpan.Zero);

    private static void AddPeriods(NpgsqlCommand cmd, TeamUsageQuery query)
    {
        cmd.Parameters.Add(Array("periods", NpgsqlDbType.Integer, query.Periods.ToArray()));
        cmd.Parameters.Add(Array("bounds", NpgsqlDbType.TimestampTz, query.Bounds.Select(b => Micro(b)!.Value).ToArray()));
        cmd.Parameters.Add(Time("from", query.From));
        cmd.Parameters.Add(Time("until", query.Until));
        cmd.Parameters.Add(Text("system", query.System));
    }

    private static NpgsqlParameter Text(string name, string? value) => new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Time(string name, DateTimeOffset? value) => new(name, NpgsqlDbType.TimestampTz) { Value = (object?)Micro(value) ?? DBNull.Value };

    // The server keeps microseconds: an instant is rounded up to one, so "ts >= t" and "ts < t" select what they select
    // in .NET's ticks for every stored (whole-millisecond) timestamp.
    private static DateTime? Micro(DateTimeOffset? value) =>
        value is DateTimeOffset v ? new DateTime((v.UtcTicks + 9) / 10 * 10, DateTimeKind.Utc) : null;

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

    private T Run<T>(string what, Func<NpgsqlConnection, T> work) => Guard(what, () =>
    {
        using var conn = Open();
        return work(conn);
    });

    private NpgsqlConnection Open()
    {
        dataSource ??= new NpgsqlDataSourceBuilder(connection.Builder.ConnectionString).Build();
        return dataSource.OpenConnection();
    }

    // The driver's failures as the one TeamStoreException that names the database without its password.
    private T Guard<T>(string what, Func<T> work)
    {
        try
        {
            return work();
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
