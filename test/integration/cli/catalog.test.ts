import { describe, expect, it } from 'vitest'
import { COMMANDS } from '../../../electron/host/commands/catalog.ts'

describe('wingman command catalog', () => {
  it("says each command's summary as its module does, and loads every command", async () => {
    for (const [name, entry] of Object.entries(COMMANDS)) {
      const command = await entry.load()
      expect({ name, summary: command.summary }).toEqual({ name, summary: entry.summary })
      expect(command.usage).toMatch(new RegExp(`^wingman ${name}\\b`))
    }
  })
})
