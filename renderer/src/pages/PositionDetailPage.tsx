import { useState } from 'react'
import type { DecisionRecord } from '../../../shared/decisions.ts'
import type { Leg, PositionDetail } from '../../../shared/domain.ts'
import { summaryFigures } from '../../../shared/ironCondorMath.ts'
import { parseE4 } from '../../../shared/money.ts'
import { PayoffChart } from '../charts/PayoffChart.tsx'
import { PositionPriceChart } from '../charts/PositionPriceChart.tsx'
import { addDays } from '../charts/positionModel.ts'
import { DecisionPanel } from '../decision/DecisionPanel.tsx'
import { Timeline } from '../decision/Timeline.tsx'
import { api } from '../lib/api.ts'
import { dash, dollars, dte, instantShort, points, todayNy } from '../lib/format.ts'
import { useApi } from '../lib/useApi.ts'

const ROLE_LABEL: Record<string, string> = {
  long_put: 'Long put',
  short_put: 'Short put',
  short_call: 'Short call',
  long_call: 'Long call',
  hedge: 'Hedge',
  other: 'Other',
}

export function PositionDetailPage({ id }: { id: number }) {
  const [version, setVersion] = useState(0)
  const detail = useApi(() => api['positions:get']({ id }), `${id}-${version}`)
  const decisions = useApi(() => api['decisions:list']({ positionId: id }), `${id}-${version}`)
  return (
    <section className="page detail-page" aria-labelledby="detail-title">
      <a className="back" href="#/positions">
        ← Positions
      </a>
      {detail.error ? (
        <div className="form-alert" role="alert">
          {detail.error.message}
        </div>
      ) : !detail.data ? (
        <p className="muted">Loading…</p>
      ) : (
        <Detail
          d={detail.data}
          decisions={decisions.data ?? []}
          onLogged={() => setVersion((v) => v + 1)}
        />
      )}
    </section>
  )
}

