-- Version 4: what the session report counts in SQL. An event's correction and tool-error markers live only in the
-- row's line; stored generated columns take them from it (the readers' rules: a marker starting "corr.", the marker
-- "tool.error"), so the server fills them for every row, old or new, and sync, the writer role's grants and the rows'
-- keys stay as they were. A reader that counts them never reads a line.
ALTER TABLE zos.events
    ADD COLUMN correction boolean NOT NULL GENERATED ALWAYS AS (coalesce(jsonb_path_exists(line::jsonb, '$.markers[*] ? (@ starts with "corr.")'), false)) STORED,
    ADD COLUMN tool_error boolean NOT NULL GENERATED ALWAYS AS (coalesce(jsonb_path_exists(line::jsonb, '$.markers[*] ? (@ == "tool.error")'), false)) STORED;
