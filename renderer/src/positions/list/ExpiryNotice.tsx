import type { ExpiryCandidateView } from '../../../../shared/contract.ts'

/**
 * "2 positions have expired legs": open positions past expiry are never expired silently; the
 * button opens the dialog that books them.
 */
export function ExpiryNotice(props: {
  candidates: readonly ExpiryCandidateView[]
  onOpen: () => void
}) {
  const n = props.candidates.length
  if (n === 0) return null
  const legs = props.candidates.reduce((s, c) => s + c.legs.length, 0)
  return (
    <div className="expiry-notice" role="status">
      <span>
        <strong>
          {n} {n === 1 ? 'position has' : 'positions have'} expired legs
        </strong>{' '}
        <span className="muted">
          ({legs} {legs === 1 ? 'leg' : 'legs'} still open past expiry)
        </span>
      </span>
      <button type="button" className="btn" onClick={props.onOpen}>
        Expire…
      </button>
    </div>
  )
}
