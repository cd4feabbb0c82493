-- Version 3: what the readers sum in SQL. The events' cache tokens and tier live only in the row's line; stored
-- generated columns take them from it, so the server fills them for every row, old or new, and sync, the writer
-- role's grants and the rows' keys stay as they were. events_ts serves a report over every system (its span, its window).
ALTER TABLE zos.events
    ADD COLUMN cache_read_tokens bigint NOT NULL GENERATED ALWAYS AS (coalesce((line::jsonb ->> 'cache_read_tokens')::bigint, 0)) STORED,
    ADD COLUMN cache_write_tokens bigint NOT NULL GENERATED ALWAYS AS (coalesce((line::jsonb ->> 'cache_write_tokens')::bigint, 0)) STORED,
    ADD COLUMN tier text GENERATED ALWAYS AS (nullif(line::jsonb ->> 'tier', '')) STORED;
CREATE INDEX events_ts ON zos.events (ts);
