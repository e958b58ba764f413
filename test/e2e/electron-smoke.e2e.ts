import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { binaryStatus, defaultElectronDir, defaultRecordFile, skipReason as electronSkipReason } from '../../scripts/electron-binary.mjs';
import { tempDir } from '../helpers/tempDir';

const ROOT = resolve(import.meta.dirname, '../..');
const BUILT_MAIN = join(ROOT, 'out/main/index.js');
const BUILT_PRELOAD = join(ROOT, 'out/preload/index.cjs');

/**
 * Where the `electron` package finds its binary, worked out by the script that installs it
 * (scripts/electron-binary.mjs) rather than by `require('electron')`, which downloads a missing
 * binary. When there is none, the reason is what happened at install, as that script recorded it.
 */
function electronBinary(): { path: string } | { missing: string } {
  const electronDir = defaultElectronDir();
  const status = binaryStatus({ electronDir, env: process.env });
  if (status.installed) return { path: status.path };
  return { missing: electronSkipReason({ electronDir, env: process.env, recordFile: defaultRecordFile() }) ?? 'Electron binary not installed' };
}

function skipReason(): string | undefined {
  const binary = electronBinary();
  if ('missing' in binary) return binary.missing;
  if (!existsSync(BUILT_MAIN) || !existsSync(BUILT_PRELOAD)) return 'the app is not built (run `npm run build` to create out/main/index.js and out/preload/index.cjs)';
  return undefined;
}

const reason = skipReason();
if (reason) {
  console.warn(`[electron-smoke] skipped: ${reason}`);
  it.skip(`launches Lectern in a real Electron (skipped: ${reason})`, () => {});
} else {
  describe('the built app, in a real Electron', smokeTests);
}

function smokeTests(): void {
  let app: ElectronApplication | undefined;
  const data = tempDir('lectern-electron-');

  afterAll(async () => {
    await app?.close();
    data.dispose();
  });

  it('opens a titled window whose page has window.lectern but no Node', async () => {
    const binary = electronBinary();
    if (!('path' in binary)) throw new Error('unreachable: skipped when the binary is missing');
    app = await _electron.launch({
      executablePath: binary.path,
      // --user-data-dir keeps the smoke test's library out of the developer's real one.
      args: [BUILT_MAIN, `--user-data-dir=${data.path}`],
      env: { ...process.env, ELECTRON_RENDERER_URL: '' },
      timeout: 60_000,
    });
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    expect(await page.title()).toBe('Lectern');
    expect(page.url()).toMatch(/^app:\/\/lectern\//);
    const globals = await page.evaluate(() => {
      const scope = globalThis as Record<string, unknown>;
      const lectern = scope['lectern'] as Record<string, unknown> | undefined;
      return {
        lectern: typeof lectern,
        events: typeof (lectern?.['events'] as Record<string, unknown> | undefined)?.['on'],
        require: typeof scope['require'],
        process: typeof scope['process'],
        module: typeof scope['module'],
      };
    });
    expect(globals).toEqual({ lectern: 'object', events: 'function', require: 'undefined', process: 'undefined', module: 'undefined' });
  });
}
