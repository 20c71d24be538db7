-- 008: the positions list pages in SQL (issue 13, point 4).
--
-- `position_list` is a cache, never a source: one row per position holding what the list shows
-- (`summary`, the PositionSummary as JSON) and the keys it is sorted, filtered and totalled by.
-- Every value in it is written by electron/core/services/positionList.ts FROM the ledger
-- computation (shared/ledger.ts, shared/positionFigures.ts); no SQL here derives money.
--
-- Staleness, two ways:
--   * `stale = 1` — the position's records changed since the row was written. Set by the
--     triggers below on any change to the position, its tags, legs, hedge layers, adjustments,
--     fills, corrections, entered marks or its account's name; a new position arrives stale.
--     Market data changes (daily_bars) mark every row that carries an open P&L.
--   * `valued_on` — the New York date an open P&L was valued for (NULL when nothing is open, so
--     the figures do not depend on the date). A row valued for another date than today is stale.
-- The service refreshes stale rows before it reads a page, so a page never shows a stale row.
CREATE TABLE position_list (
  position_id   INTEGER PRIMARY KEY REFERENCES positions (id) ON DELETE CASCADE,
  stale         INTEGER NOT NULL DEFAULT 1 CHECK (stale IN (0, 1)),
  -- 'voided' when voided, else the status: each list (Open, Closed, Voided; All = the first two)
  -- is one prefix of every sort index below
  bucket        TEXT    NOT NULL CHECK (bucket IN ('open', 'closed', 'voided')),
  valued_on     TEXT,
  -- filters
  underlying    TEXT    NOT NULL DEFAULT '',
  structure     TEXT    NOT NULL DEFAULT '',
  account_id    INTEGER NOT NULL DEFAULT 0,
  opened_on     TEXT    NOT NULL DEFAULT '',
  -- sort keys as the list shows them (NULL = unknown; unknowns sort last either way)
  root          TEXT    NOT NULL DEFAULT '',
  account_name  TEXT    NOT NULL DEFAULT '',
  expiration    TEXT,
  quantity      INTEGER,
  credit_e4     INTEGER,
  premium_e4    INTEGER,
  fees_e4       INTEGER,
  realised_e4   INTEGER,
  open_pnl_e4   INTEGER,
  total_e4      INTEGER,
  -- last: a scan that reads the keys never reads this long column
  summary       TEXT
) STRICT;

-- Keyset pages: one index per sortable column, (list, key, id) so that "after (key, id)" is a
-- range and the order is the index's own (no temporary b-tree).
CREATE INDEX position_list_by_id ON position_list (bucket, position_id);
CREATE INDEX position_list_by_opened ON position_list (bucket, opened_on, position_id);
CREATE INDEX position_list_by_expiration ON position_list (bucket, expiration, position_id);
CREATE INDEX position_list_by_root ON position_list (bucket, root, position_id);
CREATE INDEX position_list_by_structure ON position_list (bucket, structure, position_id);
CREATE INDEX position_list_by_account ON position_list (bucket, account_name, position_id);
CREATE INDEX position_list_by_quantity ON position_list (bucket, quantity, position_id);
CREATE INDEX position_list_by_credit ON position_list (bucket, credit_e4, position_id);
CREATE INDEX position_list_by_realised ON position_list (bucket, realised_e4, position_id);
CREATE INDEX position_list_by_open_pnl ON position_list (bucket, open_pnl_e4, position_id);
CREATE INDEX position_list_by_fees ON position_list (bucket, fees_e4, position_id);
CREATE INDEX position_list_by_total ON position_list (bucket, total_e4, position_id);
-- The totals' one aggregate query reads this index alone (filters and figures), not the rows.
CREATE INDEX position_list_totals ON position_list (bucket, underlying, structure, account_id,
  opened_on, premium_e4, fees_e4, realised_e4, open_pnl_e4, total_e4);
-- What to refresh: the stale rows, the rows valued on some date, and (for the market triggers,
-- empty after the first row of an import) the fresh rows that carry an open P&L.
CREATE INDEX position_list_stale ON position_list (position_id) WHERE stale = 1;
CREATE INDEX position_list_valued ON position_list (valued_on) WHERE valued_on IS NOT NULL;
CREATE INDEX position_list_valued_fresh ON position_list (position_id)
  WHERE valued_on IS NOT NULL AND stale = 0;

INSERT INTO position_list (position_id, bucket)
  SELECT id, CASE WHEN voided_at IS NOT NULL THEN 'voided' ELSE status END FROM positions;

CREATE TRIGGER position_list_new AFTER INSERT ON positions BEGIN
  INSERT INTO position_list (position_id, bucket)
    VALUES (NEW.id, CASE WHEN NEW.voided_at IS NOT NULL THEN 'voided' ELSE NEW.status END);
END;
CREATE TRIGGER position_list_position AFTER UPDATE ON positions BEGIN
  UPDATE position_list SET stale = 1 WHERE position_id = NEW.id AND stale = 0;
