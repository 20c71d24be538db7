/**
 * Explanation templates: `{signal_id}` is a signal's value, `{param.name}` a parameter's,
 * `{a|b}` the first present of signals a and b. Anything outside braces is literal text.
 */
export type Placeholder =
  { kind: 'param'; name: string; raw: string } | { kind: 'signals'; ids: string[]; raw: string }

const PLACEHOLDER_RE = /\{([^{}]*)\}/g

/** The placeholders of a template, in order of appearance. */
export function placeholders(template: string): Placeholder[] {
  return [...template.matchAll(PLACEHOLDER_RE)].map((m) => {
    const body = (m[1] ?? '').trim()
    if (body.startsWith('param.')) return { kind: 'param', name: body.slice(6), raw: m[0] }
    return { kind: 'signals', ids: body.split('|').map((s) => s.trim()), raw: m[0] }
  })
}

/** Replaces each placeholder with `render(placeholder)`. */
export function renderTemplate(template: string, render: (p: Placeholder) => string): string {
  const list = placeholders(template)
  let i = 0
  return template.replace(PLACEHOLDER_RE, () => render(list[i++] as Placeholder))
}
