-- 009: the review against outcomes answers from a cache (issue 13: every page under half a second).
--
-- Two caches, never sources: what electron/core/review/review.ts computed for each position
-- (its review row: realised, open, fees, P&L, final) and for each effective decision (its
-- outcome: shared/review/outcomes.ts, and the signal buckets of its snapshot). No SQL here
-- derives money: every value is written from the ledger computation.
--
-- One stale flag per position covers the position and all its decisions: they are computed
-- together from the same ledger records. Set by the triggers below on any change to the
-- position, its legs, hedge layers, adjustments, fills, corrections, entered marks or decisions
-- (a new decision or a correction is a new row); a new position arrives stale. Tags are read
-- with the review, not cached.
--
-- (The positions list's cache, 008, cannot serve: it values open legs for today with today's
-- entered marks where the review values them on the last stored session, it keeps no `final`,
-- and its refresh clears its flag, so it cannot tell what changed since the last review.)
--
-- Market data: `horizon` is the latest market date the cached figures may have read — NULL when
-- they read none (nothing was open), a settled figure's last expiry or decision date, and
-- '9999-12-31' for anything valued by the model on the last stored session or resting on an
-- entered mark (a mark wins only while it is as new as the history). A change to a stored close
-- on or before the horizon makes the row stale; a later close (tomorrow's) leaves a settled
-- figure alone. `as_of` is the last stored session the row was computed with.
CREATE TABLE review_positions (
  position_id  INTEGER PRIMARY KEY REFERENCES positions (id) ON DELETE CASCADE,
  stale        INTEGER NOT NULL DEFAULT 1 CHECK (stale IN (0, 1)),
  -- the position's own columns the review reads, copied here so that the warm review scans
  -- this narrow table alone (a change to them is an update of the position: the row is stale)
  voided       INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
  status       TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  opened_on    TEXT    NOT NULL DEFAULT '',
  closed_on    TEXT,
  as_of        TEXT,
  horizon      TEXT,
  -- the review row (e4 dollars; NULL = not computable)
  realised_e4  INTEGER,
  open_e4      INTEGER,
  fees_e4      INTEGER NOT NULL DEFAULT 0,
  pnl_e4       INTEGER,
  final        INTEGER NOT NULL DEFAULT 0 CHECK (final IN (0, 1))
) STRICT;

CREATE TABLE review_outcomes (
  decision_id     INTEGER PRIMARY KEY REFERENCES decisions (id) ON DELETE CASCADE,
  position_id     INTEGER NOT NULL REFERENCES positions (id) ON DELETE CASCADE,
  -- the decision's columns the review reads (decisions are immutable), copied here: in
  -- `decisions` they sit after the long snapshot, which a scan would walk for each row
  decided_at      TEXT    NOT NULL,
  ruleset_id      TEXT    NOT NULL,
  ruleset_version INTEGER NOT NULL,
  recommended     TEXT    NOT NULL,
  taken           TEXT    NOT NULL,
  followed        INTEGER NOT NULL CHECK (followed IN (0, 1)),
  rule            TEXT,
  -- the outcome (e4 dollars; NULL = not computable, the reason in `notes`)
  actual_e4       INTEGER,
  closed_e4       INTEGER,
  held_e4         INTEGER,
  recommended_e4  INTEGER,
  edge_closed_e4  INTEGER,
  edge_held_e4    INTEGER,
  final           INTEGER NOT NULL CHECK (final IN (0, 1)),
  notes           TEXT    NOT NULL CHECK (json_valid(notes)),
  -- the signal buckets of the decision's snapshot (shared/review/metrics.ts)
  vix             TEXT,
  rsi             TEXT,
  term            TEXT,
  event           TEXT,
  side            TEXT
) STRICT;
CREATE INDEX review_outcomes_position ON review_outcomes (position_id);
-- The review lists decisions oldest first, and positions newest first.
CREATE INDEX review_outcomes_decided ON review_outcomes (decided_at, decision_id);
CREATE INDEX review_positions_opened ON review_positions (voided, opened_on, position_id);
-- Which decisions are corrected (each correction replaces the one it names), without a scan.
CREATE INDEX decisions_corrects ON decisions (corrects_decision_id)
  WHERE corrects_decision_id IS NOT NULL;

CREATE INDEX review_positions_stale ON review_positions (position_id) WHERE stale = 1;
-- The market triggers and the as-of check: fresh rows by horizon (NULL horizons are not indexed).
CREATE INDEX review_positions_horizon ON review_positions (horizon)
  WHERE stale = 0 AND horizon IS NOT NULL;

INSERT INTO review_positions (position_id) SELECT id FROM positions;

CREATE TRIGGER review_positions_new AFTER INSERT ON positions BEGIN
  INSERT INTO review_positions (position_id) VALUES (NEW.id);
END;
CREATE TRIGGER review_positions_position AFTER UPDATE ON positions BEGIN
  UPDATE review_positions SET stale = 1 WHERE position_id = NEW.id AND stale = 0;
END;

CREATE TRIGGER review_positions_leg_added AFTER INSERT ON legs BEGIN
  UPDATE review_positions SET stale = 1 WHERE position_id = NEW.position_id AND stale = 0;
END;
CREATE TRIGGER review_positions_leg_changed AFTER UPDATE ON legs BEGIN
  UPDATE review_positions SET stale = 1
   WHERE position_id IN (OLD.position_id, NEW.position_id) AND stale = 0;
END;
CREATE TRIGGER review_positions_leg_removed AFTER DELETE ON legs BEGIN
  UPDATE review_positions SET stale = 1 WHERE position_id = OLD.position_id AND stale = 0;
END;

CREATE TRIGGER review_positions_layer_added AFTER INSERT ON hedge_layers BEGIN
  UPDATE review_positions SET stale = 1 WHERE position_id = NEW.position_id AND stale = 0;
END;
CREATE TRIGGER review_positions_layer_changed AFTER UPDATE ON hedge_layers BEGIN
  UPDATE review_positions SET stale = 1
   WHERE position_id IN (OLD.position_id, NEW.position_id) AND stale = 0;
END;

CREATE TRIGGER review_positions_adjustment_added AFTER INSERT ON adjustments BEGIN
  UPDATE review_positions SET stale = 1 WHERE position_id = NEW.position_id AND stale = 0;
END;
CREATE TRIGGER review_positions_adjustment_changed AFTER UPDATE ON adjustments BEGIN
  UPDATE review_positions SET stale = 1
   WHERE position_id IN (OLD.position_id, NEW.position_id) AND stale = 0;
END;
CREATE TRIGGER review_positions_adjustment_corrected AFTER INSERT ON adjustment_corrections BEGIN
  UPDATE review_positions SET stale = 1
   WHERE position_id = (SELECT position_id FROM adjustments WHERE id = NEW.adjustment_id)
     AND stale = 0;
END;

-- Fills never change or go (003's triggers); a new fill or a correction does.
CREATE TRIGGER review_positions_fill_added AFTER INSERT ON fills BEGIN
  UPDATE review_positions SET stale = 1
   WHERE position_id = (SELECT position_id FROM legs WHERE id = NEW.leg_id) AND stale = 0;
END;
CREATE TRIGGER review_positions_fill_corrected AFTER INSERT ON fill_corrections BEGIN
  UPDATE review_positions SET stale = 1
   WHERE position_id = (SELECT l.position_id FROM fills f JOIN legs l ON l.id = f.leg_id
                         WHERE f.id = NEW.fill_id)
     AND stale = 0;
END;

CREATE TRIGGER review_positions_mark_added AFTER INSERT ON leg_marks BEGIN
  UPDATE review_positions SET stale = 1
   WHERE position_id = (SELECT position_id FROM legs WHERE id = NEW.leg_id) AND stale = 0;
END;
CREATE TRIGGER review_positions_mark_changed AFTER UPDATE ON leg_marks BEGIN
  UPDATE review_positions SET stale = 1
   WHERE position_id IN (SELECT position_id FROM legs WHERE id IN (OLD.leg_id, NEW.leg_id))
     AND stale = 0;
END;
CREATE TRIGGER review_positions_mark_removed AFTER DELETE ON leg_marks BEGIN
  UPDATE review_positions SET stale = 1
   WHERE position_id = (SELECT position_id FROM legs WHERE id = OLD.leg_id) AND stale = 0;
END;

-- Decisions are immutable (002's triggers): a new one, or a correction, is an insert.
CREATE TRIGGER review_positions_decision_added AFTER INSERT ON decisions BEGIN
  UPDATE review_positions SET stale = 1 WHERE position_id = NEW.position_id AND stale = 0;
END;

-- A stored close on or before a row's horizon may change what it read.
CREATE TRIGGER review_positions_bars_added AFTER INSERT ON daily_bars BEGIN
  UPDATE review_positions SET stale = 1
   WHERE stale = 0 AND horizon IS NOT NULL AND horizon >= NEW.date;
END;
CREATE TRIGGER review_positions_bars_changed AFTER UPDATE ON daily_bars BEGIN
  UPDATE review_positions SET stale = 1
   WHERE stale = 0 AND horizon IS NOT NULL AND horizon >= min(OLD.date, NEW.date);
END;
CREATE TRIGGER review_positions_bars_removed AFTER DELETE ON daily_bars BEGIN
  UPDATE review_positions SET stale = 1
   WHERE stale = 0 AND horizon IS NOT NULL AND horizon >= OLD.date;
END;

-- The review's summary (headline and groups) per request, for the page's first content: valid
-- while the cache's generation is the one it was computed at. Every change the review could see
-- moves the generation: a row going stale (the triggers above), a new position, a tag (tags are
-- read with the review), and every refresh (electron/core/review/review.ts bumps it).
CREATE TABLE review_state (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  generation  INTEGER NOT NULL
) STRICT;
INSERT INTO review_state (id, generation) VALUES (1, 0);

CREATE TABLE review_summaries (
  request     TEXT    PRIMARY KEY,
  generation  INTEGER NOT NULL,
  as_of       TEXT,
  summary     TEXT    NOT NULL CHECK (json_valid(summary))
) STRICT;

CREATE TRIGGER review_state_new AFTER INSERT ON review_positions BEGIN
  UPDATE review_state SET generation = generation + 1;
END;
CREATE TRIGGER review_state_stale AFTER UPDATE OF stale ON review_positions
  WHEN NEW.stale = 1 AND OLD.stale = 0 BEGIN
  UPDATE review_state SET generation = generation + 1;
END;
CREATE TRIGGER review_state_tag_added AFTER INSERT ON position_tags BEGIN
  UPDATE review_state SET generation = generation + 1;
END;
CREATE TRIGGER review_state_tag_removed AFTER DELETE ON position_tags BEGIN
  UPDATE review_state SET generation = generation + 1;
END;
