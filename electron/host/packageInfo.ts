import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where the CLI finds the package it runs from: its version, the built app, the market files. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const RENDERER_DIR = join(PACKAGE_ROOT, 'out', 'renderer')
/** The real market history shipped with the app (resources/market, packaged with it). */
export const BUNDLED_MARKET_DIR = join(PACKAGE_ROOT, 'resources', 'market')

export function appVersion(): string {
  try {
    return (
      JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }
    ).version
  } catch {
    return '0.0.0'
  }
}
