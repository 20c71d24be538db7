-- 007: the methodology lab (issue 14). A run replays 1–4 ruleset versions over the stored history
-- on condors opened on a schedule; every figure is a model value, not a historical quote. A run
-- is written in one transaction when it has finished (a cancelled run leaves no row) and is
-- never changed afterwards, only deleted as a whole (the child rows go with it). Metrics, groups
-- and the outcome distribution are computed from these rows when a run is read.
CREATE TABLE lab_runs (
  id INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
  -- the parsed LabRunSchema request (defaults filled in), JSON
  params TEXT NOT NULL CHECK (json_valid(params)),
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  entries INTEGER NOT NULL CHECK (entries >= 0)
) STRICT;

-- The ruleset versions of a run, in the order compared. No foreign key to ruleset_versions: the
-- built-in hold-to-expiry baseline is not a stored ruleset.
CREATE TABLE lab_run_rulesets (
  run_id INTEGER NOT NULL REFERENCES lab_runs (id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position BETWEEN 0 AND 3),
  ruleset_id TEXT NOT NULL,
  ruleset_version INTEGER NOT NULL,
  name TEXT NOT NULL,
  -- evaluations by winning action and the actions that could not be carried out, JSON
  action_counts TEXT NOT NULL CHECK (json_valid(action_counts)),
  not_available INTEGER NOT NULL CHECK (not_available >= 0),
  PRIMARY KEY (run_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE lab_trades (
  run_id INTEGER NOT NULL,
  position INTEGER NOT NULL,
  trade_key TEXT NOT NULL,
  entry_date TEXT NOT NULL,
  expiry TEXT NOT NULL,
  final_expiry TEXT NOT NULL,
  -- strikes as opened and as held last, JSON {longPut, shortPut, shortCall, longCall}
  strikes TEXT NOT NULL CHECK (json_valid(strikes)),
  final_strikes TEXT NOT NULL CHECK (json_valid(final_strikes)),
  credit_e4 INTEGER NOT NULL,
  exit_date TEXT NOT NULL,
  exit_kind TEXT NOT NULL CHECK (exit_kind IN ('expiry', 'closed', 'end_of_data')),
  pnl_e4 INTEGER NOT NULL,
  costs_e4 INTEGER NOT NULL CHECK (costs_e4 >= 0),
  vix_at_entry REAL,
  -- the actions other than HOLD, JSON [{date, action, rule, executed, note, cashE4}]
  actions TEXT NOT NULL CHECK (json_valid(actions)),
  PRIMARY KEY (run_id, position, trade_key),
  FOREIGN KEY (run_id, position) REFERENCES lab_run_rulesets (run_id, position) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- Daily equity per ruleset: realised P&L plus the open condors at model value, at each close.
CREATE TABLE lab_equity (
  run_id INTEGER NOT NULL,
  position INTEGER NOT NULL,
  date TEXT NOT NULL,
  equity_e4 INTEGER NOT NULL,
  PRIMARY KEY (run_id, position, date),
  FOREIGN KEY (run_id, position) REFERENCES lab_run_rulesets (run_id, position) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
