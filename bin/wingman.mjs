#!/usr/bin/env node
// The `wingman` command. It runs the TypeScript sources directly with Node's type stripping,
// which needs Node 22.18+ (the project pins Node 24 through its `node` devDependency).
const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `wingman: needs Node 24 (found ${process.version}); run it through npm (npx wingman, npm run) so the pinned Node is used\n`,
  )
  process.exit(1)
}
const { main } = await import('../electron/host/cli.ts')
await main()
