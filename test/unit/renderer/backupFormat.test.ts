import { describe, expect, it } from 'vitest'
import {
  backupTitle,
  fileSize,
  restoredMessage,
} from '../../../renderer/src/settings/backupFormat.ts'
import type { BackupInfo } from '../../../shared/backups.ts'

const backup: BackupInfo = {
  name: 'wingman-2026-11-27T16-05-00Z-manual.sqlite',
  takenAt: '2026-11-27T16:05:00Z',
  kind: 'manual',
  bytes: 4_718_592,
  schemaVersion: 4,
}

describe('how Settings words backups', () => {
  it('gives sizes in the unit people read', () => {
    expect(fileSize(0)).toBe('0 bytes')
    expect(fileSize(999)).toBe('999 bytes')
    expect(fileSize(12_345)).toBe('12 kB')
    expect(fileSize(4_718_592)).toBe('4.7 MB')
    expect(fileSize(2_500_000_000)).toBe('2.50 GB')
  })

  it('names a backup by its kind and New York time', () => {
    expect(backupTitle(backup)).toBe('Backed up by you, 2026-11-27 11:05 ET')
    expect(backupTitle({ takenAt: '2026-07-01T03:30:00Z', kind: 'daily' })).toBe(
      'Daily, 2026-06-30 23:30 ET',
    )
  })

  it('says what a restore did: the backup, an upgrade, the journal kept', () => {
    expect(
      restoredMessage(backup, {
        restored: backup.name,
        keptAs: 'wingman-2026-11-27T16-10-00Z-before-restore.sqlite',
        schemaVersion: 4,
        migratedTo: null,
      }),
    ).toBe(
      'Restored the backup “Backed up by you, 2026-11-27 11:05 ET”. The journal it replaced is kept as the newest backup (“Before a restore”).',
    )
    expect(
      restoredMessage(backup, {
        restored: backup.name,
        keptAs: null,
        schemaVersion: 3,
        migratedTo: 4,
      }),
    ).toBe(
      "Restored the backup “Backed up by you, 2026-11-27 11:05 ET”. It was upgraded to this Wingman's journal format.",
    )
  })
})
