import { useCallback, useMemo, useRef, useState } from 'react'
import { JobProgressBar } from '../../jobs/JobProgressBar.tsx'
import type { DryRunRow } from '../../../../shared/contract.ts'
import type { DryRunSummary } from '../../../../shared/listPaging.ts'
import type { WireError } from '../../../../shared/result.ts'
import { api } from '../../lib/api.ts'
import { count, instantShort, money } from '../../lib/format.ts'
import { navigate } from '../../lib/router.ts'
import { VirtualTable, type Column } from '../VirtualTable.tsx'

/** Dollars from the review (numbers exact to 0.0001) in the list's money format. */
const usd = (v: number | null): string => (v === null ? '—' : money(String(v)))

type Source = 'saved' | 'edited'
type Request = { id: string; version: number } | { definition: unknown }

/** Rows of the first page (the first screenful, in one call) and of each page after it. */
const FIRST_PAGE = 100
const NEXT_PAGE = 300

interface Run {
  label: string
  request: Request
  rows: DryRunRow[]
  /** How many decisions the run replays (all of them, page by page). */
  decisions: number
  next: string | null
  /** Which "Dry-run" press this run answers. */
  no: number
}

const COLUMNS: Column<DryRunRow>[] = [
  { key: 'decidedAt', title: 'Decided', width: '156px', render: (r) => instantShort(r.decidedAt) },
  {
    key: 'position',
    title: 'Position',
    width: '90px',
    render: (r) => <a href={`#/positions/${r.positionId}`}>Position #{r.positionId}</a>,
  },
  {
    key: 'then',
    title: 'Ruleset then',
    width: 'minmax(70px, 1fr)',
    render: (r) => <span title={r.rulesetThen}>{r.rulesetThen}</span>,
  },
  {
    key: 'recommendedThen',
    title: 'Recommended then',
    width: 'minmax(90px, 1fr)',
    render: (r) => <span title={r.recommendedThen}>{r.recommendedThen}</span>,
  },
  {
    key: 'taken',
    title: 'Action taken',
    width: 'minmax(90px, 1fr)',
    render: (r) => <span title={r.actionTaken}>{r.actionTaken}</span>,
  },
  {
    key: 'now',
    title: 'Recommended now',
    width: 'minmax(110px, 1.2fr)',
    render: (r) => (
      <span className="rs-now">
        {r.recommendedNow}
        {r.ruleNow && <span className="muted small"> rule {r.ruleNow}</span>}
      </span>
    ),
  },
  {
    key: 'agrees',
    title: 'Agrees',
    width: '74px',
    render: (r) => (
      <span className={r.agrees ? 'rs-agree' : 'rs-differ'}>
        {r.agrees ? '✓ agrees' : '✗ differs'}
      </span>
    ),
  },
  { key: 'done', title: 'Done ($)', width: '92px', align: 'right', render: (r) => usd(r.actual) },
  {
    key: 'pathNow',
    title: 'Path now ($)',
    width: '100px',
    align: 'right',
    hint: 'The path the ruleset recommends now',
    render: (r) => (
      <span title={r.outcomeNote ?? undefined}>
        {usd(r.outcomeNow)}
        {r.outcomeNote && r.outcomeNow !== null && <span aria-hidden="true"> *</span>}
      </span>
    ),
  },
]
/** The tracks' minimums, gaps and padding (as listFigures' minRowWidth counts them). */
const MIN_WIDTH = 960

/**
 * Replays a ruleset over every logged decision's frozen snapshot: what it recommends now next to
 * what was recommended then. The source is the version on screen, or the unsaved edits when they
 * are valid.
 */
