-- 003: a journal a trader can live in — any structure, voided positions, fill and adjustment
-- corrections that keep the original, marks the trader enters, and an audit trail.

-- The structure a position was opened as (its template). `strategy` stays for old readers:
-- 'iron_condor' for condors, 'custom' for everything else.
ALTER TABLE positions ADD COLUMN structure TEXT NOT NULL DEFAULT 'iron_condor'
  CHECK (structure IN ('iron_condor', 'put_credit_spread', 'call_credit_spread', 'strangle',
                       'straddle', 'iron_butterfly', 'broken_wing_butterfly', 'single_option',
                       'future', 'custom'));
UPDATE positions SET structure = 'custom' WHERE strategy = 'custom';

-- A voided position is hidden from lists and statistics, never deleted; restoring clears it.
ALTER TABLE positions ADD COLUMN voided_at TEXT
  CHECK (voided_at IS NULL OR voided_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z');
ALTER TABLE positions ADD COLUMN void_reason TEXT NOT NULL DEFAULT '';
CREATE INDEX positions_voided ON positions (voided_at) WHERE voided_at IS NOT NULL;

-- A correction of a fill: the full corrected values. The fill row keeps what was first
-- recorded; the latest correction (highest id) is what the ledger uses.
CREATE TABLE fill_corrections (
  id           INTEGER PRIMARY KEY,
  fill_id      INTEGER NOT NULL REFERENCES fills (id),
  executed_at  TEXT    NOT NULL CHECK (executed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
  quantity     INTEGER NOT NULL CHECK (quantity > 0),
  price_e4     INTEGER CHECK (price_e4 >= 0),
  fees_e4      INTEGER NOT NULL CHECK (fees_e4 >= 0),
  reason       TEXT    NOT NULL CHECK (length(reason) BETWEEN 1 AND 4000),
  created_at   TEXT    NOT NULL
) STRICT;
CREATE INDEX fill_corrections_fill ON fill_corrections (fill_id, id);

-- A correction of an adjustment's combo net price and fees (the fills' own values are
-- corrected in fill_corrections).
CREATE TABLE adjustment_corrections (
  id             INTEGER PRIMARY KEY,
  adjustment_id  INTEGER NOT NULL REFERENCES adjustments (id),
  net_price_e4   INTEGER,
  fees_e4        INTEGER NOT NULL CHECK (fees_e4 >= 0),
  reason         TEXT    NOT NULL CHECK (length(reason) BETWEEN 1 AND 4000),
  created_at     TEXT    NOT NULL
) STRICT;
CREATE INDEX adjustment_corrections_adjustment ON adjustment_corrections (adjustment_id, id);

-- Marks the trader enters for a leg on a date (a VX future or VIX option the stored history
-- cannot value). Price per share / per unit.
CREATE TABLE leg_marks (
  leg_id      INTEGER NOT NULL REFERENCES legs (id),
  date        TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  price_e4    INTEGER NOT NULL CHECK (price_e4 >= 0),
  created_at  TEXT    NOT NULL,
  PRIMARY KEY (leg_id, date)
) STRICT, WITHOUT ROWID;

-- What changed on a position and why: edits of its text, tags and account, voids, restores,
-- corrections. `detail` holds the before and after values as JSON.
CREATE TABLE position_history (
  id           INTEGER PRIMARY KEY,
  position_id  INTEGER NOT NULL REFERENCES positions (id),
  kind         TEXT    NOT NULL CHECK (kind IN ('edit', 'void', 'restore', 'fill_correction',
                                                'adjustment_correction', 'mark')),
  detail       TEXT    NOT NULL CHECK (json_valid(detail)),
  reason       TEXT    NOT NULL DEFAULT '',
  created_at   TEXT    NOT NULL
) STRICT;
CREATE INDEX position_history_position ON position_history (position_id, id);

-- Nothing recorded is silently rewritten: fills, corrections and the history are append-only.
CREATE TRIGGER fills_no_update BEFORE UPDATE ON fills
BEGIN
  SELECT RAISE(ABORT, 'fills are kept as recorded; record a correction instead');
END;
CREATE TRIGGER fills_no_delete BEFORE DELETE ON fills
BEGIN
  SELECT RAISE(ABORT, 'fills are kept as recorded; void the position instead');
END;
CREATE TRIGGER fill_corrections_immutable BEFORE UPDATE ON fill_corrections
BEGIN
  SELECT RAISE(ABORT, 'corrections are immutable; record a new correction');
END;
CREATE TRIGGER adjustment_corrections_immutable BEFORE UPDATE ON adjustment_corrections
BEGIN
  SELECT RAISE(ABORT, 'corrections are immutable; record a new correction');
END;
CREATE TRIGGER position_history_immutable BEFORE UPDATE ON position_history
BEGIN
  SELECT RAISE(ABORT, 'the position history is append-only');
END;
CREATE TRIGGER position_history_no_delete BEFORE DELETE ON position_history
BEGIN
  SELECT RAISE(ABORT, 'the position history is append-only');
END;
