import { useId } from 'react'
import { legName, shiftPts, volPct } from './payoffFormat.ts'
import { SHIFT_MAX, SHIFT_MIN, type PayoffModel } from './usePayoffModel.ts'

/** Where the spot on the chosen date comes from, in a line. */
function spotSource(m: PayoffModel): string {
  if (m.spotTyped) return 'typed: Reset to follow the stored closes'
  if (!m.stored) return 'midpoint of the short strikes (no stored SPX close)'
  const scaled = m.spxFactor !== null && m.spxFactor !== 1 ? ` ÷ ${1 / m.spxFactor}` : ''
  return m.stored.date === m.valueDate
    ? `SPX close ${m.stored.date}${scaled}`
    : `last stored SPX close, ${m.stored.date}${scaled}`
}

/**
 * The payoff model's inputs: spot, the date slider (a replay of the stored closes over the
 * past), the IV shift over the legs' market IVs, and Reset.
 */
export function PayoffControls({ m }: { m: PayoffModel }) {
  const ids = useId()
  const ivs = m.legIvs.map((x) => x.iv.iv)
  const lo = Math.max(Math.min(...ivs) + m.shift / 100, 0)
  const hi = Math.max(Math.max(...ivs) + m.shift / 100, 0)
  return (
    <div className="payoff-controls" role="group" aria-label="Payoff model inputs">
      <label className="pc-field" htmlFor={`${ids}-spot`}>
        <span>Spot</span>
        <input
          id={`${ids}-spot`}
          type="number"
          inputMode="decimal"
          step="1"
          min="0"
          value={m.spotText}
          aria-invalid={!m.spotValid}
          aria-describedby={`${ids}-spot-src`}
          onChange={(e) => m.setSpotText(e.target.value)}
        />
        <small id={`${ids}-spot-src`} className="muted">
          {spotSource(m)}
        </small>
      </label>
      <div className="pc-field pc-iv">
        <span>
          IV{' '}
          <output
            aria-label="Model IV"
            title={m.legIvs.map((x) => `${legName(x.leg)}: ${volPct(x.iv.iv)}`).join('\n')}
          >
            {lo === hi ? volPct(lo) : `${volPct(lo)} – ${volPct(hi)}`}
          </output>
        </span>
        <small className="muted" data-testid="iv-source">
          {m.ivLabel}
        </small>
      </div>
      <label className="pc-field pc-slider" htmlFor={`${ids}-date`}>
        <span>
          Date <output htmlFor={`${ids}-date`}>{m.valueDate}</output>{' '}
          <small className="muted">({m.dte} DTE)</small>
        </span>
        <input
          id={`${ids}-date`}
          type="range"
          min={0}
          max={m.totalDays}
          step={1}
          value={m.day}
          disabled={m.totalDays === 0}
          aria-valuetext={`${m.valueDate}, ${m.dte} days to expiry`}
          onChange={(e) => m.setDay(Number(e.target.value))}
        />
        <small className="muted" data-testid="date-source">
          {m.start} → {m.expiry}
          {m.replay ? ' · replays the stored SPX closes; IV moves with the VIX of each date' : ''}
        </small>
      </label>
      <label className="pc-field pc-slider" htmlFor={`${ids}-shift`}>
        <span>
          IV shift <output htmlFor={`${ids}-shift`}>{shiftPts(m.shift)}</output>
        </span>
        <input
          id={`${ids}-shift`}
          type="range"
          min={SHIFT_MIN}
          max={SHIFT_MAX}
          step={0.5}
          value={m.shift}
          aria-valuetext={`${m.shift} volatility points`}
          onChange={(e) => m.setShift(Number(e.target.value))}
        />
        <small className="muted">
          {SHIFT_MIN} … +{SHIFT_MAX} vol points on every leg
        </small>
      </label>
      <button type="button" className="btn ghost" onClick={m.reset}>
        Reset
      </button>
    </div>
  )
}
