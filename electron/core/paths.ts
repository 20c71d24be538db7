import { homedir } from 'node:os'
import { join } from 'node:path'

/** The environment variable that points Wingman (app, browser host, CLI) at another journal file. */
export const DB_ENV_VAR = 'WINGMAN_DB'
export const DB_FILE_NAME = 'wingman.sqlite'

/**
 * The per-user data folder, the same one Electron's `app.getPath('userData')` gives for an app
 * named "Wingman": ~/.config/Wingman on Linux ($XDG_CONFIG_HOME respected),
 * ~/Library/Application Support/Wingman on macOS, %APPDATA%\Wingman on Windows.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Wingman')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Wingman')
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'Wingman')
}

/** The journal path: $WINGMAN_DB when set, else wingman.sqlite in the data folder. */
export function resolveDatabasePath(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env[DB_ENV_VAR] || join(dataDir, DB_FILE_NAME)
}
