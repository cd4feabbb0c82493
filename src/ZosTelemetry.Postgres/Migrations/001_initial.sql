-- Version 1: a table per row type the local store writes, append-only. A row's key (event_id, else its identity and
-- occurrence) makes a resend a no-op; seq keeps the order rows arrived in, so a reader lays them out as a merge would;
-- synced_by is the role that sent the row, set by the server, never by the writer. The latest-row rule for session
-- summaries is the reader's, as in a local store: a re-closed session's newer summary is one more row.
CREATE SCHEMA IF NOT EXISTS zos;

CREATE TABLE zos.events (
    seq        bigint GENERATED ALWAYS AS IDENTITY,
    row_key    text NOT NULL PRIMARY KEY,
    month_file text NOT NULL,
    ts         timestamptz NOT NULL,
    session_id text NOT NULL,
    system     text NOT NULL,
    kind       text NOT NULL,
    model      text,
    tokens_in  bigint NOT NULL,
    tokens_out bigint NOT NULL,
    cost_usd   double precision,
    line       text NOT NULL,
    synced_by  name NOT NULL DEFAULT session_user
);
CREATE INDEX events_seq ON zos.events (seq);
CREATE INDEX events_system_ts ON zos.events (system, ts);
CREATE INDEX events_session ON zos.events (session_id);

CREATE TABLE zos.session_summaries (
    seq        bigint GENERATED ALWAYS AS IDENTITY,
    row_key    text NOT NULL PRIMARY KEY,
    month_file text NOT NULL,
    ts_closed  timestamptz NOT NULL,
    session_id text NOT NULL,
    system     text NOT NULL,
    model      text,
    tokens_in  bigint NOT NULL,
    tokens_out bigint NOT NULL,
    line       text NOT NULL,
    synced_by  name NOT NULL DEFAULT session_user
);
CREATE INDEX session_summaries_seq ON zos.session_summaries (seq);
CREATE INDEX session_summaries_session ON zos.session_summaries (session_id, ts_closed);
CREATE INDEX session_summaries_system_ts ON zos.session_summaries (system, ts_closed);

CREATE TABLE zos.snapshots (
    seq        bigint GENERATED ALWAYS AS IDENTITY,
    row_key    text NOT NULL PRIMARY KEY,
    month_file text NOT NULL,
    ts         timestamptz NOT NULL,
    system     text NOT NULL,
    line       text NOT NULL,
    synced_by  name NOT NULL DEFAULT session_user
);
CREATE INDEX snapshots_seq ON zos.snapshots (seq);
CREATE INDEX snapshots_system_ts ON zos.snapshots (system, ts);

CREATE TABLE zos.alerts (
    seq        bigint GENERATED ALWAYS AS IDENTITY,
    row_key    text NOT NULL PRIMARY KEY,
    month_file text NOT NULL,
    ts         timestamptz NOT NULL,
    session_id text NOT NULL,
    system     text NOT NULL,
    type       text NOT NULL,
    cost_usd   double precision,
    line       text NOT NULL,
    synced_by  name NOT NULL DEFAULT session_user
);
CREATE INDEX alerts_seq ON zos.alerts (seq);
CREATE INDEX alerts_system_ts ON zos.alerts (system, ts);

-- The latest summary per session, by the local store's rule (newer month file, then later ts_closed, then later row).
CREATE VIEW zos.latest_sessions AS
SELECT DISTINCT ON (session_id) *
FROM zos.session_summaries
ORDER BY session_id, month_file DESC, ts_closed DESC, seq DESC;
