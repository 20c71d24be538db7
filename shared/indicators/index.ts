/**
 * Market indicators as PRODUCT.md defines them, each as a batch function over a number array and
 * as a streaming updater with identical results. Index alignment: value i is as of input i (from
 * inputs 0…i only); undefined values are null. See series.ts.
 */
export { type Series } from './series.ts'
export { sma, SmaUpdater } from './sma.ts'
export { ema, EmaUpdater } from './ema.ts'
export { rsi, RsiUpdater } from './rsi.ts'
export {
  macd,
  MacdUpdater,
  MACD_DEFAULT,
  type MacdParams,
  type MacdPoint,
  type MacdSeries,
} from './macd.ts'
export { realisedVol, RealisedVolUpdater, TRADING_DAYS_PER_YEAR } from './realisedVol.ts'
export { adLine, AdLineUpdater } from './adLine.ts'
