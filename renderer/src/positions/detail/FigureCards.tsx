import type { PositionDetail, PositionFigures } from '../../../../shared/domain.ts'
import { money, todayNy } from '../../lib/format.ts'
import { expiryText, level } from './detailFormat.ts'

/**
 * The position's figures as cards, every one from the core's ledger (`summary.figures`): the
 * page formats them and never adds them up itself.
 */
export function FigureCards({ d }: { d: PositionDetail }) {
  const s = d.summary
  const f = s.figures
  if (!f)
    return (
      <div className="form-alert" role="alert">
        {s.figuresError ?? 'The figures of this position cannot be computed.'}
      </div>
    )
  const st = f.structure
  return (
    <dl className="facts figure-cards" aria-label="Figures">
      <Card
        label="Realised"
        value={f.realised}
        note={f.realised === null ? f.realisedNote : null}
      />
      <Card label="Open P&L" value={f.openPnl} note={openNote(f)} />
      <Card label="Fees" value={f.fees} plain />
      <Card
        label="Total"
        value={f.total}
        note={f.total === null ? 'needs a mark for every open leg' : 'realised + open, after fees'}
      />
      {st.ok ? (
        <>
          <Card label="Max profit" value={st.maxProfit} text={unlimited(st.maxProfit)} plain />
          <Card label="Max loss" value={st.maxLoss} text={unlimited(st.maxLoss)} plain />
          <Fact
            label="Breakevens"
            value={st.breakevens.length ? st.breakevens.map(level).join(' / ') : 'none'}
            note="at expiry, of the legs open now"
          />
          <Card label="Net credit so far" value={st.netCredit} note="core legs, after fees" />
        </>
      ) : (
        <Fact label="Max profit / loss at expiry" value="—" note={st.reason} wide />
      )}
      <Fact label="Open contracts" value={String(f.openContracts)} />
      <Expiration d={d} />
    </dl>
  )
}

/** "unlimited" where the structure has no bound (the core sends null). */
const unlimited = (v: string | null) => (v === null ? 'unlimited' : undefined)

function missingMark(f: PositionFigures): string | null {
  return f.openPnlNote && /^No mark/.test(f.openPnlNote) ? f.openPnlNote : f.realisedNote
}

/** What the open P&L is (model value, your marks, settlement) and its date, or why it is missing. */
function openNote(f: PositionFigures): string | null {
  if (f.openPnl === null) return missingMark(f)
  if (f.openPnlAsOf === null) return 'nothing open'
  return `${f.openPnlNote ?? 'model value'} · as of ${f.openPnlAsOf}`
}

/** The expiries of the open core legs (a roll can leave two), else the position's own. */
function Expiration({ d }: { d: PositionDetail }) {
  const open = [
    ...new Set(
      d.legs
        .filter((l) => l.openQuantity !== 0 && l.hedgeLayerId === null)
        .map((l) => l.expiration),
    ),
  ].sort()
  const today = todayNy()
  const [first, ...rest] = open
  if (!first)
    return (
      <Fact
        label="Expiration"
        value={d.summary.expiration ?? '—'}
        note={d.summary.closedOn ? `closed ${d.summary.closedOn}` : null}
      />
    )
  return (
    <Fact
      label="Expiration"
      value={expiryText(first, today)}
      note={rest.length ? `also ${rest.map((e) => expiryText(e, today)).join(', ')}` : null}
    />
  )
}

/** A money card: the figure in dollars, coloured by its sign unless `plain`. */
function Card(props: {
  label: string
  value: string | null
  note?: string | null
  text?: string | undefined
  plain?: boolean
}) {
  const tone =
    props.plain || props.value === null
      ? ''
      : props.value.startsWith('-')
        ? ' neg'
        : /[1-9]/.test(props.value)
          ? ' pos'
          : ''
  return (
    <Fact
      label={props.label}
      value={props.text ?? money(props.value)}
      note={props.note ?? null}
      className={tone}
    />
  )
}

function Fact(props: {
  label: string
  value: string
  note?: string | null
  wide?: boolean
  className?: string
}) {
  return (
    <div className={`fact${props.wide ? ' wide' : ''}`}>
      <dt>{props.label}</dt>
      <dd className={props.className?.trim() || undefined}>{props.value}</dd>
      {props.note && <dd className="fact-note">{props.note}</dd>}
    </div>
  )
}
