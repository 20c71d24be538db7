-- 002: market data, event calendar, rulesets and the immutable decision records.

CREATE TABLE instruments (
  id           INTEGER PRIMARY KEY,
  symbol       TEXT    NOT NULL UNIQUE CHECK (length(symbol) BETWEEN 1 AND 20),
  kind         TEXT    NOT NULL CHECK (kind IN ('index', 'future_continuous', 'etf', 'stock')),
  description  TEXT    NOT NULL DEFAULT ''
) STRICT;

-- Market data is measured, not money: REAL is the right type here (ARCHITECTURE.md, Data).
CREATE TABLE daily_bars (
  instrument_id  INTEGER NOT NULL REFERENCES instruments (id) ON DELETE CASCADE,
  date           TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  open           REAL,
  high           REAL,
  low            REAL,
  close          REAL    NOT NULL,
  volume         REAL,
  PRIMARY KEY (instrument_id, date),
  CHECK (high IS NULL OR low IS NULL OR high >= low)
) STRICT, WITHOUT ROWID;

-- NYSE breadth: issues advancing / declining / unchanged and their volumes.
CREATE TABLE breadth_daily (
  date               TEXT    PRIMARY KEY CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  advancing          INTEGER NOT NULL CHECK (advancing >= 0),
  declining          INTEGER NOT NULL CHECK (declining >= 0),
  unchanged          INTEGER CHECK (unchanged >= 0),
  advancing_volume   REAL,
  declining_volume   REAL,
  unchanged_volume   REAL
) STRICT, WITHOUT ROWID;

CREATE TABLE events (
  id           INTEGER PRIMARY KEY,
  date         TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  kind         TEXT    NOT NULL CHECK (kind IN ('FOMC', 'FOMC_MINUTES', 'CPI', 'PPI', 'NFP', 'OTHER')),
  description  TEXT    NOT NULL DEFAULT '',
  UNIQUE (date, kind, description)
) STRICT;
CREATE INDEX events_kind_date ON events (kind, date);

CREATE TABLE rulesets (
  id           TEXT    PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND length(id) BETWEEN 1 AND 64),
  name         TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  description  TEXT    NOT NULL DEFAULT '',
  builtin      INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
  created_at   TEXT    NOT NULL
) STRICT;

-- A ruleset version is frozen once written: decisions reference the exact version they used.
CREATE TABLE ruleset_versions (
  ruleset_id  TEXT    NOT NULL REFERENCES rulesets (id),
  version     INTEGER NOT NULL CHECK (version >= 1),
  definition  TEXT    NOT NULL CHECK (json_valid(definition)),
  created_at  TEXT    NOT NULL,
  PRIMARY KEY (ruleset_id, version)
) STRICT;
CREATE TRIGGER ruleset_versions_immutable BEFORE UPDATE ON ruleset_versions
BEGIN
  SELECT RAISE(ABORT, 'ruleset versions are immutable; save a new version instead');
END;

-- Decisions are immutable: the signal snapshot, the ruleset version and the recommendation
-- that justified an adjustment (or a hold). A correction is a new row naming the old one.
CREATE TABLE decisions (
  id                    INTEGER PRIMARY KEY,
  position_id           INTEGER NOT NULL REFERENCES positions (id),
  adjustment_id         INTEGER REFERENCES adjustments (id),
  decided_at            TEXT    NOT NULL,
  signals               TEXT    NOT NULL CHECK (json_valid(signals)),
  ruleset_id            TEXT    NOT NULL,
  ruleset_version       INTEGER NOT NULL,
  recommendation        TEXT    NOT NULL CHECK (json_valid(recommendation)),
  recommended_action    TEXT    NOT NULL CHECK (recommended_action IN ('HOLD', 'CLOSE_CALL_SPREAD', 'CLOSE_PUT_SPREAD', 'CLOSE_ALL', 'ROLL_OUT',
                          'ROLL_UP_CALL', 'ROLL_DOWN_PUT', 'ADD_HEDGE_LAYER', 'ADJUST_HEDGE_LAYER',
                          'TIME_SHIFT_HEDGE', 'REMOVE_HEDGE_LAYER')),
  action_taken          TEXT    NOT NULL CHECK (action_taken IN ('HOLD', 'CLOSE_CALL_SPREAD', 'CLOSE_PUT_SPREAD', 'CLOSE_ALL', 'ROLL_OUT',
                          'ROLL_UP_CALL', 'ROLL_DOWN_PUT', 'ADD_HEDGE_LAYER', 'ADJUST_HEDGE_LAYER',
                          'TIME_SHIFT_HEDGE', 'REMOVE_HEDGE_LAYER')),
  followed              INTEGER NOT NULL CHECK (followed IN (0, 1)),
  reason                TEXT    NOT NULL DEFAULT '',
  corrects_decision_id  INTEGER REFERENCES decisions (id),
  created_at            TEXT    NOT NULL,
  FOREIGN KEY (ruleset_id, ruleset_version) REFERENCES ruleset_versions (ruleset_id, version),
  -- overriding the recommendation requires a reason
  CHECK (followed = 1 OR length(reason) > 0)
) STRICT;
CREATE INDEX decisions_position ON decisions (position_id, decided_at);
CREATE INDEX decisions_adjustment ON decisions (adjustment_id);
CREATE INDEX decisions_ruleset ON decisions (ruleset_id, ruleset_version);
CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
BEGIN
  SELECT RAISE(ABORT, 'decisions are immutable; record a correction instead');
END;
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
BEGIN
  SELECT RAISE(ABORT, 'decisions are immutable and cannot be deleted');
END;