function Detail({
  d,
  decisions,
  onLogged,
}: {
  d: PositionDetail
  decisions: DecisionRecord[]
  onLogged: () => void
}) {
  const s = d.summary
  // Every cash flow so far, hedge layers included, net of fees (realised; open legs not marked).
  const netCash = d.adjustments.reduce(
    (sum, a) => sum + (parseE4(a.cash) ?? 0) - (parseE4(a.fees) ?? 0),
    0,
  )
  const replacedBy = new Map(
    d.legs.filter((l) => l.replacesLegId != null).map((l) => [l.replacesLegId, l]),
  )
  const layerNo = new Map(d.hedgeLayers.map((h) => [h.id, h.layerNo]))
  const f = summaryFigures(s)
  const legById = new Map(d.legs.map((l) => [l.id, l]))
  const days = dte(s.expiration)
  return (
    <>
      <header className="detail-head">
        <h1 id="detail-title">
          {s.root} iron condor {s.longPut}/{s.shortPut}/{s.shortCall}/{s.longCall}
        </h1>
        <span className={`badge ${s.status}`}>{s.status}</span>
        {s.tags.map((t) => (
          <span key={t} className="tag">
            {t}
          </span>
        ))}
      </header>
      <dl className="facts">
        <Fact
          label="Expiration"
          value={`${dash(s.expiration)}${s.status === 'open' && days != null ? (days < 0 ? ' (expired)' : ` (${days} DTE)`) : ''}`}
        />
        <Fact label="Opened" value={s.openedOn} />
        <Fact label="Quantity" value={dash(s.quantity)} />
        <Fact label="Credit" value={dash(s.credit)} />
        <Fact label="Max profit" value={f ? dollars(f.maxProfitE4) : '—'} />
        <Fact label="Max loss" value={f ? dollars(f.maxLossE4) : '—'} />
        <Fact
          label="Breakevens"
          value={f ? `${points(f.lowerBreakevenE4)} / ${points(f.upperBreakevenE4)}` : '—'}
        />
        <Fact label="Account" value={s.accountName} />
        <Fact label="Net cash so far (incl. hedges)" value={dollars(netCash)} />
        <Fact
          label="Hedge layers"
          value={
            d.hedgeLayers.length
              ? d.hedgeLayers.map((h) => `#${h.layerNo} ${h.status}`).join(', ')
              : 'none'
          }
        />
      </dl>

      <PositionCharts d={d} />

      <DecisionPanel detail={d} onLogged={onLogged} />

      <h2>Adjustment timeline</h2>
      <Timeline detail={d} decisions={decisions} onCorrected={onLogged} />

      <h2>Legs</h2>
      <table className="grid-table" aria-label="Legs">
        <thead>
          <tr>
            <th>Role</th>
            <th>Contract</th>
            <th className="num">Strike</th>
            <th>Expiration</th>
            <th className="num">Qty</th>
            <th className="num">×</th>
            <th>Opened</th>
            <th>Closed</th>
            <th>Lineage</th>
          </tr>
        </thead>
        <tbody>
          {d.legs.map((l) => (
            <tr key={l.id} className={l.closedAt ? 'closed-leg' : ''}>
              <td>
                {ROLE_LABEL[l.role] ?? l.role}
                {l.hedgeLayerId != null && ` · layer ${layerNo.get(l.hedgeLayerId) ?? '?'}`}
              </td>
              <td>
                {l.root} {l.instrumentType === 'option' ? l.optionType : 'future'}
              </td>
              <td className="num">{dash(l.strike)}</td>
              <td>{l.expiration}</td>
              <td className="num">{l.quantity > 0 ? `+${l.quantity}` : l.quantity}</td>
              <td className="num">{l.multiplier}</td>
              <td>{instantShort(l.openedAt)}</td>
              <td>{l.closedAt ? instantShort(l.closedAt) : '—'}</td>
              <td className="lineage">
                {[
                  l.replacesLegId != null
                    ? `replaces ${legName(legById.get(l.replacesLegId))}`
                    : '',
                  replacedBy.has(l.id) ? `replaced by ${legName(replacedBy.get(l.id))}` : '',
                ]
                  .filter(Boolean)
                  .join(' · ') || '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {d.hedgeLayers.length > 0 && <HedgeLayers d={d} />}

      <h2>Adjustments</h2>
      <table className="grid-table" aria-label="Adjustments">
        <thead>
          <tr>
            <th>When</th>
            <th>Kind</th>
            <th className="num">Net price</th>
            <th className="num">Cash</th>
            <th className="num">Fees</th>
            <th>Note</th>
          </tr>
        </thead>
        <tbody>
          {d.adjustments.map((a) => (
            <tr key={a.id}>
              <td>{instantShort(a.occurredAt)}</td>
              <td>{a.kind}</td>
              <td className="num">{dash(a.netPrice)}</td>
              <td className="num">{money(a.cash)}</td>
              <td className="num">{money(a.fees)}</td>
              <td>{a.note}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Fills</h2>
      <table className="grid-table" aria-label="Fills">
        <thead>
          <tr>
            <th>When</th>
            <th>Leg</th>
            <th>Side</th>
            <th>Effect</th>
            <th className="num">Qty</th>
            <th className="num">Price</th>
            <th className="num">Fees</th>
            <th>Source</th>
          </tr>
        </thead>
        <tbody>
          {d.fills.map((fl) => {
            const leg = legById.get(fl.legId)
            return (
              <tr key={fl.id}>
                <td>{instantShort(fl.executedAt)}</td>
                <td>
                  {leg ? `${leg.root} ${leg.strike ?? ''} ${leg.optionType ?? ''}` : fl.legId}
                </td>
                <td>{fl.side}</td>
                <td>{fl.effect}</td>
                <td className="num">{fl.quantity}</td>
                <td
                  className="num"
                  title={
                    fl.price == null
                      ? 'Only the combo net price is known; see the adjustment'
                      : undefined
                  }
                >
                  {fl.price ?? 'net'}
                </td>
                <td className="num">{money(fl.fees)}</td>
                <td>{fl.source}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {d.notes && (
        <>
          <h2>Notes</h2>
          <p className="notes">{d.notes}</p>
        </>
      )}
    </>
  )
}

/**
 * The payoff and SPX panels share one request: SPX bars from ~100 calendar days before the
 * entry (≥ 60 sessions of context) to the expiry, which also gives the payoff's default spot.
 */
function PositionCharts({ d }: { d: PositionDetail }) {
  const s = d.summary
  const from = addDays(s.openedOn, -100)
  const to = s.expiration ?? todayNy()
  const spx = useApi(
    () => api['market:series']({ symbols: ['SPX'], from, to }),
    `SPX:${from}:${to}`,
  )
  const settled = spx.data !== undefined || spx.error !== undefined
  const spxPoints = spx.data?.find((x) => x.symbol === 'SPX')?.points ?? []
  return (
    <div className="chart-panels">
      <section className="chart-panel" aria-labelledby="payoff-title">
        <h2 id="payoff-title">Payoff</h2>
        {settled ? (
          <PayoffChart detail={d} spx={spxPoints} />
        ) : (
          <p className="muted">Loading SPX prices…</p>
        )}
      </section>
      <section className="chart-panel" aria-labelledby="spx-title">
        <h2 id="spx-title">SPX around the trade</h2>
        {spx.error ? (
          <div className="form-alert" role="alert">
            {spx.error.message}
          </div>
        ) : settled ? (
          <PositionPriceChart detail={d} spx={spxPoints} />
        ) : (
          <p className="muted">Loading SPX prices…</p>
        )}
      </section>
    </div>
  )
}

/** A decimal dollar amount from the contract, shown as exact dollars. */
function money(decimal: string): string {
  const e4 = parseE4(decimal)
  return e4 == null ? decimal : dollars(e4)
}

/**
 * Each hedge layer with its legs and its cash so far (what its fills paid and received; the
 * open legs are not marked here — the decision panel's P&L uses your marks).
 */
function HedgeLayers({ d }: { d: PositionDetail }) {
  return (
    <>
      <h2>Hedge layers</h2>
      <table className="grid-table" aria-label="Hedge layers">
        <thead>
          <tr>
            <th>Layer</th>
            <th>Status</th>
            <th>Legs</th>
            <th className="num">Cash so far</th>
          </tr>
        </thead>
        <tbody>
          {d.hedgeLayers.map((h) => {
            const legs = d.legs.filter((l) => l.hedgeLayerId === h.id)
            const ids = new Set(legs.map((l) => l.id))
            let cashE4 = 0
            for (const f of d.fills) {
              if (!ids.has(f.legId) || f.price === null) continue
              const mult = legs.find((l) => l.id === f.legId)?.multiplier ?? 0
              cashE4 += (f.side === 'sell' ? 1 : -1) * (parseE4(f.price) ?? 0) * f.quantity * mult
            }
            return (
              <tr key={h.id}>
                <td>#{h.layerNo}</td>
                <td>{h.status}</td>
                <td>
                  {legs
                    .map(
                      (l) =>
                        `${l.quantity > 0 ? '+' : ''}${l.quantity} ${legName(l)}${l.closedAt ? ' (closed)' : ''}`,
                    )
                    .join(', ')}
                </td>
                <td className="num">{dollars(cashE4)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </>
  )
}

function legName(l: Leg | undefined): string {
  return l ? `${l.strike ?? l.root} ${l.optionType ?? 'future'} ${l.expiration}` : '?'
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  )
}
