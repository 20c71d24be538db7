import type { EventMap, EventName } from '../../../shared/jobs.ts'

export type EventListener = <E extends EventName>(name: E, payload: EventMap[E]) => void

/**
 * Main → renderer pushes fan out to whoever listens: the desktop window (IPC) or the browser
 * host's event streams (one per open page). A listener that throws is dropped, never the emit.
 */
export class EventHub {
  private readonly listeners = new Set<EventListener>()

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  readonly emit = <E extends EventName>(name: E, payload: EventMap[E]): void => {
    for (const l of this.listeners) {
      try {
        l(name, payload)
      } catch {
        this.listeners.delete(l)
      }
    }
  }
}
