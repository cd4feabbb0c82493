-- Version 4: what the session and error reports count in SQL. An event's correction and tool-error markers and its
-- error category and fingerprint live only in the row's line; stored generated columns take them from it (the readers'
-- rules: a marker starting "corr.", the marker "tool.error"), so the server fills them for every row, old or new, and
-- sync, the writer role's grants and the rows' keys stay as they were. A reader that counts them never reads a line.
-- events_errors holds only the error rows, so the error report reads those and not every event of its window.
ALTER TABLE zos.events
    ADD COLUMN correction boolean NOT NULL GENERATED ALWAYS AS (coalesce(jsonb_path_exists(line::jsonb, '$.markers[*] ? (@ starts with "corr.")'), false)) STORED,
    ADD COLUMN tool_error boolean NOT NULL GENERATED ALWAYS AS (coalesce(jsonb_path_exists(line::jsonb, '$.markers[*] ? (@ == "tool.error")'), false)) STORED,
    ADD COLUMN error_category text GENERATED ALWAYS AS (line::jsonb ->> 'error_category') STORED,
    ADD COLUMN error_fingerprint text GENERATED ALWAYS AS (line::jsonb ->> 'error_fingerprint') STORED;
CREATE INDEX events_errors ON zos.events (ts) WHERE kind IN ('error', 'api_error');
