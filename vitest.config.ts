import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // e2e drives a real Chromium and a real server process: give it room, and run files one at a
    // time on this 2-core machine so timings stay sane.
    testTimeout: 30_000,
    // expect.poll waits up to 5 s (default 1 s): on this loaded 2-core machine a page may take
    // longer to settle; a wait ceiling, never a speed assertion.
    expect: { poll: { timeout: 5_000 } },
    hookTimeout: 60_000,
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ['default'],
  },
})
