/**
 * Market page smoothness with the full SPX history (24,745 bars), measured in headless Chromium
 * through the browser host (`npm run build` first): time to the first drawn frame, and frame
 * intervals while zooming (mouse wheel) and panning (drag) across the whole range. The named
 * peer, measured in the same run and browser, is bare lightweight-charts drawing only the SPX
 * candles (no indicator panes, no markers, no React) with the same interactions.
 * Figures only; skipped when no Chromium is installed. Headless Chromium here has no GPU, so
 * the absolute frame times are pessimistic; the ratio is the figure to watch.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type * as LightweightCharts from 'lightweight-charts'
import type { Page } from 'playwright-core'
import { chromiumPath, launchChromium } from '../helpers/browser.ts'
import { serveApp } from '../helpers/serve.ts'

if (!chromiumPath()) {
  console.log('chart bench skipped: no Chromium (apt-get install chromium)')
  process.exit(0)
}

const ROOT = resolve(import.meta.dirname, '../..')

/** Runs wheel zooms and drags over the chart at (x, y) and returns the frame intervals (ms). */
async function interact(page: Page, x: number, y: number): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean }
    w.__frames = []
    w.__stop = false
    let last = performance.now()
    const tick = (t: number) => {
      w.__frames.push(t - last)
      last = t
      if (!w.__stop) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })
  await page.mouse.move(x, y)
  for (let i = 0; i < 25; i++) {
    await page.mouse.wheel(0, -240) // zoom in
    await page.waitForTimeout(16)
  }
  for (let i = 0; i < 20; i++) {
    await page.mouse.move(x, y)
    await page.mouse.down()
    await page.mouse.move(x - 300, y, { steps: 6 })
    await page.mouse.up()
  }
  for (let i = 0; i < 25; i++) {
    await page.mouse.wheel(0, 240) // zoom back out
    await page.waitForTimeout(16)
  }
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean }
    w.__stop = true
    return w.__frames.slice(1)
  })
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN

const app = await serveApp(
  join(mkdtempSync(join(tmpdir(), 'wingman-chart-bench-')), 'journal.sqlite'),
)
const browser = await launchChromium()
try {
  const ours = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await ours.addInitScript(() => sessionStorage.setItem('wingman.range', 'All'))
  await ours.goto(`${app.url}#/market`)
  const drawn = ours.getByText(/drawn in \d+ ms/)
  await drawn.waitFor({ timeout: 60_000 })
  const firstDraw = Number(/drawn in (\d+) ms/.exec(await drawn.innerText())?.[1])
  const box = (await ours.locator('.market-chart').boundingBox())!
  const oursFrames = await interact(ours, box.x + box.width / 2, box.y + box.height * 0.2)

  const peer = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await peer.setContent('<div id="c" style="position:absolute;inset:0"></div>')
  await peer.addScriptTag({
    path: join(
      ROOT,
      'node_modules/lightweight-charts/dist/lightweight-charts.standalone.production.js',
    ),
  })
  const rows = readFileSync(join(ROOT, 'resources/market/spx_daily.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
  const bars = rows.map((l) => {
    const [time, open, high, low, close] = l.split(',')
    return { time, open: Number(open), high: Number(high), low: Number(low), close: Number(close) }
  })
  const peerFirstDraw = await peer.evaluate(async (data) => {
    const t0 = performance.now()
    const L = (window as unknown as { LightweightCharts: typeof LightweightCharts })
      .LightweightCharts
    const chart = L.createChart(document.getElementById('c')!, { autoSize: true })
    chart.addSeries(L.CandlestickSeries).setData(data as never)
    chart.timeScale().fitContent()
    await new Promise((r) => requestAnimationFrame(() => r(null)))
    return performance.now() - t0
  }, bars)
  const peerFrames = await interact(peer, 640, 200)

  const line = (name: string, first: number, f: number[]) =>
    `  ${name.padEnd(44)} first draw ${String(Math.round(first)).padStart(4)} ms   frames p50 ${pct(f, 0.5).toFixed(1).padStart(5)} ms  p95 ${pct(f, 0.95).toFixed(1).padStart(5)} ms  (${f.length} frames)`
  console.log(
    `market chart, ${bars.length} SPX bars, headless Chromium (no GPU), zoom + pan over the full range`,
  )
  console.log(line('Wingman Market page (5 panes, markers)', firstDraw, oursFrames))
  console.log(line('peer: bare lightweight-charts, SPX candles', peerFirstDraw, peerFrames))
  console.log(
    `  ratio p95 frame time ours/peer ×${(pct(oursFrames, 0.95) / pct(peerFrames, 0.95)).toFixed(2)}; first draw includes loading the history and computing RSI/MACD for ours`,
  )
} finally {
  await browser.close()
  await app.stop()
}
