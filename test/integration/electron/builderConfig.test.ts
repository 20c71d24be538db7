import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../helpers/serve.ts'

/**
 * electron-builder.yml as electron-builder 26 itself reads it. Packaging cannot run here (it
 * downloads Electron), so the two steps that decide the shipped binary's fuses are run alone:
 * electron-builder's loader and schema check, and the fuse wiring it hands to @electron/fuses.
 */
const require = createRequire(import.meta.url)
type Config = Record<string, unknown> & { electronFuses?: Record<string, boolean> }
const { getConfig, validateConfiguration } =
  require('app-builder-lib/out/util/config/config.js') as {
    getConfig: (projectDir: string, configPath: null, options: null) => Promise<Config>
    validateConfiguration: (config: Config, logger: { isEnabled: boolean }) => Promise<void>
  }
const { PlatformPackager } = require('app-builder-lib') as {
  PlatformPackager: {
    prototype: { generateFuseConfig: (fuses: Record<string, boolean>) => Promise<object> }
  }
}
const { FuseV1Options, FuseVersion } = require('@electron/fuses') as {
  FuseV1Options: Record<string, number>
  FuseVersion: Record<string, string>
}

describe('electron-builder.yml', () => {
  it("passes electron-builder 26's own schema check", async () => {
    const config = await getConfig(REPO_ROOT, null, null)
    await expect(validateConfiguration(config, { isEnabled: false })).resolves.toBeUndefined()
    // The check is real: a misspelt fuse is refused.
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } }
    await expect(validateConfiguration(misspelt, { isEnabled: false })).rejects.toThrow(
      /Invalid configuration object/,
    )
  })

  it('flips the fuses issue 15 asks for, and only those', async () => {
    const config = await getConfig(REPO_ROOT, null, null)
    const wire = await PlatformPackager.prototype.generateFuseConfig.call(
      {},
      config.electronFuses ?? {},
    )
    expect(wire).toEqual({
      version: FuseVersion.V1,
      resetAdHocDarwinSignature: undefined,
      [FuseV1Options.RunAsNode!]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable!]: false,
      [FuseV1Options.EnableNodeCliInspectArguments!]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation!]: true,
      [FuseV1Options.OnlyLoadAppFromAsar!]: true,
    })
  })

  it('packs the app into an asar archive, which the asar fuses rely on', async () => {
    const config = await getConfig(REPO_ROOT, null, null)
    expect(config.asar ?? true).toBe(true)
    expect(config.asarUnpack).toEqual(['**/*.node'])
  })
})
