import type { FlagId } from '../../../shared/decisions.ts'

/**
 * The judgement questions of the decision panel in the trader's words: what each discretionary
 * flag (shared/signals.ts DISCRETIONARY_FLAGS) asks, and where one would look to answer it. The
 * methodology names these; no stored series measures them, so the trader sets them.
 */
export const JUDGEMENT_HELP: Record<FlagId, string> = {
  usd_risk_off:
    'Is the dollar strengthening as money leaves risk assets? (USD real effective exchange rate)',
  pcf_below_average:
    'Are stocks cheap against the cash they generate? (S&P 500 price / cash flow below its long-run average)',
  fomc_stable:
    'Do the latest Fed minutes leave the rate gap with other central banks where it was? (FOMC minutes)',
  cpi_surprise:
    'Did the last inflation print come in off consensus and push VIX up that day? (CPI release)',
  implied_move_exceeds_fundamentals:
    'Are options pricing a bigger move than the news and data justify? (expected move vs. your read of events)',
}
