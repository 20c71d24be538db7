/**
 * The job worker script when Wingman runs from its TypeScript sources (`wingman serve`, tests):
 * Node strips the types of the worker as it does for the CLI. The desktop app's bundle passes
 * its own built script instead (out/main/jobWorker.js; electron/main/index.ts).
 */
export const SOURCE_WORKER_URL = new URL('./worker.ts', import.meta.url)
