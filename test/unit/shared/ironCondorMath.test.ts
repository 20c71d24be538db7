import { describe, expect, it } from 'vitest'
import { condorFigures } from '../../../shared/ironCondorMath.ts'
import { parseE4 } from '../../../shared/money.ts'

const k = (...s: string[]) => s.map((x) => parseE4(x)!) as [number, number, number, number]

describe('condorFigures', () => {
  // Worked by hand: 6400/6450/7000/7050, credit 3.15, 2 lots × 100.
  // Max profit 3.15 × 100 × 2 = $630; max loss (50 − 3.15) × 200 = $9,370;
  // breakevens 6450 − 3.15 = 6446.85 and 7000 + 3.15 = 7003.15.
  it('matches the hand computation for a symmetric SPX condor', () => {
    const f = condorFigures(k('6400', '6450', '7000', '7050'), parseE4('3.15')!, 100, 2)
    expect(f.maxProfitE4).toBe(parseE4('630'))
    expect(f.maxLossE4).toBe(parseE4('9370'))
    expect(f.lowerBreakevenE4).toBe(parseE4('6446.85'))
    expect(f.upperBreakevenE4).toBe(parseE4('7003.15'))
  })

  it('uses the wider wing for max loss on a broken-wing condor', () => {
    // puts 25 wide, calls 40 wide, credit 1.85, 4 lots: (40 − 1.85) × 400 = $15,260
    const f = condorFigures(k('6500', '6525', '6900', '6940'), parseE4('1.85')!, 100, 4)
    expect(f.maxLossE4).toBe(parseE4('15260'))
  })
})
