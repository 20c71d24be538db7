import fc from 'fast-check'

/**
 * Property tests draw a new random seed on every local run (a failure prints its seed and path
 * for replay). CI runs them with a fixed seed so a submission's result does not depend on the
 * draw; FC_SEED overrides the seed anywhere, e.g. to replay a failure.
 */
const seed = process.env.FC_SEED ?? (process.env.CI ? '20261124' : undefined)
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) })
