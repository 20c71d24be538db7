import { cpSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'

/** The migration runner reads numbered .sql files next to the bundle: copy them into out/main. */
function copyMigrations(): Plugin {
  return {
    name: 'wingman:copy-migrations',
    apply: 'build',
    closeBundle() {
      cpSync(resolve('electron/core/db/migrations'), resolve('out/main/migrations'), {
        recursive: true,
      })
    },
  }
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // better-sqlite3 is a native module: it must stay external, never bundled.
      externalizeDeps: true,
      // jobWorker: the worker threads long work runs in (electron/core/jobs/worker.ts).
      rolldownOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          jobWorker: resolve('electron/core/jobs/worker.ts'),
          // the `wingman` command (bin/wingman.mjs), each command a chunk loaded when used
          cli: resolve('electron/host/cli.ts'),
          // `wingman export`'s worker thread (a small young generation keeps its memory flat)
          exportWorker: resolve('electron/core/io/exportWorker.ts'),
        },
        // Shared code stays beside the entries (not in chunks/): modules that find their files
        // next to themselves (migrations/) must resolve the same from every entry.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
    plugins: [copyMigrations()],
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload runs as a classic script: CommonJS, everything bundled.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves bundles unminified; the page is what the app opens on, so it is
      // minified (App.tsx also splits it per page so the first paint loads only the shell).
      minify: true,
      rolldownOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
})
