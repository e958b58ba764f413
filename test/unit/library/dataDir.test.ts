import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../electron/cli/dataDir';

describe('the CLI default data folder', () => {
  it('matches where Electron keeps userData for productName Lectern', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\t\\AppData\\Roaming' }, 'win32')).toBe(join('C:\\Users\\t\\AppData\\Roaming', 'Lectern'));
    expect(defaultDataDir({}, 'darwin')).toBe(join(homedir(), 'Library', 'Application Support', 'Lectern'));
    expect(defaultDataDir({}, 'linux')).toBe(join(homedir(), '.config', 'Lectern'));
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/srv/config' }, 'linux')).toBe('/srv/config/Lectern');
  });

  it('lets LECTERN_DATA_DIR override it', () => {
    expect(defaultDataDir({ LECTERN_DATA_DIR: '/mnt/shared/lectern' }, 'linux')).toBe('/mnt/shared/lectern');
  });
});
