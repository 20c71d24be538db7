import { useEffect, useState } from 'react'
import type { PositionSummary } from '../../../shared/domain.ts'
import { api } from '../lib/api.ts'

/**
 * The open positions a hedge layer can attach to, fetched each time the form opens (a position
 * saved a moment ago is among them). Empty while closed or when the list cannot be read.
 */
export function useOpenPositions(open: boolean): PositionSummary[] {
  const [positions, setPositions] = useState<PositionSummary[]>([])
  useEffect(() => {
    if (!open) return
    let live = true
    void api['positions:list']({ status: 'open' }).then((r) => {
      if (live) setPositions(r.ok ? r.value.positions : [])
    })
    return () => {
      live = false
    }
  }, [open])
  return positions
}

/** A position in one line for a select: "#3 SPXW 6400/6450/7000/7050 · exp 2026-12-18". */
export function positionLabel(p: PositionSummary): string {
  const strikes = [p.longPut, p.shortPut, p.shortCall, p.longCall].filter((s) => s !== null)
  // A condor reads best as its four strikes; any other structure as its legs.
  const legs = p.structure === 'iron_condor' && strikes.length ? strikes.join('/') : p.legsLabel
  const exp = p.expiration ? ` · exp ${p.expiration}` : ''
  return `#${p.id} ${p.root}${legs ? ` ${legs}` : ''}${exp}`
}
