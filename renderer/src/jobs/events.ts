import type { EventMap, EventName } from '../../../shared/jobs.ts'

export interface PushedEvent<E extends EventName = EventName> {
  name: E
  payload: EventMap[E]
}
type Listener = (event: PushedEvent) => void

declare global {
  interface Window {
    /** Set by the Electron preload: main → renderer pushes. Absent in the browser host. */
    wingmanEvents?: { subscribe(listener: (event: unknown) => void): () => void }
  }
}

const listeners = new Set<Listener>()
let source: { close(): void } | null = null

function deliver(raw: unknown): void {
  const e = raw as PushedEvent
  if (!e || typeof e.name !== 'string') return
  for (const l of listeners) l(e)
}

/** One connection per page, opened with the first listener and closed with the last. */
function connect(): { close(): void } {
  if (window.wingmanEvents) {
    const unsubscribe = window.wingmanEvents.subscribe(deliver)
    return { close: unsubscribe }
  }
  // The browser host: server-sent events; EventSource reconnects by itself after a drop.
  const token = sessionStorage.getItem('wingman.token') ?? ''
  const es = new EventSource(`/api/events?token=${encodeURIComponent(token)}`)
  es.onmessage = (m) => {
    try {
      deliver(JSON.parse(m.data as string))
    } catch {
      // a malformed push is ignored; the next progress report replaces it
    }
  }
  return es
}

/** Listens to main → renderer pushes (job progress); returns the unsubscribe. */
export function subscribeEvents(listener: Listener): () => void {
  listeners.add(listener)
  source ??= connect()
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) {
      source?.close()
      source = null
    }
  }
}
