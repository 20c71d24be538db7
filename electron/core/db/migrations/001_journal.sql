-- 001: the trading journal — accounts, positions, legs, adjustments, fills, hedge layers.
--
-- Conventions (see ARCHITECTURE.md, Data):
--   * columns ending in _e4 are exact decimals stored as integers at scale 1e-4
--     (prices in index points or dollars per share; cash and fees in dollars);
--   * *_at columns are UTC instants, ISO-8601 text ending in Z; *_on and expiration are
--     New York calendar dates 'YYYY-MM-DD';
--   * every table is STRICT, every reference is a foreign key.

CREATE TABLE accounts (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  broker      TEXT    NOT NULL DEFAULT '',
  created_at  TEXT    NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z')
) STRICT;

CREATE TABLE positions (
  id          INTEGER PRIMARY KEY,
  account_id  INTEGER NOT NULL REFERENCES accounts (id),
  underlying  TEXT    NOT NULL CHECK (length(underlying) BETWEEN 1 AND 10),
  strategy    TEXT    NOT NULL CHECK (strategy IN ('iron_condor', 'custom')),
  status      TEXT    NOT NULL CHECK (status IN ('open', 'closed')),
  opened_on   TEXT    NOT NULL CHECK (opened_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  closed_on   TEXT             CHECK (closed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  thesis      TEXT    NOT NULL DEFAULT '',
  notes       TEXT    NOT NULL DEFAULT '',
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL,
  CHECK ((status = 'closed') = (closed_on IS NOT NULL))
) STRICT;
CREATE INDEX positions_status_opened ON positions (status, opened_on);
CREATE INDEX positions_account ON positions (account_id);

CREATE TABLE position_tags (
  position_id INTEGER NOT NULL REFERENCES positions (id) ON DELETE CASCADE,
  tag         TEXT    NOT NULL CHECK (length(tag) BETWEEN 1 AND 40),
  PRIMARY KEY (position_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX position_tags_tag ON position_tags (tag);

-- An adjustment groups the fills of one decision: the opening trade, a roll, a close, a hedge change.
CREATE TABLE adjustments (
  id            INTEGER PRIMARY KEY,
  position_id   INTEGER NOT NULL REFERENCES positions (id),
  kind          TEXT    NOT NULL CHECK (kind IN ('open', 'roll', 'close', 'partial_close', 'hedge_add',
                          'hedge_adjust', 'hedge_time_shift', 'hedge_remove', 'expire', 'other')),
  occurred_at   TEXT    NOT NULL,
  -- combo price per share, + = credit received; NULL when only per-leg prices are known
  net_price_e4  INTEGER,
  -- total cash flow in dollars excluding fees, + = received
  cash_e4       INTEGER NOT NULL,
  fees_e4       INTEGER NOT NULL DEFAULT 0 CHECK (fees_e4 >= 0),
  note          TEXT    NOT NULL DEFAULT '',
  created_at    TEXT    NOT NULL
) STRICT;
CREATE INDEX adjustments_position ON adjustments (position_id, occurred_at);

-- A hedge layer groups VIX option / VX future legs attached to a position (layer 1, 2, 3…).
CREATE TABLE hedge_layers (
  id                    INTEGER PRIMARY KEY,
  position_id           INTEGER NOT NULL REFERENCES positions (id),
  layer_no              INTEGER NOT NULL CHECK (layer_no >= 1),
  status                TEXT    NOT NULL CHECK (status IN ('open', 'closed')),
  opened_adjustment_id  INTEGER REFERENCES adjustments (id),
  closed_adjustment_id  INTEGER REFERENCES adjustments (id),
  note                  TEXT    NOT NULL DEFAULT '',
  UNIQUE (position_id, layer_no)
) STRICT;

CREATE TABLE legs (
  id               INTEGER PRIMARY KEY,
  position_id      INTEGER NOT NULL REFERENCES positions (id),
  hedge_layer_id   INTEGER REFERENCES hedge_layers (id),
  role             TEXT    NOT NULL CHECK (role IN ('long_put', 'short_put', 'short_call', 'long_call', 'hedge', 'other')),
  instrument_type  TEXT    NOT NULL CHECK (instrument_type IN ('option', 'future')),
  root             TEXT    NOT NULL CHECK (length(root) BETWEEN 1 AND 10),
  option_type      TEXT    CHECK (option_type IN ('call', 'put')),
  strike_e4        INTEGER CHECK (strike_e4 > 0),
  expiration       TEXT    NOT NULL CHECK (expiration GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  multiplier       INTEGER NOT NULL CHECK (multiplier > 0),
  -- signed contracts: + long, - short
  quantity         INTEGER NOT NULL CHECK (quantity <> 0),
  opened_at        TEXT    NOT NULL,
  closed_at        TEXT,
  -- roll lineage: the leg this one replaced
  replaces_leg_id  INTEGER REFERENCES legs (id),
  CHECK ((instrument_type = 'option') = (option_type IS NOT NULL AND strike_e4 IS NOT NULL))
) STRICT;
CREATE INDEX legs_position ON legs (position_id);
CREATE INDEX legs_replaces ON legs (replaces_leg_id) WHERE replaces_leg_id IS NOT NULL;
CREATE INDEX legs_hedge_layer ON legs (hedge_layer_id) WHERE hedge_layer_id IS NOT NULL;

CREATE TABLE fills (
  id               INTEGER PRIMARY KEY,
  leg_id           INTEGER NOT NULL REFERENCES legs (id),
  adjustment_id    INTEGER REFERENCES adjustments (id),
  executed_at      TEXT    NOT NULL,
  side             TEXT    NOT NULL CHECK (side IN ('buy', 'sell')),
  effect           TEXT    NOT NULL CHECK (effect IN ('open', 'close')),
  quantity         INTEGER NOT NULL CHECK (quantity > 0),
  -- per-leg price per share; NULL when the broker or the user gave only the combo's net price
  price_e4         INTEGER CHECK (price_e4 >= 0),
  fees_e4          INTEGER NOT NULL DEFAULT 0 CHECK (fees_e4 >= 0),
  source           TEXT    NOT NULL CHECK (length(source) BETWEEN 1 AND 40),
  broker_order_id  TEXT,
  broker_exec_id   TEXT,
  UNIQUE (source, broker_exec_id)
) STRICT;
CREATE INDEX fills_leg ON fills (leg_id);
CREATE INDEX fills_adjustment ON fills (adjustment_id);
