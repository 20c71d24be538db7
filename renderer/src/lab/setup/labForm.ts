import {
  HOLD_TO_EXPIRY_ID,
  LAB_DEFAULTS,
  LabRunSchema,
  type LabRunInput,
  type LabRunParams,
  type TriState,
} from '../../../../shared/lab.ts'
import { DISCRETIONARY_FLAGS, type FlagId } from '../../../../shared/signals.ts'

/**
 * The Lab page's run setup as typed (every field a string, as inputs hold them), its request
 * and its check against the contract's own schema before sending — so the page refuses with
 * the core's words and field paths (`rulesets`, `to`, `wingWidth`).
 */
export interface LabForm {
  /** Ruleset ids in the order ticked (the run's order: colours and columns follow it). */
  rulesets: string[]
  /** '' = the whole stored history on that side. */
  from: string
  to: string
  entryEvery: string
  targetDte: string
  shortDelta: string
  wingWidth: string
  commission: string
  slippage: string
  flags: Record<FlagId, TriState>
}

/** At most this many rulesets side by side (the schema's own bound). */
export const MAX_RULESETS = 4

/** The comparison the methodology argues about, when those rulesets exist. */
const DEFAULT_RULESETS = ['alvh', 'mechanical-wing', HOLD_TO_EXPIRY_ID]

const unknownFlags = (): Record<FlagId, TriState> =>
  Object.fromEntries(DISCRETIONARY_FLAGS.map((f) => [f.id, 'unknown'])) as Record<FlagId, TriState>

/** The defaults of LAB_DEFAULTS, the whole history, the rulesets of the methodology's claim. */
export function initialLabForm(available: readonly string[]): LabForm {
  return {
    rulesets: DEFAULT_RULESETS.filter((id) => available.includes(id)),
    from: '',
    to: '',
    entryEvery: String(LAB_DEFAULTS.entryEvery),
    targetDte: String(LAB_DEFAULTS.targetDte),
    shortDelta: String(LAB_DEFAULTS.shortDelta),
    wingWidth: String(LAB_DEFAULTS.wingWidth),
    commission: LAB_DEFAULTS.commissionPerContract,
    slippage: LAB_DEFAULTS.slippagePerLeg,
    flags: unknownFlags(),
  }
}

/** A stored run's settings back in the form ("Set up again"), its dates as the run used them. */
export function formFromParams(p: LabRunParams): LabForm {
  return {
    rulesets: p.rulesets.map((r) => r.id),
    from: p.from ?? '',
    to: p.to ?? '',
    entryEvery: String(p.entryEvery),
    targetDte: String(p.targetDte),
    shortDelta: String(p.shortDelta),
    wingWidth: String(p.wingWidth),
    commission: p.commissionPerContract,
    slippage: p.slippagePerLeg,
    flags: { ...unknownFlags(), ...p.flags },
  }
}

/** Ticks or unticks a ruleset; a fifth is not added (the box is disabled at four). */
export function toggleRuleset(form: LabForm, id: string): LabForm {
  if (form.rulesets.includes(id))
    return { ...form, rulesets: form.rulesets.filter((r) => r !== id) }
  if (form.rulesets.length >= MAX_RULESETS) return form
  return { ...form, rulesets: [...form.rulesets, id] }
}

/** A typed number, or NaN when the field holds none (the schema then names the field). */
const num = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s.trim()))

/** The request as typed: empty dates left out, unknown flags not sent (unknown is the default). */
export function labRequestOf(form: LabForm): LabRunInput {
  const flags = Object.fromEntries(
    Object.entries(form.flags).filter(([, v]) => v !== 'unknown'),
  ) as LabRunInput['flags']
  return {
    rulesets: form.rulesets.map((id) => ({ id })),
    ...(form.from ? { from: form.from } : {}),
    ...(form.to ? { to: form.to } : {}),
    entryEvery: num(form.entryEvery),
    targetDte: num(form.targetDte),
    shortDelta: num(form.shortDelta),
    wingWidth: num(form.wingWidth),
    commissionPerContract: form.commission.trim(),
    slippagePerLeg: form.slippage.trim(),
    flags,
  }
}

/** The form's field names, keyed by the schema's path, for messages next to their input. */
const FIELD_OF: Record<string, keyof LabForm> = {
  rulesets: 'rulesets',
  from: 'from',
  to: 'to',
  entryEvery: 'entryEvery',
  targetDte: 'targetDte',
  shortDelta: 'shortDelta',
  wingWidth: 'wingWidth',
  commissionPerContract: 'commission',
  slippagePerLeg: 'slippage',
}

/** How the trader reads each field's bounds, instead of zod's "expected number, received NaN". */
const BOUNDS: Partial<Record<keyof LabForm, string>> = {
  entryEvery: 'A whole number of sessions from 1 to 250',
  targetDte: 'A whole number of days from 7 to 365',
  shortDelta: 'A delta from 0.01 to 0.5 (0.16 = 16 delta)',
  wingWidth: 'A multiple of 5 points from 5 to 500',
}

export type LabFormErrors = Partial<Record<keyof LabForm, string>>

/**
 * The request when the form is valid, else the message per field (the schema's own, or the
 * field's bounds in words when the schema's is a type complaint).
 */
export function checkLabForm(
  form: LabForm,
): { ok: true; request: LabRunInput } | { ok: false; errors: LabFormErrors } {
  const request = labRequestOf(form)
  const parsed = LabRunSchema.safeParse(request)
  if (parsed.success) return { ok: true, request }
  const errors: LabFormErrors = {}
  for (const issue of parsed.error.issues) {
    const field = FIELD_OF[String(issue.path[0] ?? 'rulesets')] ?? 'rulesets'
    if (errors[field]) continue
    const typeComplaint =
      issue.code === 'invalid_type' || issue.code === 'too_small' || issue.code === 'too_big'
    errors[field] = (typeComplaint && BOUNDS[field]) || issue.message
  }
  return { ok: false, errors }
}
