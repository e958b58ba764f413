import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedZipPath, defaultElectronDir, electronVersion, readRecord, skipReason } from '../../../scripts/electron-binary.mjs';
import { tempDir } from '../../helpers/tempDir';
import { storedZip } from './storedZip';

/*
 * Electron's real installer (node_modules/electron/install.js with the real @electron/get), run
 * through scripts/electron-binary.mjs against a mirror on loopback: proves that ELECTRON_MIRROR
 * and ELECTRON_CACHE are honoured, that a cached zip installs offline, and what a failed download
 * prints. The installer is copied beside a stand-in zip so the real node_modules/electron is never
 * written; its checksums.json is rewritten for that zip, as Electron's own pins the real one.
 */

const ROOT = resolve(import.meta.dirname, '../../..');
const SCRIPT = join(ROOT, 'scripts/electron-binary.mjs');
const realElectron = defaultElectronDir();
const VERSION = electronVersion(realElectron);
const PLATFORM_PATH = process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : process.platform === 'win32' ? 'electron.exe' : 'electron';
const FILE_NAME = `electron-v${VERSION}-${process.platform}-${process.arch}.zip`;
const ZIP = storedZip({ [PLATFORM_PATH]: '#!/bin/sh\necho stand-in\n', version: VERSION });

/** A package folder as Node resolves it from node_modules/electron: nested first, then hoisted. */
function packageDir(name: string): string {
  for (const candidate of [join(realElectron, 'node_modules', name), join(ROOT, 'node_modules', name)]) {
    if (existsSync(join(candidate, 'package.json'))) return candidate;
  }
  throw new Error(`${name} is not installed beside electron`);
}

const work = tempDir('lectern-electron-install-');
const electronDir = join(work.path, 'node_modules', 'electron');
const recordFile = join(work.path, 'record.json');
const cache = join(work.path, 'cache');
const home = join(work.path, 'home');

let server: Server;
let mirrorUrl = '';
const requests: string[] = [];

beforeAll(async () => {
  mkdirSync(electronDir, { recursive: true });
  mkdirSync(home);
  for (const file of ['install.js', 'package.json', 'index.js']) copyFileSync(join(realElectron, file), join(electronDir, file));
  writeFileSync(join(electronDir, 'checksums.json'), JSON.stringify({ [FILE_NAME]: createHash('sha256').update(ZIP).digest('hex') }));
  for (const name of ['@electron/get', '@electron-internal/extract-zip']) {
    mkdirSync(dirname(join(work.path, 'node_modules', name)), { recursive: true });
    symlinkSync(packageDir(name), join(work.path, 'node_modules', name), process.platform === 'win32' ? 'junction' : 'dir');
  }
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    if (request.url === `/v${VERSION}/${FILE_NAME}`) {
      response.writeHead(200, { 'content-type': 'application/zip', 'content-length': ZIP.length });
      response.end(ZIP);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  mirrorUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  if (server.listening) await new Promise((done) => server.close(done));
  work.dispose();
});

/** The command line as npm runs it, in a child process so that this process can serve the mirror. */
function cli(command: 'install' | 'ensure', env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [SCRIPT, command, '--electron-dir', electronDir, '--record', recordFile], {
      // A clean environment: nothing from the developer's shell or .npmrc (no real mirror, cache or skip).
      env: { PATH: process.env['PATH'] ?? '', HOME: home, ELECTRON_GET_NO_PROGRESS: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

function removeBinary(): void {
  rmSync(join(electronDir, 'dist'), { recursive: true, force: true });
  rmSync(join(electronDir, 'path.txt'), { force: true });
}

describe("Electron's own installer, run by scripts/electron-binary.mjs", () => {
  it('downloads from ELECTRON_MIRROR into ELECTRON_CACHE and installs the binary where electron-vite looks', async () => {
    const env = { ELECTRON_MIRROR: mirrorUrl, ELECTRON_CACHE: cache };
    const result = await cli('install', env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(requests).toEqual([`/v${VERSION}/${FILE_NAME}`]);
    expect(readFileSync(join(electronDir, 'path.txt'), 'utf8')).toBe(PLATFORM_PATH);
    expect(existsSync(join(electronDir, 'dist', PLATFORM_PATH))).toBe(true);
    expect(readRecord(recordFile, VERSION)?.state).toBe('installed');
    expect(skipReason({ electronDir, env: {}, recordFile })).toBeUndefined();
    // The zip sits exactly where the failure paragraph tells people to put one, and not in $HOME.
    expect(existsSync(cachedZipPath({ version: VERSION, env }))).toBe(true);
    expect(readdirSync(home)).toEqual([]);
  });

  it('installs from that cache with the mirror gone (the offline route)', async () => {
    removeBinary();
    const port = new URL(mirrorUrl).port;
    await new Promise((done) => server.close(done));
    const result = await cli('ensure', { ELECTRON_MIRROR: mirrorUrl, ELECTRON_CACHE: cache, npm_lifecycle_event: 'predev' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Installing Electron ${VERSION}'s binary, from the Electron cache or else about 100 MB from 127.0.0.1:${port}`);
    expect(requests).toHaveLength(1);
    expect(existsSync(join(electronDir, 'dist', PLATFORM_PATH))).toBe(true);

    // A later `npm install` finds the binary in place and fetches nothing, even with no cache.
    const again = await cli('install', { ELECTRON_MIRROR: mirrorUrl, ELECTRON_CACHE: join(work.path, 'no-cache') });
    expect(again).toEqual({ code: 0, stdout: `Electron ${VERSION}'s binary is installed.\n`, stderr: '' });
  });

  it('with no mirror reachable and nothing cached: install warns with one paragraph and succeeds; dev stops with it', async () => {
    removeBinary();
    const env = { ELECTRON_MIRROR: mirrorUrl, ELECTRON_CACHE: join(work.path, 'empty-cache') };

    const installed = await cli('install', env);
    expect(installed.code).toBe(0);
    const paragraph = installed.stderr.trimEnd();
    expect(paragraph.split('\n')).toHaveLength(1);
    expect(paragraph).toMatch(new RegExp(`^Electron ${VERSION.replace(/\./g, '\\.')}'s binary could not be downloaded \\(connect ECONNREFUSED 127\\.0\\.0\\.1:`));
    expect(paragraph).toContain(`fetching ${mirrorUrl}v${VERSION}/${FILE_NAME}`);
    expect(paragraph).toContain('check that the mirror in ELECTRON_MIRROR is reachable');
    expect(paragraph).toContain(dirname(cachedZipPath({ version: VERSION, env })));
    expect(paragraph).not.toMatch(/TypeError|\n\s+at /);
    expect(skipReason({ electronDir, env: {}, recordFile })).toMatch(/^Electron binary download failed at install \(.*\): connect ECONNREFUSED /);

    const dev = await cli('ensure', { ...env, npm_lifecycle_event: 'predev' });
    expect(dev.code).toBe(1);
    expect(dev.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(dev.stderr).toContain('`npm run dev` needs it, so it stops here.');
  });

  it('with ELECTRON_SKIP_BINARY_DOWNLOAD=1 (as CI sets it), install succeeds without running the installer', async () => {
    removeBinary();
    const result = await cli('install', { ELECTRON_SKIP_BINARY_DOWNLOAD: '1', ELECTRON_MIRROR: 'http://127.0.0.1:9/' });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(existsSync(join(electronDir, 'path.txt'))).toBe(false);
    expect(skipReason({ electronDir, env: {}, recordFile })).toMatch(/^Electron binary not downloaded: ELECTRON_SKIP_BINARY_DOWNLOAD=1 was set at install/);
  });
});
