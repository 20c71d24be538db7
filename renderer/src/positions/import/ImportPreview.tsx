import type { ImportTradesResult, ImportedPosition } from '../../../../shared/tradeImport.ts'
import { money } from '../../lib/format.ts'
import { signClass } from '../list/listFigures.ts'
import { adjustmentText } from './importText.ts'

/** Rows beyond these are counted, not listed: a broken file can have thousands. */
const LISTED_REJECTED = 100

/**
 * What a file will do to the journal (a dry run), or did (after Import): the positions it
 * creates or extends with their adjustments and realised P&L, the warnings, and the rows it
 * could not read.
 */
export function ImportPreview({
  result: r,
  imported,
}: {
  result: ImportTradesResult
  /** After Import: the positions have ids and link to their pages. */
  imported: boolean
}) {
  return (
    <>
      {r.positions.length > 0 && (
        <section aria-labelledby="ti-positions-title">
          <h3 id="ti-positions-title" className="ti-h3">
            {imported ? 'Positions written' : 'Positions this import will create or extend'}
          </h3>
          <div className="ti-table-wrap">
            <table
              className="grid-table compact ti-positions"
              aria-label={imported ? 'Imported positions' : 'Positions to import'}
            >
              <thead>
                <tr>
                  <th />
                  <th>Underlying</th>
                  <th>Shape</th>
                  <th>Status</th>
                  <th>Opened</th>
                  <th>Closed</th>
                  <th>Adjustments (premium, + received)</th>
                  <th className="num" title="After all commissions and fees">
                    Realised P&amp;L
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.positions.map((p, i) => (
                  <PositionRow key={p.id ?? `new-${i}`} p={p} />
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {r.warnings.length > 0 && (
        <section aria-labelledby="ti-warnings-title">
          <h3 id="ti-warnings-title" className="ti-h3">
            Check
          </h3>
          <ul className="ti-warnings">
            {r.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  )
}

function PositionRow({ p }: { p: ImportedPosition }) {
  const hedges = p.legs.filter((l) => l.hedgeLayer !== null)
  const rolled = p.legs.filter((l) => l.replaces !== null)
  return (
    <tr>
      <td>
        {p.extends ? (
          <span className="badge ti-extends" title="Adds to a position already in the journal">
            extends #{p.id}
          </span>
        ) : (
          <span className="badge ti-new">{p.id === null ? 'new' : `new #${p.id}`}</span>
        )}
      </td>
      <td>{p.id !== null ? <a href={`#/positions/${p.id}`}>{p.underlying}</a> : p.underlying}</td>
      <td>
        {p.shape}
        {p.legs.length === 1 && <span className="ti-sub">{p.legs[0]!.contract}</span>}
        {hedges.length > 0 && (
          <span className="ti-sub">
            + hedge layer {[...new Set(hedges.map((l) => l.hedgeLayer))].join(', ')}:{' '}
            {hedges.map((l) => l.contract).join('; ')}
          </span>
        )}
        {rolled.length > 0 && (
          <span className="ti-sub">
            {rolled.length === 1 ? '1 leg rolled' : `${rolled.length} legs rolled`}
          </span>
        )}
      </td>
      <td>
        <span className={`badge ${p.status}`}>{p.status}</span>
      </td>
      <td>{p.openedOn}</td>
      <td>{p.closedOn ?? '—'}</td>
      <td>
        <ul className="ti-adjustments">
          {p.adjustments.map((a, i) => {
            const t = adjustmentText(a)
            return (
              <li key={i}>
                <span>{t.kind}</span>
                <span className="muted">{t.at}</span>
                <span className="ti-cash">{t.cash}</span>
              </li>
            )
          })}
        </ul>
      </td>
      <td className="num" title={p.pnl === null ? 'Unknown: a combo price hides it' : undefined}>
        <span className={`money ${signClass(p.pnl)}`}>{money(p.pnl)}</span>
      </td>
    </tr>
  )
}

/** The rows the import could not read or place, line and reason; the first 100 listed. */
export function RejectedRows({ rows }: { rows: ImportTradesResult['rejected'] }) {
  const more = rows.length - LISTED_REJECTED
  return (
    <section aria-labelledby="ti-rejected-title" className="ti-rejected">
      <h3 id="ti-rejected-title" className="ti-h3">
        {rows.length === 1 ? '1 row could not be read' : `${rows.length} rows could not be read`}
      </h3>
      <ul aria-label="Rows that could not be read">
        {rows.slice(0, LISTED_REJECTED).map((row, i) => (
          <li key={`${row.line}-${i}`}>
            <span className="ti-line">line {row.line}</span> {row.reason}
          </li>
        ))}
        {more > 0 && <li className="muted">… and {more.toLocaleString('en-US')} more</li>}
      </ul>
    </section>
  )
}
