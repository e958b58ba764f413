import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  artifact,
  cachedZipPath,
  describeFailure,
  failureParagraph,
  install,
  installerEnv,
  main,
  skipReason,
  skipVariable,
} from '../../../scripts/electron-binary.mjs';
import { tempDir } from '../../helpers/tempDir';

const ROOT = resolve(import.meta.dirname, '../../..');
const VERSION = '45.4.1';
const NOW = () => new Date('2026-12-02T08:00:00.000Z');

type Env = Record<string, string | undefined>;
type Result = { status: number | null; stdout: string; stderr: string };

/** A stand-in for node_modules/electron: its package.json, and no binary until an installer adds one. */
function fakeElectron() {
  const dir = tempDir('lectern-electron-pkg-');
  const electronDir = join(dir.path, 'electron');
  mkdirSync(electronDir);
  writeFileSync(join(electronDir, 'package.json'), JSON.stringify({ name: 'electron', version: VERSION }));
  return { electronDir, recordFile: join(dir.path, 'cache', 'electron-install.json'), dispose: dir.dispose };
}

/** Does what Electron's install.js does on success: the binary under dist/, its name in path.txt. */
function writesBinary(electronDir: string): Result {
  mkdirSync(join(electronDir, 'dist'), { recursive: true });
  writeFileSync(join(electronDir, 'dist', 'electron'), '');
  writeFileSync(join(electronDir, 'path.txt'), 'electron');
  return { status: 0, stdout: '', stderr: '' };
}

/** What Electron's install.js prints when the download fails, behind the diagnostics preload. */
const OFFLINE_STDERR = [
  'LECTERN_DOWNLOAD_ERROR {"url":"https://github.com/electron/electron/releases/download/v45.4.1/electron-v45.4.1-linux-x64.zip","message":"getaddrinfo ENOTFOUND github.com"}',
  'TypeError: fetch failed',
  '    at node:internal/deps/undici/undici:14902:13',
  '    at async FetchDownloader.download (file:///x/FetchDownloader.js:45:30)',
  '',
].join('\n');

function recordingInstaller(answer: (electronDir: string) => Result) {
  const calls: { installer: string; env: Env }[] = [];
  return {
    calls,
    run: (installer: string, env: Env) => {
      calls.push({ installer, env });
      return answer(resolve(installer, '..'));
    },
  };
}

const disposers: (() => void)[] = [];
afterEach(() => {
  for (const dispose of disposers.splice(0)) dispose();
});
function setup() {
  const electron = fakeElectron();
  disposers.push(electron.dispose);
  return electron;
}

