import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the desktop app keeps its library: Electron's `app.getPath('userData')` for productName
 * "Lectern", worked out without Electron so the CLI can run on a server or over SSH.
 *   Windows  %APPDATA%\Lectern
 *   macOS    ~/Library/Application Support/Lectern
 *   Linux    $XDG_CONFIG_HOME/Lectern, else ~/.config/Lectern
 * LECTERN_DATA_DIR overrides it, and --data-dir overrides both.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.LECTERN_DATA_DIR) return env.LECTERN_DATA_DIR;
  const home = homedir();
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Lectern');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Lectern');
    default:
      return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'Lectern');
  }
}
