/**
 * Tables that are caches computed from the journal, never a source of anything: the positions
 * list's rows (migration 008), the review's position rows, decision outcomes and summaries (009). They
 * are not exported (`wingman export`, the in-app journal export), not imported, and not copied
 * by salvage: the journal they land in computes them again from its own records. A cache
 * table added later is listed here.
 */
export const DERIVED_TABLES: ReadonlySet<string> = new Set([
  'position_list',
  'review_positions',
  'review_outcomes',
  'review_state',
  'review_summaries',
])
