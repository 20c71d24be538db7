// Electronegativity (Doyensec's Electron security scanner) over Wingman's sources, offline:
//   node scripts/electronegativity.ts        (npm run security:electron; .ci/run runs it)
// Every finding must be fixed or accepted in scripts/electronegativity-allow.json with its
// reason. Exits 1 on a finding the list does not explain, on a list entry that no longer matches
// any finding (so the list cannot rot), and on a source file the scanner could not parse (a file
// it skipped is a file nobody checked).
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..')
const ALLOW_FILE = join(ROOT, 'scripts', 'electronegativity-allow.json')
/** What ships: the Electron shell and core, the renderer, the shared code. */
const SOURCES = ['electron', 'renderer', 'shared', 'package.json']

interface Allowed {
  check: string
  file: string
  /** The flagged source line, trimmed ('' for findings about the whole app). */
  code: string
  reason: string
}
interface AllowList {
  skippedChecks: { check: string; reason: string }[]
  allowed: Allowed[]
}
interface Issue {
  id: string
  file: string
  location: { line: number; column: number }
  description: string
  shortenedURL: string
  severity: { name?: string; format?: () => string }
  confidence: { name?: string; format?: () => string }
}
interface ScanResult {
  issues: Issue[]
  errors: { file: string; message: string; tolerable: boolean }[]
}

const require = createRequire(import.meta.url)
const scannerRequire = createRequire(require.resolve('@doyensec/electronegativity/package.json'))

// The scanner fetches translations and Electron's release list over the network. The release
// check is skipped (see the allow-list); `got` is replaced so nothing is ever fetched and every
// run sees the same messages.
const offline = () => Promise.reject(new Error('offline: Wingman runs Electronegativity offline'))
const gotPath = scannerRequire.resolve('got')
require.cache[gotPath] = {
  id: gotPath,
  filename: gotPath,
  loaded: true,
  exports: Object.assign(offline, { head: offline }),
} as unknown as NodeJS.Module
process.env.LANG = 'en-US'

const run = scannerRequire('./dist/runner.js') as (
  options: Record<string, unknown>,
  forCli: boolean,
) => Promise<ScanResult>
const scannerVersion = (scannerRequire('./package.json') as { version: string }).version
const electronVersion = (require('electron/package.json') as { version: string }).version
const allowList = JSON.parse(readFileSync(ALLOW_FILE, 'utf8')) as AllowList

// Scan a copy holding only the sources, so tests, builds and scripts are not taken for the app.
const copy = mkdtempSync(join(tmpdir(), 'wingman-electronegativity-'))
let result: ScanResult
try {
  for (const source of SOURCES)
    cpSync(join(ROOT, source), join(copy, source), {
      recursive: true,
      filter: (path) => !path.includes('node_modules'),
    })
  const log = console.log
  // The scanner says so on every offline run; the header below says it once.
  console.log = (...args: unknown[]) => {
    if (!String(args[0]).startsWith('Could not retrieve updated translations')) log(...args)
  }
  try {
    result = await run(
      {
        input: copy,
        isRelative: true,
        customScan: [],
        excludeFromScan: allowList.skippedChecks.map((s) => s.check),
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      },
      false,
    )
  } finally {
    console.log = log
  }
} catch (e) {
  rmSync(copy, { recursive: true, force: true })
  throw e
}

const lineOf = (file: string, line: number) =>
  file === 'N/A' ? '' : (readFileSync(join(copy, file), 'utf8').split('\n')[line - 1] ?? '').trim()
const findings = result.issues.map((issue) => ({
  issue,
  code: lineOf(issue.file, issue.location.line),
}))
rmSync(copy, { recursive: true, force: true })

const level = (l: Issue['severity']) => l.format?.() ?? l.name ?? '?'
const used = new Set<Allowed>()
const unexplained: string[] = []
console.log(
  `Electronegativity ${scannerVersion} over ${SOURCES.join(', ')} (Electron ${electronVersion}, offline)`,
)
for (const s of allowList.skippedChecks) console.log(`  skipped  ${s.check}: ${s.reason}`)
for (const { issue, code } of findings) {
  const where = issue.file === 'N/A' ? '(whole app)' : `${issue.file}:${issue.location.line}`
  const entry = allowList.allowed.find(
    (a) => a.check === issue.id && a.file === issue.file && a.code === code,
  )
  if (entry) {
    used.add(entry)
    console.log(`  allowed  ${issue.id} ${where}: ${entry.reason}`)
  } else {
    unexplained.push(issue.id)
    console.log(
      `  UNEXPLAINED  ${issue.id} ${where} [${level(issue.severity)} | ${level(issue.confidence)}]` +
        `\n      ${issue.description} (${issue.shortenedURL})` +
        (code ? `\n      flagged line: ${code}` : '') +
        `\n      fix it, or add {"check": ${JSON.stringify(issue.id)}, "file": ${JSON.stringify(issue.file)}, ` +
        `"code": ${JSON.stringify(code)}, "reason": "..."} to ${ALLOW_FILE.slice(ROOT.length + 1)}`,
    )
  }
}
const stale = allowList.allowed.filter((a) => !used.has(a))
for (const a of stale)
  console.log(
    `  STALE ALLOW-LIST ENTRY  ${a.check} ${a.file} "${a.code}": matches no finding; remove it`,
  )
const unparsed = result.errors.filter((e) => !e.tolerable)
for (const e of result.errors)
  console.log(`  ${e.tolerable ? 'parse warning' : 'NOT SCANNED'}  ${e.file}: ${e.message}`)

console.log(
  `electronegativity: ${findings.length} finding(s), ${used.size} allowed with a reason, ` +
    `${unexplained.length} unexplained, ${stale.length} stale allow-list entr(ies), ` +
    `${unparsed.length} file(s) not scanned`,
)
if (unexplained.length || stale.length || unparsed.length) process.exitCode = 1
