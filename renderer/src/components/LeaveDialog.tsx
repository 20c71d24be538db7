import { useEffect, useId, useRef } from 'react'
import type { PendingLeave } from '../lib/router.ts'

/**
 * "Leave without saving?": shown while a navigation is held back by unsaved work. Keeping the
 * work is the default (focused, and what Esc does); leaving discards it and goes on.
 */
export function LeaveDialog({
  pending,
  onLeave,
  onStay,
}: {
  pending: PendingLeave | null
  onLeave: () => void
  onStay: () => void
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const stayRef = useRef<HTMLButtonElement>(null)
  const uid = useId()
  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (pending && !d.open) {
      d.showModal()
      stayRef.current?.focus()
    } else if (!pending && d.open) d.close()
  }, [pending])
  return (
    <dialog
      ref={ref}
      className="dialog leave-dialog"
      aria-labelledby={`${uid}-title`}
      aria-describedby={`${uid}-text`}
      onCancel={(e) => {
        e.preventDefault()
        onStay()
      }}
    >
      <header className="dialog-head">
        <h2 id={`${uid}-title`}>Leave without saving?</h2>
        <p id={`${uid}-text`} className="muted">
          {pending?.warning} Leaving discards them.
        </p>
      </header>
      <footer className="dialog-foot">
        <button type="button" className="btn" onClick={onLeave}>
          Discard changes
        </button>
        <button ref={stayRef} type="button" className="btn primary" onClick={onStay}>
          Keep editing
        </button>
      </footer>
    </dialog>
  )
}
