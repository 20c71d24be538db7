import { useSyncExternalStore } from 'react'

export type ChartTheme = 'dark' | 'light'

/** Chart colours per theme; canvas drawing cannot read CSS variables, so they are mirrored here. */
export const PALETTE = {
  dark: {
    bg: '#181c22',
    text: '#aab3bf',
    grid: '#232a33',
    border: '#2c333d',
    up: '#3fcf8e',
    down: '#ff6b6b',
    upFill: 'rgba(63, 207, 142, 0.18)',
    downFill: 'rgba(255, 107, 107, 0.16)',
    today: '#4c9aff',
    spot: '#f2a93b',
    breakeven: '#b48cff',
    strike: '#8b95a3',
    expiry: '#f2a93b',
    marker: '#4c9aff',
  },
  light: {
    bg: '#ffffff',
    text: '#4a5460',
    grid: '#eef0f3',
    border: '#d5d9df',
    up: '#16794c',
    down: '#c62828',
    upFill: 'rgba(22, 121, 76, 0.14)',
    downFill: 'rgba(198, 40, 40, 0.12)',
    today: '#1d63d8',
    spot: '#b86a00',
    breakeven: '#7048c8',
    strike: '#5d6773',
    expiry: '#b86a00',
    marker: '#1d63d8',
  },
} as const

export type Palette = (typeof PALETTE)[ChartTheme]

function read(): ChartTheme {
  return document.documentElement.dataset.theme === 'light' ? 'light' : 'dark'
}

function subscribe(onChange: () => void): () => void {
  // App sets data-theme on <html>; watching the attribute keeps charts in step without a prop.
  const observer = new MutationObserver(onChange)
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] })
  return () => observer.disconnect()
}

/** The theme currently applied to the document, re-rendering when the user switches it. */
export function useThemeValue(): ChartTheme {
  return useSyncExternalStore(subscribe, read, () => 'dark')
}
