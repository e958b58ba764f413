import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/app';
import { LOCK_FILE } from '../../../electron/core/db/lock';
import { doc, openTestLibrary, type TestLibrary } from './fixture';

/** A pid that certainly belongs to no running process: one that has just exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('the library lock', () => {
  let lib: TestLibrary;
  beforeEach(() => {
    lib = openTestLibrary();
  });
  afterEach(() => lib.dispose());

  const open = (extra: Record<string, unknown> = {}) =>
    createCore({ dataDir: lib.dir.path, host: 'web-harness', version: 'test', library: { background: false }, ...extra });
  const lockFile = () => join(lib.dir.path, LOCK_FILE);

  it('refuses a second writer while the library is open, and lets readers in', async () => {
    const { id } = await lib.call('documents.create', { title: 'Open', kind: 'note', content: doc('held') });
    const held = JSON.parse(readFileSync(lockFile(), 'utf8')) as { pid: number; holder: string };
    expect(held).toMatchObject({ pid: process.pid, holder: 'app' });

    let error: unknown;
    try {
      open({ lockHolder: 'cli' });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'LIBRARY_IN_USE' });
    expect((error as Error).message).toMatch(new RegExp(`Lectern \\(process ${process.pid}\\)`));

    const reader = open({ readOnly: true });
    try {
      expect(reader.documents.get(id).content).toEqual(doc('held'));
      expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid, holder: 'app' });
    } finally {
      reader.close();
    }
  });

  it('releases the lock on close and when opening fails', () => {
    lib.core.close();
    expect(existsSync(lockFile())).toBe(false);
    const again = open();
    again.close();
    expect(existsSync(lockFile())).toBe(false);
    lib.core = open();
  });

  it('takes over a lock left by a process that died', () => {
    lib.core.close();
    writeFileSync(lockFile(), JSON.stringify({ pid: deadPid(), startedAt: 1, processStart: null, hostname: hostname(), holder: 'app' }));
    lib.core = open();
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it.runIf(process.platform === 'linux')('takes over a lock whose pid now belongs to another process', () => {
    lib.core.close();
    writeFileSync(lockFile(), JSON.stringify({ pid: process.pid, startedAt: 1, processStart: '1', hostname: hostname(), holder: 'app' }));
    lib.core = open();
    expect(JSON.parse(readFileSync(lockFile(), 'utf8')).processStart).not.toBe('1');
  });

  it('respects a lock it cannot judge: another computer, or one being written right now', () => {
    lib.core.close();
    writeFileSync(lockFile(), JSON.stringify({ pid: deadPid(), startedAt: 1, processStart: null, hostname: 'staffroom-pc', holder: 'app' }));
    expect(() => open()).toThrow(/process \d+ on staffroom-pc/);

    writeFileSync(lockFile(), '');
    expect(() => open()).toThrow(/another program/);
    // Half-written and old: its writer crashed.
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockFile(), old, old);
    lib.core = open();
  });
});
