-- 004: the file says it is a Wingman journal, and work that spans many writes is recorded.

-- The header's application id (offset 68) is how Wingman recognises its journal from now on
-- ('WNGM', 0x574E474D; WINGMAN_APPLICATION_ID in db/migrate.ts). Journals from before this
-- migration were recognised by their schema; they get the id here, after the backup. Like
-- user_version it is written inside this migration's transaction.
PRAGMA application_id = 1464747853;

-- Steps that must finish once and are resumed when they did not: 'bundled_market' is the first
-- run's load of the bundled market history ('done' once every file is in, 'skipped' for a
-- journal created without it). No row means the step has not finished.
CREATE TABLE app_state (
  key         TEXT    PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 64),
  value       TEXT    NOT NULL CHECK (length(value) <= 1000),
  updated_at  TEXT    NOT NULL CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z')
) STRICT, WITHOUT ROWID;

-- A journal from before this migration loaded the bundled files one transaction each, in a
-- fixed order ending with the NFP calendar: with NFP dates the load finished; with no market
-- data at all it was made without it (`wingman init --empty`). Anything in between was
-- interrupted: no row, so the next start completes it. A new journal has no account yet.
INSERT INTO app_state (key, value, updated_at)
SELECT 'bundled_market',
       CASE WHEN EXISTS (SELECT 1 FROM events WHERE kind = 'NFP') THEN 'done' ELSE 'skipped' END,
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
WHERE EXISTS (SELECT 1 FROM accounts)
  AND (EXISTS (SELECT 1 FROM events WHERE kind = 'NFP')
       OR (NOT EXISTS (SELECT 1 FROM daily_bars)
           AND NOT EXISTS (SELECT 1 FROM breadth_daily)
           AND NOT EXISTS (SELECT 1 FROM events)));
