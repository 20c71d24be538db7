import { useState } from 'react'
import { api } from '../lib/api.ts'
import { todayNy } from '../lib/format.ts'
import { useAction } from '../ui/useAction.ts'
import {
  closesOf,
  closesToKeep,
  keptMessage,
  sessionOf,
  type LiveKey,
  type LiveText,
} from './liveValues.ts'

/**
 * "Keep as today's closes", beside the decision panel's live market values: stores the values
 * typed there as the session's closes, entered by hand (market:enterCloses), then says what was
 * stored and what the journal already had from a file and kept.
 */
export function KeepCloses(props: {
  date: string
  live: LiveText
  /** The values the panel was prefilled with: not typed here, so not kept. */
  prefilled: Partial<Record<LiveKey, number>> | undefined
  onKept: () => void
}) {
  const save = useAction()
  const [message, setMessage] = useState<{ text: string; for: string }>()
  const today = todayNy()
  const session = sessionOf(props.date)
  const toKeep = closesToKeep(props.live, props.prefilled)
  // Something typed (a value that is not a number too: the click says what is wrong with it).
  const typed = 'error' in toKeep || Object.keys(toKeep.closes).length > 0
  // The message answers the values it was given: typing again makes it stale.
  const shown = message?.for === JSON.stringify([props.date, props.live]) ? message.text : null

  async function keep() {
    if (!session) return save.refuse('Choose a date first.')
    if ('error' in toKeep) return save.refuse(toKeep.error)
    setMessage(undefined)
    const r = await save.run(() =>
      api['market:enterCloses']({ date: session, closes: toKeep.closes }),
    )
    if (!r) return
    setMessage({
      text: keptMessage(r, today, toKeep.untouched),
      for: JSON.stringify([props.date, props.live]),
    })
    props.onKept()
  }

  return (
    <div className="keep-closes">
      <button
        type="button"
        className="btn small-btn"
        disabled={save.busy || !typed || !session}
        title={
          session && session !== props.date
            ? `${props.date} is not an NYSE session: the values are kept as the closes of ${session}, the session before`
            : undefined
        }
        onClick={() => void keep()}
      >
        {save.busy
          ? 'Keeping…'
          : `Keep as ${session ? closesOf(session, today) : 'the day’s closes'}`}
      </button>
      {!typed && 'closes' in toKeep && toKeep.untouched.length > 0 && !shown && (
        <span className="muted small">
          These are the values the panel was prefilled with; type the day’s closes to keep them.
        </span>
      )}
      {save.error && (
        <span className="keep-error" role="alert">
          Not kept: {save.error}
        </span>
      )}
      {shown && (
        <span className="notice" role="status">
          {shown}
        </span>
      )}
    </div>
  )
}
