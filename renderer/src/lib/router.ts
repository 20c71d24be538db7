import { useEffect, useState } from 'react'

/** Hash routes keep the browser host's `?token=` query intact across navigation and reloads. */
export type Route =
  | { page: 'positions' }
  | { page: 'position'; id: number }
  | { page: 'market' }
  | { page: 'rulesets'; id: string | null }

export function parseRoute(hash: string): Route {
  const m = /^#\/positions\/(\d+)$/.exec(hash)
  if (m) return { page: 'position', id: Number(m[1]) }
  if (hash === '#/market') return { page: 'market' }
  const r = /^#\/rulesets(?:\/([a-z0-9][a-z0-9_-]*))?$/.exec(hash)
  if (r) return { page: 'rulesets', id: r[1] ?? null }
  return { page: 'positions' }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash))
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash))
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return route
}

export const navigate = (hash: string) => {
  window.location.hash = hash
}
