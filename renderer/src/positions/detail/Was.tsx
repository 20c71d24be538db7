import type { ReactNode } from 'react'

/** A corrected value beside the original, struck through (and said in words for screen readers). */
export function Was({ was, children }: { was: string | null; children: ReactNode }) {
  if (was === null) return <>{children}</>
  return (
    <span className="was" title={`Corrected; first recorded as ${was}`}>
      <del>
        <span className="sr-only">was </span>
        {was}
      </del>{' '}
      <ins>{children}</ins>
    </span>
  )
}
