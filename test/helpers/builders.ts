import type { CreateIronCondorInput } from '../../shared/ironCondor.ts'

/** A valid "New iron condor" request; override what a test is about. */
export function condorInput(overrides: Partial<CreateIronCondorInput> = {}): CreateIronCondorInput {
  return {
    underlying: 'SPXW',
    entryDate: '2026-11-02',
    expiration: '2026-12-18',
    longPut: '6400',
    shortPut: '6450',
    shortCall: '7000',
    longCall: '7050',
    quantity: 2,
    credit: '3.15',
    fees: '5.2',
    tags: ['core'],
    notes: '',
    ...overrides,
  }
}

/**
 * A June 2026 SPX condor, 7150/7200/7500/7550 × 2 for 17.85, expiring 2026-07-17. SPX traded
 * around 7,500 in late June 2026 in the bundled history, so its call side can be "tested".
 */
export function june2026Condor(
  overrides: Partial<CreateIronCondorInput> = {},
): CreateIronCondorInput {
  return condorInput({
    underlying: 'SPX',
    entryDate: '2026-06-01',
    expiration: '2026-07-17',
    longPut: '7150',
    shortPut: '7200',
    shortCall: '7500',
    longCall: '7550',
    quantity: 2,
    credit: '17.85',
    fees: '0',
    tags: [],
    ...overrides,
  })
}
