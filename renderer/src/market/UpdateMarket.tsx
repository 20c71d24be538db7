import type { SourceResult, UpdateReport } from '../../../shared/marketUpdate.ts'

const STATUS_WORDS: Record<SourceResult['status'], string> = {
  updated: 'updated',
  current: 'nothing new',
  failed: 'failed',
}

/**
 * What "Update market data" is doing (an indeterminate bar: the sources run at once) and then
 * what each source brought, or why it did not.
 */
export function UpdateMarketReport(props: {
  busy: boolean
  report: UpdateReport | undefined
  error: string | undefined
  onClose: () => void
}) {
  const { busy, report, error } = props
  if (!busy && !report && !error) return null
  const failed = report?.sources.filter((s) => s.status === 'failed').length ?? 0
  return (
    <section className="update-report" aria-label="Market data update" aria-busy={busy}>
      {busy && (
        <>
          <div className="progress" role="progressbar" aria-label="Downloading market data">
            <span />
          </div>
          <p className="muted small" role="status">
            Downloading the days the journal is missing from Cboe and CFE…
          </p>
        </>
      )}
      {error && !busy && (
        <div className="form-alert" role="alert">
          {error}
          {/switched off/.test(error) && (
            <>
              {' '}
              <a href="#/settings">Open Settings</a>
            </>
          )}
        </div>
      )}
      {report && !busy && (
        <>
          <p className={failed ? 'update-summary warn' : 'update-summary notice'} role="status">
            {failed
              ? `Asked the publishers for every day up to ${report.until}: ${failed} source${failed === 1 ? '' : 's'} failed, the others kept what they brought.`
              : `Asked the publishers for every day up to ${report.until}: every source answered.`}
          </p>
          <table className="grid-table compact update-sources">
            <thead>
              <tr>
                <th>Source</th>
                <th>Result</th>
                <th>What happened</th>
              </tr>
            </thead>
            <tbody>
              {report.sources.map((s) => (
                <tr key={s.source} className={`source-${s.status}`} title={s.label}>
                  <td>{s.source}</td>
                  <td className="status">{STATUS_WORDS[s.status]}</td>
                  <td className="what">
                    {s.message}
                    {(s.notes.length > 0 || s.problems.length > 0) && (
                      <details>
                        <summary>
                          {s.problems.length ? `${s.problems.length} refused rows` : ''}
                          {s.problems.length && s.notes.length ? ', ' : ''}
                          {s.notes.length ? `${s.notes.length} left for later` : ''}
                        </summary>
                        <ul>
                          {s.problems.map((p) => (
                            <li key={`p${p.line}`}>
                              line {p.line}: {p.reason}
                            </li>
                          ))}
                          {s.notes.map((n) => (
                            <li key={n}>{n}</li>
                          ))}
                        </ul>
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {!busy && (
        <button type="button" className="btn ghost small" onClick={props.onClose}>
          Close
        </button>
      )}
    </section>
  )
}
