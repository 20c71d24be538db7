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
