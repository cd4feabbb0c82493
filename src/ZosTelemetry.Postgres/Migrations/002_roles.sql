-- Version 2: least privilege. zos_writer (for runners) may insert rows and nothing else: no SELECT (so no reading
-- anyone's rows, and no RETURNING), no UPDATE, DELETE or TRUNCATE, and not the seq or synced_by columns. zos_reader
-- (for reports) may only read. Both are NOLOGIN group roles: give each runner and reader a login role IN ROLE one of them.
-- Roles belong to the cluster, not to a database, and the migration lock is per database: two databases migrated at
-- once race on CREATE ROLE, and the one that waited sees unique_violation rather than duplicate_object.
DO $$
BEGIN
    CREATE ROLE zos_writer NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$
BEGIN
    CREATE ROLE zos_reader NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

REVOKE ALL ON ALL TABLES IN SCHEMA zos FROM PUBLIC;
GRANT USAGE ON SCHEMA zos TO zos_writer, zos_reader;
GRANT SELECT ON zos.migrations TO zos_writer, zos_reader;
GRANT INSERT (row_key, month_file, ts, session_id, system, kind, model, tokens_in, tokens_out, cost_usd, line) ON zos.events TO zos_writer;
GRANT INSERT (row_key, month_file, ts_closed, session_id, system, model, tokens_in, tokens_out, line) ON zos.session_summaries TO zos_writer;
GRANT INSERT (row_key, month_file, ts, system, line) ON zos.snapshots TO zos_writer;
GRANT INSERT (row_key, month_file, ts, session_id, system, type, cost_usd, line) ON zos.alerts TO zos_writer;
GRANT SELECT ON zos.events, zos.session_summaries, zos.snapshots, zos.alerts, zos.latest_sessions TO zos_reader;
