/**
 * The Content-Security-Policy of the app page, sent by Electron and by the browser host (and
 * repeated in index.html): scripts only from the app itself, no eval, no remote anything.
 * Inline styles are allowed because React's `style` props and the chart library set them.
 */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"
