/**
 * A synthetic tastytrade history (21-column layout): `target` executions of SPX condors opened
 * every day or two from 2010, a quarter rolled, half closed as one order and the rest expired.
 * Deterministic (mulberry32), newest first as exported. Used by the import bench and the job
 * tests (a big file gives a job something long to do).
 */
import { rng } from '../../electron/core/demo/demo.ts'

const HEADER =
  'Date,Type,Sub Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,Commissions,Fees,Multiplier,Root Symbol,Underlying Symbol,Expiration Date,Strike Price,Call or Put,Order #,Total,Currency'

const money = (x: number) => {
  const s = Math.abs(x).toFixed(2)
  const withCommas = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const t = `${x < 0 ? '-' : ''}${withCommas}`
  return t.includes(',') ? `"${t}"` : t
}
const pad = (n: number) => String(n).padStart(2, '0')
const ymd = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
const mdy = (iso: string) =>
  `${Number(iso.slice(5, 7))}/${Number(iso.slice(8, 10))}/${iso.slice(2, 4)}`
const occ = (exp: string, right: 'C' | 'P', strike: number) =>
  `SPXW  ${exp.slice(2).replaceAll('-', '')}${right}${String(strike * 1000).padStart(8, '0')}`

type Row = { at: string; line: string }

export function tastytradeFile(target: number): { text: string; executions: number } {
  const random = rng(20261127)
  const rows: Row[] = []
  let order = 500_000_000
  let n = 0
  let day = Date.UTC(2010, 0, 4)
  const leg = (
    at: string,
    action: 'SELL_TO_OPEN' | 'BUY_TO_OPEN' | 'BUY_TO_CLOSE' | 'SELL_TO_CLOSE',
    exp: string,
    right: 'C' | 'P',
    strike: number,
    qty: number,
    price: number,
    id: number,
  ) => {
    const sell = action.startsWith('SELL')
    const value = (sell ? 1 : -1) * price * qty * 100
    const commission = action.endsWith('OPEN') ? -1 * qty : 0
    const fees = -0.66 * qty
    const sub = action
      .toLowerCase()
      .split('_')
      .map((w, i) => (i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w))
      .join(' ')
    const word = right === 'C' ? 'Call' : 'Put'
    rows.push({
      at,
      line: [
        `${at}-0400`,
        'Trade',
        sub.replace(' to ', ' to '),
        action,
        occ(exp, right, strike),
        'Equity Option',
        `${sell ? 'Sold' : 'Bought'} ${qty} SPXW ${mdy(exp)} ${word} ${strike}.00 @ ${price.toFixed(2)}`,
        money(value),
        String(qty),
        money((sell ? 1 : -1) * price * 100),
        commission === 0 ? '0.00' : money(commission),
        money(fees),
        '100',
        'SPXW',
        'SPX',
        mdy(exp),
        String(strike),
        right === 'C' ? 'CALL' : 'PUT',
        String(id),
        money(value + commission + fees),
        'USD',
      ].join(','),
    })
    n++
  }
  const expiry = (
    at: string,
    exp: string,
    right: 'C' | 'P',
    strike: number,
    qty: number,
    short: boolean,
  ) => {
    rows.push({
      at,
      line: [
        `${at}-0400`,
        'Receive Deliver',
        'Expiration',
        short ? 'BUY_TO_CLOSE' : 'SELL_TO_CLOSE',
        occ(exp, right, strike),
        'Equity Option',
        `Removal of ${qty}.0 SPXW ${mdy(exp)} ${right === 'C' ? 'Call' : 'Put'} ${strike}.00 due to expiration.`,
        '0.00',
        String(qty),
        '0.00',
        '--',
        '0.00',
        '100',
        'SPXW',
        'SPX',
        mdy(exp),
        String(strike),
        right === 'C' ? 'CALL' : 'PUT',
        '',
        '0.00',
        'USD',
      ].join(','),
    })
    n++
  }
  const condor = (exp: string, spot: number) => {
    const sc = Math.round((spot * 1.04) / 5) * 5
    const sp = Math.round((spot * 0.94) / 5) * 5
    return { sc, lc: sc + 50, sp, lp: sp - 50 }
  }
  while (n < target) {
    day += 86_400_000 * (1 + Math.floor(random() * 2))
    const d = new Date(day)
    if (d.getUTCDay() === 0 || d.getUTCDay() === 6) continue
    const open = ymd(d)
    const exp = ymd(new Date(day + 86_400_000 * 42))
    const spot = 1200 + (day - Date.UTC(2010, 0, 4)) / 86_400_000 / 1.2 + random() * 40
    const qty = 1 + Math.floor(random() * 5)
    const k = condor(exp, spot)
    const id = order++
    const at = `${open}T10:${pad(Math.floor(random() * 60))}:${pad(Math.floor(random() * 60))}`
    leg(at, 'SELL_TO_OPEN', exp, 'C', k.sc, qty, 4 + random() * 4, id)
    leg(at, 'BUY_TO_OPEN', exp, 'C', k.lc, qty, 1 + random(), id)
    leg(at, 'SELL_TO_OPEN', exp, 'P', k.sp, qty, 5 + random() * 5, id)
    leg(at, 'BUY_TO_OPEN', exp, 'P', k.lp, qty, 2 + random(), id)
    let calls = { exp, sc: k.sc, lc: k.lc }
    const later = (days: number) => ymd(new Date(day + 86_400_000 * days))
    if (random() < 0.25) {
      const rid = order++
      const rat = `${later(14)}T14:${pad(Math.floor(random() * 60))}:${pad(Math.floor(random() * 60))}`
      const nexp = later(49)
      leg(rat, 'BUY_TO_CLOSE', exp, 'C', k.sc, qty, 12 + random() * 6, rid)
      leg(rat, 'SELL_TO_CLOSE', exp, 'C', k.lc, qty, 5 + random() * 3, rid)
      leg(rat, 'SELL_TO_OPEN', nexp, 'C', k.sc + 50, qty, 9 + random() * 4, rid)
      leg(rat, 'BUY_TO_OPEN', nexp, 'C', k.lc + 50, qty, 3 + random() * 2, rid)
      calls = { exp: nexp, sc: k.sc + 50, lc: k.lc + 50 }
    }
    if (random() < 0.5) {
      const cid = order++
      const cat = `${later(28)}T11:${pad(Math.floor(random() * 60))}:${pad(Math.floor(random() * 60))}`
      leg(cat, 'BUY_TO_CLOSE', calls.exp, 'C', calls.sc, qty, 1 + random(), cid)
      leg(cat, 'SELL_TO_CLOSE', calls.exp, 'C', calls.lc, qty, 0.2 + random() * 0.3, cid)
      leg(cat, 'BUY_TO_CLOSE', exp, 'P', k.sp, qty, 1 + random(), cid)
      leg(cat, 'SELL_TO_CLOSE', exp, 'P', k.lp, qty, 0.2 + random() * 0.3, cid)
    } else {
      expiry(`${calls.exp}T20:00:00`, calls.exp, 'C', calls.sc, qty, true)
      expiry(`${calls.exp}T20:00:00`, calls.exp, 'C', calls.lc, qty, false)
      expiry(`${exp}T20:00:00`, exp, 'P', k.sp, qty, true)
      expiry(`${exp}T20:00:00`, exp, 'P', k.lp, qty, false)
    }
  }
  rows.sort((a, b) => (a.at > b.at ? -1 : a.at < b.at ? 1 : 0)) // newest first, as exported
  return { text: `${HEADER}\n${rows.map((r) => r.line).join('\n')}\n`, executions: n }
}
