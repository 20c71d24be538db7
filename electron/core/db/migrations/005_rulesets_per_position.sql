-- 005: which ruleset judges a position. A position may name its own (set on its page); the
-- journal's default (app_state 'default_ruleset', set in Settings) covers the rest. Today, the
-- decision panel's initial choice and `wingman today` read it.
ALTER TABLE positions ADD COLUMN ruleset_id TEXT REFERENCES rulesets (id);
