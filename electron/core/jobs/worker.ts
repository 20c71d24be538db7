/**
 * A job worker thread: its own connection to the open journal and its own handlers over it (the
 * same handlers the contract runs, without a job runner, so the work runs here inline). Runs one
 * job at a time; reports progress and notices a cancel through the JobControl it gives the work.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { createDispatch } from '../contract/dispatch.ts'
import { createHandlers, type ExportToSave } from '../contract/handlers.ts'
import { saveExport } from '../services/exportFiles.ts'
import { refreshPositionList } from '../services/positionList.ts'
import { MarkService } from '../services/marks.ts'
import { nyDateOf } from '../../../shared/dates.ts'
import { openJobConnection } from '../db/connection.ts'
import { DomainError, type WireError } from '../../../shared/result.ts'
import { storageError } from '../db/errors.ts'
import { cancelledError, throttled, type JobControl } from './control.ts'
import type { FromWorker, ToWorker, WorkerSetup } from './messages.ts'
import { stageRestore } from './restoreStage.ts'

const port = parentPort
if (!port) throw new Error('jobs/worker.ts runs as a worker thread')
const setup = workerData as WorkerSetup
const cancelFlag = new Int32Array(setup.cancelFlag)
const db = openJobConnection(setup.path, setup.state)

let nowIso = new Date().toISOString()
let control: JobControl = { progress: () => {}, checkCancelled: () => {} }

// one marks cache for the handlers and the worker-only work below (exports saved to disk, the
// positions list's fill)
const marks = new MarkService(db)
const handlers = createHandlers({
  db,
  marks,
  databasePath: setup.path,
  version: setup.version,
  shell: setup.shell,
  now: () => new Date(nowIso),
  control: () => control,
})
const dispatch = createDispatch(handlers, {
  log: (message, error) => console.error(message, error),
})
const send = (m: FromWorker) => port.postMessage(m)
const isExportToSave = (input: unknown): input is ExportToSave =>
  typeof input === 'object' && input !== null && 'target' in input && 'request' in input

function wireError(e: unknown): WireError {
  if (e instanceof DomainError)
    return e.fields
      ? { code: e.code, message: e.message, fields: e.fields }
      : { code: e.code, message: e.message }
  const stored = storageError(e)
  if (stored) return { code: stored.code, message: stored.message }
  console.error('[wingman] a job failed', e)
  return {
    code: 'INTERNAL',
    message: `Wingman could not finish this: ${(e as Error)?.message ?? String(e)}`,
  }
}

port.on('message', async (m: ToWorker) => {
  if (m.type !== 'run') return
  nowIso = m.nowIso
  const jobId = m.jobId
  control = throttled({
    progress: (phase, done, total) =>
      send({ type: 'progress', jobId, phase, done, total: total ?? null }),
    checkCancelled: () => {
      if (Atomics.load(cancelFlag, 0) === 1) throw cancelledError()
    },
  })
  try {
    if (m.kind === 'export:files' && isExportToSave(m.input)) {
      const { request, target } = m.input
      const today = nyDateOf(new Date(nowIso))
      send({
        type: 'done',
        jobId,
        ok: true,
        value: saveExport(db, marks, request, target, today, control),
      })
    } else if (m.kind === 'positions:refresh') {
      const today = nyDateOf(new Date(nowIso))
      send({ type: 'done', jobId, ok: true, value: refreshPositionList(db, marks, today, control) })
    } else if (m.kind === 'backups:restore') {
      const { name } = m.input as { name: string }
      send({
        type: 'done',
        jobId,
        ok: true,
        value: stageRestore(setup.path, name, new Date(nowIso), control),
      })
    } else {
      const result = await dispatch(m.kind, m.input)
      send(
        result.ok
          ? { type: 'done', jobId, ok: true, value: result.value }
          : { type: 'done', jobId, ok: false, error: result.error },
      )
    }
  } catch (e) {
    send({ type: 'done', jobId, ok: false, error: wireError(e) })
  }
})
send({ type: 'ready' })