export function DryRunPanel({
  id,
  version,
  edited,
}: {
  id: string
  /** The stored version on screen. */
  version: number
  /** The unsaved edits: null when there are none; `valid` false when they do not validate. */
  edited: { valid: boolean; definition: unknown } | null
}) {
  const [choice, setChoice] = useState<Source>('edited')
  const [running, setRunning] = useState(false)
  const [run, setRun] = useState<Run>()
  const [error, setError] = useState<WireError>()
  // Every decision replayed, for the run of that number (it may answer before the first page).
  const [summary, setSummary] = useState<{ no: number; value: DryRunSummary }>()
  const source: Source = edited?.valid && choice === 'edited' ? 'edited' : 'saved'
  // The run the answers belong to: a newer "Dry-run" drops the older run's pages and summary.
  const runNo = useRef(0)
  const loadingMore = useRef(false)

  /**
   * The first page shows at once; the summary (every decision replayed, a job in the app)
   * arrives when it is done; further pages load as the table scrolls.
   */
  async function replay() {
    const no = ++runNo.current
    setRunning(true)
    setError(undefined)
    const label = source === 'edited' ? `${id} (unsaved edits)` : `${id} v${version}`
    const request: Request =
      source === 'edited' && edited ? { definition: edited.definition } : { id, version }
    void api['rulesets:dryRunSummary'](request).then((r) => {
      if (runNo.current !== no) return
      if (r.ok) setSummary({ no, value: r.value })
      else setError(r.error)
    })
    const first = await api['rulesets:dryRunPage']({ ...request, limit: FIRST_PAGE })
    if (runNo.current !== no) return
    setRunning(false)
    loadingMore.current = false
    if (first.ok)
      setRun({
        label,
        request,
        rows: first.value.rows,
        decisions: first.value.decisions,
        next: first.value.nextCursor,
        no,
      })
    else {
      setRun(undefined)
      setError(first.error)
    }
  }

  const next = run?.next ?? null
  const request = run?.request
  const loadMore = useCallback(() => {
    if (!next || !request || loadingMore.current) return
    const no = runNo.current
    loadingMore.current = true
    void api['rulesets:dryRunPage']({ ...request, after: next, limit: NEXT_PAGE }).then((r) => {
      if (runNo.current !== no) return
      loadingMore.current = false
      if (r.ok)
        setRun((prev) =>
          prev
            ? { ...prev, rows: [...prev.rows, ...r.value.rows], next: r.value.nextCursor }
            : prev,
        )
      else setError(r.error)
    })
  }, [next, request])
  const done = run && summary?.no === run.no ? summary.value : null
  const sort = useMemo(() => ({ key: 'decidedAt', dir: 'asc' as const }), [])

  return (
    <div className="rs-dryrun">
      <div className="toolbar rs-dryrun-bar">
        {edited && (
          <div className="segmented" role="radiogroup" aria-label="Replay">
            {(
              [
                ['saved', `Saved v${version}`],
                ['edited', 'Unsaved edits'],
              ] as const
            ).map(([value, label]) => (
              <button
                key={value}
                type="button"
                role="radio"
                aria-checked={source === value}
                className={source === value ? 'on' : ''}
                disabled={value === 'edited' && !edited.valid}
                onClick={() => setChoice(value)}
              >
                {label}
              </button>
            ))}
          </div>
        )}
        <button
          type="button"
          className="btn primary"
          disabled={running}
          onClick={() => void replay()}
        >
          {running
            ? 'Replaying…'
            : source === 'edited'
              ? 'Dry-run the unsaved edits'
              : `Dry-run v${version}`}
        </button>
        {edited && !edited.valid && (
          <span className="hint">The edits do not validate; the saved version is replayed.</span>
        )}
      </div>
      <p className="muted small">
        Replays the ruleset over the signals frozen in every logged decision. A decision agrees when
        the ruleset recommends now what was recommended then. “Path now” is the whole-position
        P&amp;L had the recommendation now been followed, where it needs no invented strikes (a hold
        to expiry, a close at the decision’s marks); * marks model values, hover for why a figure is
        missing.
      </p>
      <JobProgressBar kind="rulesets:dryRunSummary" label="Replaying every decision" />
      {error && (
        <div className="form-alert" role="alert">
          Could not dry-run: {error.message}
        </div>
      )}
      <div aria-live="polite">
        {run &&
          (run.decisions === 0 ? (
            <div className="vtable-empty rs-empty">
              No decisions are logged yet. Evaluate a position from its page and log what you did;
              each decision can then be replayed here.
            </div>
          ) : (
            <p className="rs-dryrun-count">
              <strong>{run.label}</strong>:{' '}
              {done
                ? `${count(done.agreeing)} of ${count(done.decisions)} ${
                    done.decisions === 1 ? 'decision agrees' : 'decisions agree'
                  }`
                : `replaying ${count(run.decisions)} ${
                    run.decisions === 1 ? 'decision' : 'decisions'
                  }…`}
            </p>
          ))}
      </div>
      {run && run.decisions > 0 && (
        // As tall as its rows, up to most of the window (one decision is not a screen of empty).
        <div
          className="rs-dryrun-rows"
          style={{ height: `min(62vh, ${run.decisions * 34 + 46}px)` }}
        >
          <VirtualTable
            label={`Dry run of ${run.label}`}
            rows={run.rows}
            rowCount={run.decisions}
            columns={COLUMNS}
            minWidth={MIN_WIDTH}
            rowKey={(r) => r.decisionId}
            sort={sort}
            onSort={() => {}}
            onOpen={(r) => navigate(`#/positions/${r.positionId}`)}
            onEndReached={loadMore}
            emptyText=""
          />
        </div>
      )}
    </div>
  )
}