describe('which settings Electron download honours', () => {
  it('ELECTRON_SKIP_BINARY_DOWNLOAD and its .npmrc form skip; empty, 0 and false do not', () => {
    expect(skipVariable({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })).toBe('ELECTRON_SKIP_BINARY_DOWNLOAD');
    expect(skipVariable({ npm_config_electron_skip_binary_download: 'true' })).toBe('npm_config_electron_skip_binary_download');
    for (const value of ['', '0', 'false', 'FALSE']) expect(skipVariable({ ELECTRON_SKIP_BINARY_DOWNLOAD: value })).toBeUndefined();
    expect(skipVariable({})).toBeUndefined();
  });

  it('passes the cache on as electron_config_cache, the only spelling Electron 45 reads', () => {
    expect(installerEnv({ ELECTRON_CACHE: '/srv/electron' })['electron_config_cache']).toBe('/srv/electron');
    expect(installerEnv({ npm_config_electron_config_cache: '/npmrc/cache' })['electron_config_cache']).toBe('/npmrc/cache');
    expect(installerEnv({ electron_config_cache: '/a', ELECTRON_CACHE: '/b' })['electron_config_cache']).toBe('/a');
    expect(installerEnv({ PATH: '/bin' })).toEqual({ PATH: '/bin' });
  });

  it('downloads from ELECTRON_MIRROR, or the .npmrc electron_mirror before it, as @electron/get does', () => {
    const official = artifact({ version: VERSION, env: {}, platform: 'linux', arch: 'x64' });
    expect(official).toEqual({
      fileName: 'electron-v45.4.1-linux-x64.zip',
      url: 'https://github.com/electron/electron/releases/download/v45.4.1/electron-v45.4.1-linux-x64.zip',
    });
    expect(artifact({ version: VERSION, env: { ELECTRON_MIRROR: 'https://mirror.school.example/electron/' }, platform: 'win32', arch: 'arm64' }).url)
      .toBe('https://mirror.school.example/electron/v45.4.1/electron-v45.4.1-win32-arm64.zip');
    expect(artifact({ version: VERSION, env: { ELECTRON_MIRROR: 'https://env/', npm_config_electron_mirror: 'https://npmrc/' }, platform: 'linux', arch: 'x64' }).url)
      .toBe('https://npmrc/v45.4.1/electron-v45.4.1-linux-x64.zip');
    expect(artifact({ version: VERSION, env: { ELECTRON_MIRROR: 'https://m/', ELECTRON_CUSTOM_DIR: '{{ version }}' }, platform: 'linux', arch: 'x64' }).url)
      .toBe('https://m/45.4.1/electron-v45.4.1-linux-x64.zip');
  });

  it('knows where the offline cache keeps the zip (checked against the real installer in electronInstaller.test.ts)', () => {
    expect(cachedZipPath({ version: VERSION, env: { ELECTRON_CACHE: '/c' }, platform: 'linux', arch: 'x64' }))
      .toMatch(/^\/c\/[0-9a-f]{64}\/electron-v45\.4\.1-linux-x64\.zip$/);
    expect(cachedZipPath({ version: VERSION, env: { HOME: '/home/t' }, platform: 'linux', arch: 'x64' })).toMatch(/^\/home\/t\/\.cache\/electron\//);
    expect(cachedZipPath({ version: VERSION, env: { HOME: '/Users/t' }, platform: 'darwin', arch: 'arm64' })).toMatch(/^\/Users\/t\/Library\/Caches\/electron\//);
    const other = cachedZipPath({ version: VERSION, env: { ELECTRON_CACHE: '/c', ELECTRON_MIRROR: 'https://m/' }, platform: 'linux', arch: 'x64' });
    expect(other).not.toBe(cachedZipPath({ version: VERSION, env: { ELECTRON_CACHE: '/c' }, platform: 'linux', arch: 'x64' }));
  });
});

describe('install (postinstall)', () => {
  it('with ELECTRON_SKIP_BINARY_DOWNLOAD=1, never runs the installer, and the smoke test says so', () => {
    const { electronDir, recordFile } = setup();
    const installer = recordingInstaller(writesBinary);
    const record = install({ electronDir, env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, recordFile, runInstaller: installer.run, now: NOW });
    expect(installer.calls).toEqual([]);
    expect(record).toEqual({ state: 'skipped', at: '2026-12-02T08:00:00.000Z', during: 'npm install', electronVersion: VERSION, variable: 'ELECTRON_SKIP_BINARY_DOWNLOAD', value: '1' });
    expect(skipReason({ electronDir, env: {}, recordFile }))
      .toBe('Electron binary not downloaded: ELECTRON_SKIP_BINARY_DOWNLOAD=1 was set at install (2026-12-02T08:00:00.000Z)');
  });

  it("runs Electron's own install.js with the cache passed on, and records success", () => {
    const { electronDir, recordFile } = setup();
    const installer = recordingInstaller(writesBinary);
    const record = install({ electronDir, env: { ELECTRON_CACHE: '/offline/electron', ELECTRON_MIRROR: 'https://m/' }, recordFile, runInstaller: installer.run, now: NOW });
    expect(installer.calls).toEqual([{ installer: join(electronDir, 'install.js'), env: expect.objectContaining({ electron_config_cache: '/offline/electron', ELECTRON_MIRROR: 'https://m/' }) }]);
    expect(record.state).toBe('installed');
    expect(JSON.parse(readFileSync(recordFile, 'utf8'))).toEqual(record);
    expect(skipReason({ electronDir, env: {}, recordFile })).toBeUndefined();
  });

  it('records a failed download with its cause and URL, not its stack, and the smoke test says so', () => {
    const { electronDir, recordFile } = setup();
    const record = install({ electronDir, env: {}, recordFile, runInstaller: () => ({ status: 1, stdout: '', stderr: OFFLINE_STDERR }), now: NOW });
    expect(record).toEqual({
      state: 'failed',
      at: '2026-12-02T08:00:00.000Z',
      during: 'npm install',
      electronVersion: VERSION,
      error: 'getaddrinfo ENOTFOUND github.com',
      url: 'https://github.com/electron/electron/releases/download/v45.4.1/electron-v45.4.1-linux-x64.zip',
    });
    expect(skipReason({ electronDir, env: {}, recordFile })).toBe(
      'Electron binary download failed at install (2026-12-02T08:00:00.000Z): getaddrinfo ENOTFOUND github.com (https://github.com/electron/electron/releases/download/v45.4.1/electron-v45.4.1-linux-x64.zip)',
    );
  });

  it('calls an installer that exits 0 without a binary a failure', () => {
    const { electronDir, recordFile } = setup();
    const record = install({ electronDir, env: {}, recordFile, runInstaller: () => ({ status: 0, stdout: '', stderr: '' }), now: NOW });
    expect(record).toMatchObject({ state: 'failed', error: expect.stringContaining('path.txt does not exist') });
  });
});

describe('the smoke test skip reason with no install record', () => {
  it('says the install step never ran when path.txt is absent', () => {
    const { electronDir, recordFile } = setup();
    expect(skipReason({ electronDir, env: {}, recordFile })).toMatch(/path\.txt is absent and Lectern's install step has not run/);
  });

  it('names the missing file when path.txt points at nothing', () => {
    const { electronDir, recordFile } = setup();
    writeFileSync(join(electronDir, 'path.txt'), 'electron');
    expect(skipReason({ electronDir, env: {}, recordFile })).toBe(`Electron binary not installed: path.txt names ${join(electronDir, 'dist', 'electron')}, which does not exist`);
  });

  it('ignores a record made for another Electron version', () => {
    const { electronDir, recordFile } = setup();
    mkdirSync(resolve(recordFile, '..'), { recursive: true });
    writeFileSync(recordFile, JSON.stringify({ state: 'skipped', at: 'x', electronVersion: '44.0.0', variable: 'ELECTRON_SKIP_BINARY_DOWNLOAD', value: '1' }));
    expect(skipReason({ electronDir, env: {}, recordFile })).toMatch(/install step has not run/);
  });

  it('reports a wrong ELECTRON_OVERRIDE_DIST_PATH before anything else', () => {
    const { electronDir, recordFile } = setup();
    expect(skipReason({ electronDir, env: { ELECTRON_OVERRIDE_DIST_PATH: '/nowhere' }, recordFile })).toBe('ELECTRON_OVERRIDE_DIST_PATH is set but /nowhere/electron does not exist');
  });
});

describe('the failure paragraph', () => {
  const record = { state: 'failed' as const, at: 'x', during: 'npm install', electronVersion: VERSION, error: 'getaddrinfo ENOTFOUND github.com', url: undefined };

  it('is one paragraph that says what failed and each way on, with no stack trace', () => {
    const text = failureParagraph({ record, env: { ELECTRON_CACHE: '/c' }, forCommand: undefined, platform: 'linux', arch: 'x64' });
    expect(text).not.toMatch(/\n/);
    expect(text).not.toMatch(/\bat .*:\d+:\d+/);
    expect(text).toMatch(/^Electron 45\.4\.1's binary could not be downloaded \(getaddrinfo ENOTFOUND github\.com, fetching https:\/\/github\.com\/electron\/electron\/releases\/download\/v45\.4\.1\/electron-v45\.4\.1-linux-x64\.zip\)\./);
    expect(text).toContain('`npm test` runs without it');
    expect(text).toContain('set ELECTRON_MIRROR to a reachable mirror');
    expect(text).toContain(`copy electron-v45.4.1-linux-x64.zip from a machine that has downloaded it into ${resolve(cachedZipPath({ version: VERSION, env: { ELECTRON_CACHE: '/c' }, platform: 'linux', arch: 'x64' }), '..')}`);
    expect(text).toContain('ELECTRON_CACHE');
    expect(text).toContain('set ELECTRON_SKIP_BINARY_DOWNLOAD=1');
  });

  it('with a mirror set, asks whether that mirror is reachable instead of suggesting one', () => {
    const text = failureParagraph({ record, env: { ELECTRON_MIRROR: 'https://m.example/' }, forCommand: 'npm run dev', platform: 'linux', arch: 'x64' });
    expect(text).toContain('check that the mirror in ELECTRON_MIRROR is reachable');
    expect(text).toContain('`npm run dev` needs it, so it stops here.');
    expect(text).toContain('fetching https://m.example/v45.4.1/');
  });

  it("keeps the installer's first error line when there is no fetch report", () => {
    expect(describeFailure({ status: 1, stdout: '', stderr: 'Error: Generated checksum for "electron-v45.4.1-linux-x64.zip" did not match expected checksum.\n    at validate (x.js:1:1)\n' }))
      .toEqual({ error: 'Generated checksum for "electron-v45.4.1-linux-x64.zip" did not match expected checksum.', url: undefined });
    expect(describeFailure({ status: null, stdout: '', stderr: '' })).toEqual({ error: "Electron's installer exited with a signal and said nothing", url: undefined });
  });
});

describe('the command line', () => {
  function run(argv: string[], env: Env, runInstaller: (installer: string, env: Env) => Result) {
    const out: string[] = [];
    const err: string[] = [];
    const code = main(argv, { env, log: (line) => out.push(line), warn: (line) => err.push(line), runInstaller });
    return { code, out, err };
  }

  it('install: a failed download warns with the paragraph and still lets npm install succeed', () => {
    const { electronDir, recordFile } = setup();
    const result = run(['install', '--electron-dir', electronDir, '--record', recordFile], {}, () => ({ status: 1, stdout: '', stderr: OFFLINE_STDERR }));
    expect(result.code).toBe(0);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toMatch(/^Electron 45\.4\.1's binary could not be downloaded \(getaddrinfo ENOTFOUND github\.com/);
  });

  it('install: with ELECTRON_SKIP_BINARY_DOWNLOAD=1 says one line and succeeds', () => {
    const { electronDir, recordFile } = setup();
    const installer = recordingInstaller(writesBinary);
    const result = run(['install', '--electron-dir', electronDir, '--record', recordFile], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, installer.run);
    expect(result).toEqual({ code: 0, out: [expect.stringContaining('was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD is set)')], err: [] });
    expect(installer.calls).toEqual([]);
  });

  it('ensure (before npm run dev): downloads when missing, and then dev can start', () => {
    const { electronDir, recordFile } = setup();
    const installer = recordingInstaller(writesBinary);
    const result = run(['ensure', '--electron-dir', electronDir, '--record', recordFile], { npm_lifecycle_event: 'predev' }, installer.run);
    expect(result.code).toBe(0);
    expect(installer.calls).toHaveLength(1);
    expect(run(['ensure', '--electron-dir', electronDir, '--record', recordFile], {}, installer.run)).toEqual({ code: 0, out: [], err: [] });
    expect(installer.calls).toHaveLength(1);
  });

  it('ensure: a failed download stops npm run dev with the paragraph', () => {
    const { electronDir, recordFile } = setup();
    const result = run(['ensure', '--electron-dir', electronDir, '--record', recordFile], { npm_lifecycle_event: 'predev' }, () => ({ status: 1, stdout: '', stderr: OFFLINE_STDERR }));
    expect(result.code).toBe(1);
    expect(result.err).toEqual([expect.stringContaining('`npm run dev` needs it, so it stops here.')]);
    expect(skipReason({ electronDir, env: {}, recordFile })).toMatch(/^Electron binary download failed during `npm run dev` \(/);
  });

  it('ensure: with ELECTRON_SKIP_BINARY_DOWNLOAD set, stops npm start without trying to download', () => {
    const { electronDir, recordFile } = setup();
    const installer = recordingInstaller(writesBinary);
    const result = run(['ensure', '--electron-dir', electronDir, '--record', recordFile], { npm_lifecycle_event: 'prestart', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, installer.run);
    expect(result.code).toBe(1);
    expect(installer.calls).toEqual([]);
    expect(result.err).toEqual([expect.stringMatching(/^`npm start` needs Electron 45\.4\.1's binary, which is not installed, and ELECTRON_SKIP_BINARY_DOWNLOAD is set here/)]);
  });

  it('without the electron package (npm install --omit=dev), install succeeds and ensure explains', () => {
    const project = tempDir('lectern-no-electron-');
    disposers.push(project.dispose);
    cpSync(join(ROOT, 'scripts'), join(project.path, 'scripts'), { recursive: true });
    writeFileSync(join(project.path, 'package.json'), JSON.stringify({ name: 'lectern', version: '0.0.0', type: 'module' }));
    const script = join(project.path, 'scripts', 'electron-binary.mjs');
    const installed = spawnSync(process.execPath, [script, 'install'], { encoding: 'utf8' });
    expect({ status: installed.status, stderr: installed.stderr }).toEqual({ status: 0, stderr: '' });
    expect(installed.stdout).toMatch(/^The electron package is not installed \(were devDependencies omitted\?\)/);
    const ensured = spawnSync(process.execPath, [script, 'ensure'], { encoding: 'utf8' });
    expect(ensured.status).toBe(1);
    expect(ensured.stderr).toMatch(/Run `npm install` first\.\n$/);
  });

  it('is wired into npm install, npm run dev and npm start', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['postinstall']).toBe('node scripts/electron-binary.mjs install');
    expect(scripts['predev']).toMatch(/&& node scripts\/electron-binary\.mjs ensure$/);
    expect(scripts['prestart']).toMatch(/&& node scripts\/electron-binary\.mjs ensure$/);
  });
});
