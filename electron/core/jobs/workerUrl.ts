/**
 * The job worker script. From the TypeScript sources (`wingman` run from source, tests) it is
 * worker.ts beside this file, whose types Node strips as it does for the CLI; in a build (the
 * desktop app's out/main, where every chunk sits beside the entries) it is the jobWorker entry.
 */
export const JOB_WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('./worker.ts', import.meta.url)
  : new URL('./jobWorker.js', import.meta.url)