END;

CREATE TRIGGER position_list_tag_added AFTER INSERT ON position_tags BEGIN
  UPDATE position_list SET stale = 1 WHERE position_id = NEW.position_id AND stale = 0;
END;
CREATE TRIGGER position_list_tag_removed AFTER DELETE ON position_tags BEGIN
  UPDATE position_list SET stale = 1 WHERE position_id = OLD.position_id AND stale = 0;
END;

CREATE TRIGGER position_list_account AFTER UPDATE OF name ON accounts BEGIN
  UPDATE position_list SET stale = 1
   WHERE position_id IN (SELECT id FROM positions WHERE account_id = NEW.id) AND stale = 0;
END;

CREATE TRIGGER position_list_leg_added AFTER INSERT ON legs BEGIN
  UPDATE position_list SET stale = 1 WHERE position_id = NEW.position_id AND stale = 0;
END;
CREATE TRIGGER position_list_leg_changed AFTER UPDATE ON legs BEGIN
  UPDATE position_list SET stale = 1
   WHERE position_id IN (OLD.position_id, NEW.position_id) AND stale = 0;
END;
CREATE TRIGGER position_list_leg_removed AFTER DELETE ON legs BEGIN
  UPDATE position_list SET stale = 1 WHERE position_id = OLD.position_id AND stale = 0;
END;

CREATE TRIGGER position_list_layer_added AFTER INSERT ON hedge_layers BEGIN
  UPDATE position_list SET stale = 1 WHERE position_id = NEW.position_id AND stale = 0;
END;
CREATE TRIGGER position_list_layer_changed AFTER UPDATE ON hedge_layers BEGIN
  UPDATE position_list SET stale = 1
   WHERE position_id IN (OLD.position_id, NEW.position_id) AND stale = 0;
END;

CREATE TRIGGER position_list_adjustment_added AFTER INSERT ON adjustments BEGIN
  UPDATE position_list SET stale = 1 WHERE position_id = NEW.position_id AND stale = 0;
END;
CREATE TRIGGER position_list_adjustment_changed AFTER UPDATE ON adjustments BEGIN
  UPDATE position_list SET stale = 1
   WHERE position_id IN (OLD.position_id, NEW.position_id) AND stale = 0;
END;
CREATE TRIGGER position_list_adjustment_corrected AFTER INSERT ON adjustment_corrections BEGIN
  UPDATE position_list SET stale = 1
   WHERE position_id = (SELECT position_id FROM adjustments WHERE id = NEW.adjustment_id)
     AND stale = 0;
END;

-- Fills never change or go (003's triggers); a new fill or a correction does.
CREATE TRIGGER position_list_fill_added AFTER INSERT ON fills BEGIN
  UPDATE position_list SET stale = 1
   WHERE position_id = (SELECT position_id FROM legs WHERE id = NEW.leg_id) AND stale = 0;
END;
CREATE TRIGGER position_list_fill_corrected AFTER INSERT ON fill_corrections BEGIN
  UPDATE position_list SET stale = 1
   WHERE position_id = (SELECT l.position_id FROM fills f JOIN legs l ON l.id = f.leg_id
                         WHERE f.id = NEW.fill_id)
     AND stale = 0;
END;

CREATE TRIGGER position_list_mark_added AFTER INSERT ON leg_marks BEGIN
  UPDATE position_list SET stale = 1
   WHERE position_id = (SELECT position_id FROM legs WHERE id = NEW.leg_id) AND stale = 0;
END;
CREATE TRIGGER position_list_mark_changed AFTER UPDATE ON leg_marks BEGIN
  UPDATE position_list SET stale = 1
   WHERE position_id IN (SELECT position_id FROM legs WHERE id IN (OLD.leg_id, NEW.leg_id))
     AND stale = 0;
END;
CREATE TRIGGER position_list_mark_removed AFTER DELETE ON leg_marks BEGIN
  UPDATE position_list SET stale = 1
   WHERE position_id = (SELECT position_id FROM legs WHERE id = OLD.leg_id) AND stale = 0;
END;

-- The model values open legs from the stored closes: any change there revalues every open P&L.
CREATE TRIGGER position_list_bars_added AFTER INSERT ON daily_bars BEGIN
  UPDATE position_list SET stale = 1 WHERE valued_on IS NOT NULL AND stale = 0;
END;
CREATE TRIGGER position_list_bars_changed AFTER UPDATE ON daily_bars BEGIN
  UPDATE position_list SET stale = 1 WHERE valued_on IS NOT NULL AND stale = 0;
END;
CREATE TRIGGER position_list_bars_removed AFTER DELETE ON daily_bars BEGIN
  UPDATE position_list SET stale = 1 WHERE valued_on IS NOT NULL AND stale = 0;
END;

-- The dry-run and decisions pages read decisions in (decided_at, id) order (id is the rowid,
-- the last key of every index).
CREATE INDEX decisions_decided ON decisions (decided_at);
