import { useEffect, useRef } from 'react'
import { AccountsPanel } from '../../settings/AccountsPanel.tsx'

/** "Accounts…" from the positions toolbar: the accounts panel in a modal dialog (Esc closes). */
export function AccountsDialog(props: {
  open: boolean
  onClose: () => void
  onChanged: () => void
}) {
  const { open, onClose, onChanged } = props
  const dialogRef = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const d = dialogRef.current
    if (!d) return
    if (open && !d.open) d.showModal()
    else if (!open && d.open) d.close()
  }, [open])
  return (
    <dialog
      ref={dialogRef}
      className="dialog accounts-dialog"
      aria-label="Accounts"
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      {/* Mounted only while open, so each opening starts from the stored accounts. */}
      {open && <AccountsPanel onChanged={onChanged} />}
      <div className="dialog-foot">
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  )
}
