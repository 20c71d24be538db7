-- 006: where each stored close came from. 'file' — a CSV import or the bundled history (every
-- row stored before this version); 'publisher' — downloaded by "Update market data" from the
-- publisher's own file; 'hand' — typed in "Today's market" (or kept from the decision panel's
-- live values). The signals read every row alike; a later file or download replaces a hand row.
ALTER TABLE daily_bars ADD COLUMN source TEXT NOT NULL DEFAULT 'file'
  CHECK (source IN ('file', 'publisher', 'hand'));
ALTER TABLE breadth_daily ADD COLUMN source TEXT NOT NULL DEFAULT 'file'
  CHECK (source IN ('file', 'publisher', 'hand'));
