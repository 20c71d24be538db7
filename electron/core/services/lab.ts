import type {
  LabRunParams,
  LabRunResults,
  LabRunSummary,
  LabTradeReplay,
} from '../../../shared/lab.ts'
import { DomainError } from '../../../shared/result.ts'
import type { Db } from '../db/connection.ts'
import type { JobControl } from '../jobs/control.ts'
import type { SignalService } from './signals.ts'

/** Runs the lab over the stored history and stores the run in one transaction (issue 14). */
export function runLabService(
  _db: Db,
  _signals: SignalService,
  _params: LabRunParams,
  _control: JobControl,
): LabRunSummary {
  throw new DomainError('VALIDATION', 'The lab is being built')
}

export function listLabRuns(_db: Db): LabRunSummary[] {
  return []
}

export function getLabRun(_db: Db, runId: number): LabRunResults {
  throw new DomainError('NOT_FOUND', `No lab run ${runId}`)
}

export function labTradeReplay(
  _db: Db,
  _signals: SignalService,
  runId: number,
  _tradeKey: string,
): LabTradeReplay[] {
  throw new DomainError('NOT_FOUND', `No lab run ${runId}`)
}

export function deleteLabRun(_db: Db, runId: number): void {
  throw new DomainError('NOT_FOUND', `No lab run ${runId}`)
}
