import { useId, useMemo, useState } from 'react'
import type { Parameter } from '../../../../shared/ruleset/schema.ts'
import type { RulesetError } from '../../../../shared/ruleset/validate.ts'
import { rangeText } from './describe.ts'
import type { LiveValidation } from './useLiveValidation.ts'

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The parsed editor text when it is a JSON object, else null (the form then stays disabled). */
function parseObject(text: string): Json | null {
  try {
    const v: unknown = JSON.parse(text)
    return isObject(v) ? v : null
  } catch {
    return null
  }
}

/** The parameters block when every entry looks like a parameter; the form edits only those. */
function parametersOf(json: Json | null): [string, Parameter][] | null {
  if (!json) return null
  if (json.parameters === undefined) return []
  if (!isObject(json.parameters)) return null
  const entries = Object.entries(json.parameters)
  const ok = entries.every(
    ([, p]) =>
      isObject(p) &&
      ((p.type === 'number' && typeof p.default === 'number') ||
        (p.type === 'boolean' && typeof p.default === 'boolean')),
  )
  return ok ? (entries as [string, Parameter][]) : null
}

/** A number input that keeps what is typed ("0.", "") until it is a number. */
function NumberParam({
  name,
  param,
  error,
  disabled,
  onChange,
}: {
  name: string
  param: Parameter
  error: string | undefined
  disabled: boolean
  onChange: (value: number) => void
}) {
  const id = useId()
  const value = param.default as number
  const [draft, setDraft] = useState(String(value))
  const [seen, setSeen] = useState(value)
  // The JSON changed under the field (typed in the textarea): show the new value.
  if (seen !== value) {
    setSeen(value)
    if (Number(draft) !== value || draft.trim() === '') setDraft(String(value))
  }
  const typed =
    draft.trim() === '' || !Number.isFinite(Number(draft)) ? 'Enter a number' : undefined
  const shown = typed ?? error
  return (
    <div className={`field${shown ? ' invalid' : ''}`}>
      <label htmlFor={id}>{name}</label>
      <input
        id={id}
        type="number"
        step="any"
        min={param.min}
        max={param.max}
        value={draft}
        disabled={disabled}
        aria-invalid={shown ? true : undefined}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          setDraft(e.target.value)
          const n = Number(e.target.value)
          if (e.target.value.trim() !== '' && Number.isFinite(n)) onChange(n)
        }}
      />
      <span id={`${id}-hint`} className={shown ? 'field-error' : 'hint'}>
        {shown ?? `${param.description} Allowed: ${rangeText(param)}.`}
      </span>
    </div>
  )
}

function BooleanParam({
  name,
  param,
  error,
  disabled,
  onChange,
}: {
  name: string
  param: Parameter
  error: string | undefined
  disabled: boolean
  onChange: (value: boolean) => void
}) {
  const id = useId()
  return (
    <div className={`field rs-bool${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={param.default === true}
          disabled={disabled}
          aria-describedby={`${id}-hint`}
          onChange={(e) => onChange(e.target.checked)}
        />{' '}
        {name}
      </label>
      <span id={`${id}-hint`} className={error ? 'field-error' : 'hint'}>
        {error ?? param.description}
      </span>
    </div>
  )
}

function errorFor(errors: RulesetError[], name: string): string | undefined {
  const at = `parameters.${name}`
  return errors.find((e) => e.path === at || e.path.startsWith(`${at}.`))?.message
}

/**
 * The JSON editor of a ruleset: a monospace textarea checked on every change (debounced) plus a
 * form for the parameters that rewrites the same JSON. Read-only for built-ins.
 */
export function RulesetEditor({
  text,
  onChange,
  readOnly,
  validation,
}: {
  text: string
  onChange: (text: string) => void
  readOnly: boolean
  validation: LiveValidation
}) {
  const id = useId()
  const json = useMemo(() => parseObject(text), [text])
  const params = parametersOf(json)
  const errors = validation.state === 'errors' ? validation.errors : []
  const invalid = errors.length > 0

  const setParam = (name: string, value: number | boolean) => {
    if (!json || !isObject(json.parameters)) return
    const parameters = json.parameters
    const next = {
      ...json,
      parameters: { ...parameters, [name]: { ...(parameters[name] as Json), default: value } },
    }
    onChange(JSON.stringify(next, null, 2))
  }

  return (
    <div className="rs-editor">
      <div className={`field rs-json${invalid ? ' invalid' : ''}`}>
        <label htmlFor={`${id}-json`}>Ruleset JSON</label>
        <textarea
          id={`${id}-json`}
          value={text}
          readOnly={readOnly}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          aria-invalid={invalid ? true : undefined}
          aria-describedby={`${id}-status`}
          onChange={(e) => onChange(e.target.value)}
        />
      </div>
      <div className="rs-editor-side">
        <div id={`${id}-status`} className="rs-status" aria-live="polite">
          {validation.state === 'ok' ? (
            <span className="rs-valid">✓ Valid ruleset</span>
          ) : (
            <>
              <span className="field-error">
                ✗ {errors.length === 1 ? '1 problem' : `${errors.length} problems`}
              </span>
              <ul className="rs-errors" aria-label="Validation errors">
                {errors.map((e, i) => (
                  <li key={i}>
                    <code>{e.path}</code> {e.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        <fieldset className="rs-param-form" disabled={readOnly || !params}>
          <legend>Parameters</legend>
          {!params ? (
            <p className="hint">Fix the JSON to edit the parameters here.</p>
          ) : params.length === 0 ? (
            <p className="hint">This ruleset has no parameters.</p>
          ) : (
            params.map(([name, p]) =>
              p.type === 'boolean' ? (
                <BooleanParam
                  key={name}
                  name={name}
                  param={p}
                  error={errorFor(errors, name)}
                  disabled={readOnly}
                  onChange={(v) => setParam(name, v)}
                />
              ) : (
                <NumberParam
                  key={name}
                  name={name}
                  param={p}
                  error={errorFor(errors, name)}
                  disabled={readOnly}
                  onChange={(v) => setParam(name, v)}
                />
              ),
            )
          )}
        </fieldset>
      </div>
    </div>
  )
}
