import type { KeyboardEvent, MouseEvent } from 'react'
import type { TodayRow } from '../../../shared/today.ts'
import { money } from '../lib/format.ts'
import { signClass } from '../positions/list/listFigures.ts'
import { structureName } from '../positions/detail/detailFormat.ts'
import {
  deltaText,
  GROUP_TITLE,
  hedgeText,
  openPnlKind,
  openPnlNote,
  penetrationLevel,
  penetrationText,
  RULESET_SOURCE,
  spotText,
} from './todayFormat.ts'

const GROUPS: TodayRow['group'][] = ['tested', 'expiring', 'other']
const COLUMNS = 10
/** Missing signals named in the row; the rest are counted (all of them in the tooltip). */
const MISSING_SHOWN = 4

function Wing({ value, side }: { value: number | null; side: 'call' | 'put' }) {
  const level = penetrationLevel(value)
  return (
    <td
      className={`num wing ${level ?? 'quiet'}`}
      title={
        level
          ? `${side} wing ${penetrationText(value)} run through (0 % at the short strike, 100 % at the long one)`
          : undefined
      }
    >
      {penetrationText(value)}
    </td>
  )
}

function Recommendation({ row }: { row: TodayRow }) {
  return (
    <td className="today-rec">
      <div>
        <b className="today-action" data-testid="today-action">
          {row.action}
        </b>
        {row.rule && <span className="muted small"> by rule {row.rule}</span>}
      </div>
      {row.missing.length > 0 && (
        <div className="today-missing small" title={row.missing.join(', ')}>
          Missing:{' '}
          {row.missing
            .slice(0, MISSING_SHOWN)
            .map((m, i) => [i > 0 && ', ', <code key={m}>{m}</code>])}
          {row.missing.length > MISSING_SHOWN && ` and ${row.missing.length - MISSING_SHOWN} more`}
        </div>
      )}
      <div className="today-explanation muted small" title={row.explanation}>
        {row.explanation}
      </div>
    </td>
  )
}

/**
 * One row per open position, grouped as the core ordered them: tested first (the deeper run
 * first), then what expires today or tomorrow, then the rest. A row is one tab stop; Enter (or
 * a click) opens its decision panel prefilled, and the arrow keys move between rows.
 */
export function TodayTable({
  rows,
  date,
  today,
  rulesetNames,
  onOpen,
}: {
  rows: TodayRow[]
  date: string
  today: string
  rulesetNames: ReadonlyMap<string, string>
  onOpen: (row: TodayRow) => void
}) {
  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>, row: TodayRow) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault()
      onOpen(row)
      return
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return
    e.preventDefault()
    const all = [...(e.currentTarget.closest('table')?.querySelectorAll('tr[data-position]') ?? [])]
    const next = all[all.indexOf(e.currentTarget) + (e.key === 'ArrowDown' ? 1 : -1)]
    if (next instanceof HTMLElement) next.focus()
  }
  const onClick = (e: MouseEvent<HTMLTableRowElement>, row: TodayRow) => {
    // a link inside the row goes where it points
    if ((e.target as Element).closest('a')) return
    onOpen(row)
  }
  const decided = date === today ? 'Decided today' : `Decided on ${date}`
  return (
    <table className="grid-table today-table" aria-label="Open positions today">
      <thead>
        <tr>
          <th scope="col">Position</th>
          <th scope="col" className="num">
            DTE
          </th>
          <th scope="col" className="num">
            Spot
          </th>
          <th scope="col" className="num" title="(spot − short call) / (long call − short call)">
            Call wing
          </th>
          <th scope="col" className="num" title="(short put − spot) / (short put − long put)">
            Put wing
          </th>
          <th scope="col" className="num" title="Delta of the short call / of the short put">
            Short Δ call / put
          </th>
          <th scope="col" className="num">
            Open P&amp;L
          </th>
          <th scope="col">Hedges</th>
          <th scope="col">Recommendation</th>
          <th scope="col">Ruleset</th>
        </tr>
      </thead>
      {GROUPS.map((group) => {
        const inGroup = rows.filter((r) => r.group === group)
        if (inGroup.length === 0) return null
        return (
          <tbody key={group} className={`today-group ${group}`}>
            <tr className="today-group-head">
              <th scope="rowgroup" colSpan={COLUMNS}>
                {GROUP_TITLE[group]} <span className="muted">({inGroup.length})</span>
              </th>
            </tr>
            {inGroup.map((row) => (
              <tr
                key={row.positionId}
                data-position={row.positionId}
                className={`today-row ${group}`}
                tabIndex={0}
                aria-describedby="today-row-help"
                onClick={(e) => onClick(e, row)}
                onKeyDown={(e) => onKeyDown(e, row)}
              >
                <td className="today-position">
                  <div>
                    <a href={`#/positions/${row.positionId}`} tabIndex={-1}>
                      #{row.positionId}
                    </a>{' '}
                    {structureName({ root: row.underlying, structure: row.structure })}
                    {row.decidedToday && (
                      <span className="badge decided" data-testid="decided">
                        {decided}
                      </span>
                    )}
                  </div>
                  <div className="legs-label small">{row.legsLabel}</div>
                </td>
                <td
                  className="num"
                  title={
                    row.dte !== null && row.dte < 0
                      ? 'Expired: book its expiry on the Positions page'
                      : undefined
                  }
                >
                  {row.dte !== null && row.dte < 0 ? 'expired' : (row.dte ?? '—')}
                </td>
                <td className="num">{spotText(row.spot)}</td>
                <Wing value={row.callWingPenetration} side="call" />
                <Wing value={row.putWingPenetration} side="put" />
                <td className="num">
                  {deltaText(row.shortCallDelta)} / {deltaText(row.shortPutDelta)}
                </td>
                <td className="num" title={openPnlNote(row)}>
                  <span className={`money ${signClass(row.openPnl)}`}>{money(row.openPnl)}</span>
                  <div className="muted small">
                    {[openPnlKind(row.openPnlBasis), row.openPnlDate].filter(Boolean).join(' ')}
                  </div>
                </td>
                <td>{hedgeText(row.hedgeLayers)}</td>
                <Recommendation row={row} />
                <td className="today-ruleset">
                  {rulesetNames.get(row.rulesetId) ?? row.rulesetId}{' '}
                  <span className="muted">v{row.rulesetVersion}</span>
                  <div className="muted small">{RULESET_SOURCE[row.rulesetSource]}</div>
                </td>
              </tr>
            ))}
          </tbody>
        )
      })}
    </table>
  )
}
