import type { z } from 'zod'

/** At most this many fields are named in one refusal; the rest are counted (issue 15). */
export const MAX_FIELD_ERRORS = 100

/**
 * Flattens zod issues into one message per field path (the first issue wins), naming at most
 * MAX_FIELD_ERRORS fields; when there are more, `_more` says how many were left out — so a
 * request with a million bad entries gets a short answer.
 */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {}
  let named = 0
  let unnamed = 0
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_'
    if (key in out) continue
    if (named < MAX_FIELD_ERRORS) {
      out[key] = issue.message.length > 500 ? `${issue.message.slice(0, 500)}…` : issue.message
      named++
    } else unnamed++
  }
  if (unnamed) out._more = `${unnamed.toLocaleString('en-US')} more problems not listed`
  return out
}

/** Words for the list parts of a request's field paths: "legs.2.strike" → "Leg 3". */
const LIST_NAMES: Record<string, string> = {
  legs: 'Leg',
  closes: 'Closed leg',
  opens: 'New leg',
  tags: 'Tag',
  positionIds: 'Position',
}

/**
 * A field's problem in the trader's words, standing alone ("Leg 3: Strike must be above 0",
 * "Fees must be 0 or more"): channel names and schema paths never reach the user. Zod's own
 * messages for unexpected shapes are replaced by a plain one.
 */
export function describeProblem(path: string, message: string): string {
  const parts = path === '_' ? [] : path.split('.')
  const where: string[] = []
  for (let i = 0; i < parts.length; i++) {
    const name = LIST_NAMES[parts[i]!]
    const index = parts[i + 1]
    if (name && index !== undefined && /^\d+$/.test(index)) {
      where.push(`${name} ${Number(index) + 1}`)
      i++
    }
  }
  const zodWords = /^Invalid input|^Too (big|small)|^Expected/i.test(message)
  if (parts.length === 0 && zodWords) return 'Wingman could not read this request'
  const plain = zodWords ? 'this value is not one Wingman can use' : message
  return where.length ? `${where.join(', ')}: ${plain}` : plain
}
