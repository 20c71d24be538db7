import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react'
import './modalDialog.css'

export interface ModalDialogProps {
  open: boolean
  title: string
  /** One line under the title: what the dialog does and what is kept. */
  description?: ReactNode
  /** A request is in flight: the submit button says so and Esc does not close. */
  busy: boolean
  /** Why the last attempt failed, in words; shown above the buttons. */
  error: string | undefined
  submitLabel: string
  busyLabel?: string
  /** A destructive action gets the danger style. */
  danger?: boolean
  /** Hides the submit button (a dialog that only informs). */
  noSubmit?: boolean
  /** The submit button is shown but cannot be pressed yet (something is still to be chosen). */
  submitDisabled?: boolean
  className?: string
  onClose: () => void
  onSubmit: () => void
  children?: ReactNode
}

/**
 * The one modal dialog of the app: a native `<dialog>` opened with showModal (focus stays
 * inside, Esc cancels), a form whose submit runs `onSubmit`, the error of the last attempt and
 * a busy state. Forms put their fields inside; the wiring lives here once.
 */
export function ModalDialog(props: ModalDialogProps) {
  const { open, busy, onClose } = props
  const ref = useRef<HTMLDialogElement>(null)
  const uid = useId()
  // Declared first: it must see the opener before the dialog takes the focus.
  useEffect(() => {
    if (!open) return
    // Back to the button that opened the dialog, whether it closes or is unmounted.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    return () => opener?.focus()
  }, [open])
  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (open && !d.open) {
      d.showModal()
      // Where typing starts: a field marked data-autofocus, else the first field (not a button).
      const first =
        d.querySelector<HTMLElement>('[data-autofocus]') ??
        d.querySelector<HTMLElement>('input:not([type=hidden]):not(:disabled), select, textarea')
      first?.focus()
    } else if (!open && d.open) d.close()
  }, [open])
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!busy && !props.submitDisabled) props.onSubmit()
  }
  return (
    <dialog
      ref={ref}
      className={`dialog${props.className ? ` ${props.className}` : ''}`}
      aria-labelledby={`${uid}-title`}
      aria-describedby={props.description ? `${uid}-text` : undefined}
      aria-busy={busy || undefined}
      onCancel={(e) => {
        e.preventDefault()
        if (!busy) onClose()
      }}
    >
      {open && (
        <form onSubmit={submit} noValidate>
          <header className="dialog-head">
            <h2 id={`${uid}-title`}>{props.title}</h2>
            {props.description && (
              <p id={`${uid}-text`} className="muted">
                {props.description}
              </p>
            )}
          </header>
          <div className="dialog-body">{props.children}</div>
          {props.error && (
            <div className="form-alert" role="alert">
              {props.error}
            </div>
          )}
          <footer className="dialog-foot">
            <button type="button" className="btn" onClick={onClose} disabled={busy}>
              {props.noSubmit ? 'Close' : 'Cancel'}
            </button>
            {!props.noSubmit && (
              <button
                type="submit"
                className={`btn ${props.danger ? 'danger' : 'primary'}`}
                disabled={busy || props.submitDisabled}
              >
                {busy ? (props.busyLabel ?? 'Saving…') : props.submitLabel}
              </button>
            )}
          </footer>
        </form>
      )}
    </dialog>
  )
}
