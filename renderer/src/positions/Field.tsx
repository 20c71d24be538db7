import { useId, type ReactNode } from 'react'

/** What a field hands its control: the id its label points at, and the error wiring. */
export interface FieldProps {
  id: string
  name: string
  'aria-invalid': boolean
  'aria-describedby': string | undefined
}

/**
 * A labelled form control with its hint or error beneath. `name` is the form field it edits
 * (`legs.1.strike`), which is how a form moves focus to its first error.
 */
export function Field(props: {
  label: string
  name: string
  error: string | undefined
  hint?: string
  className?: string
  children: (p: FieldProps) => ReactNode
}) {
  const id = useId()
  const describedBy = [props.error ? `${id}-err` : null, props.hint ? `${id}-hint` : null]
    .filter(Boolean)
    .join(' ')
  return (
    <div
      className={`field${props.className ? ` ${props.className}` : ''}${props.error ? ' invalid' : ''}`}
    >
      <label htmlFor={id}>{props.label}</label>
      {props.children({
        id,
        name: props.name,
        'aria-invalid': Boolean(props.error),
        'aria-describedby': describedBy || undefined,
      })}
      {props.hint && !props.error && (
        <span className="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      )}
      {props.error && (
        <span className="field-error" id={`${id}-err`}>
          {props.error}
        </span>
      )}
    </div>
  )
}
