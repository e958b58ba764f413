import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/app';
import { acquireLibraryLock, currentLockHolder, LOCK_FILE, type LockEnvironment, type LockInfo } from '../../../electron/core/db/lock';
import { tempDir } from '../../helpers/tempDir';
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

/**
 * The rules for judging a lock, played out with a made-up machine (pid reuse, reboots, a renamed
 * machine, another machine on a shared folder) through the lock's own environment seam.
 */
describe('judging a lock left by a crash', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.dispose());

  const T0 = Date.UTC(2026, 8, 1, 8, 0, 0);
  const MIN = 60_000;
  /** A machine booted at T0 and now an hour later, where pid 4242 runs a process started at `started`. */
  const machine = (over: Partial<LockEnvironment> = {}): LockEnvironment => ({
    now: () => T0 + 60 * MIN,
    bootTime: () => T0,
    hostname: () => 'classroom-7',
    machineId: () => 'machine-a',
    pid: 999_001,
    isAlive: (pid) => pid === 4242,
    processStartTicks: () => null,
    processStartedAt: (pid) => (pid === 4242 ? T0 + 10 * MIN : null),
    processExecutable: (pid) => (pid === 4242 ? 'Lectern.exe' : null),
    executable: 'Lectern.exe',
    ...over,
  });
  const writeLock = (info: Partial<LockInfo>) =>
    writeFileSync(
      join(dir.path, LOCK_FILE),
      JSON.stringify({
        pid: 4242,
        startedAt: T0 + 20 * MIN,
        processStart: null,
        bootTime: T0,
        machineId: 'machine-a',
        hostname: 'classroom-7',
        executable: 'Lectern.exe',
        holder: 'app',
        ...info,
      }),
    );
  const take = (env: LockEnvironment) => {
    const lock = acquireLibraryLock(dir.path, 'app', env);
    expect(JSON.parse(readFileSync(join(dir.path, LOCK_FILE), 'utf8'))).toMatchObject({ pid: env.pid, bootTime: env.bootTime() });
    lock.release();
  };
  const refused = (env: LockEnvironment) => {
    expect(() => acquireLibraryLock(dir.path, 'app', env)).toThrow(expect.objectContaining({ code: 'LIBRARY_IN_USE' }));
    expect(currentLockHolder(dir.path, env)).toMatchObject({ pid: 4242 });
  };

  it('respects a lock whose process is still the one that took it', () => {
    // Process 4242 started at T0+10 min and took the lock at T0+20 min.
    writeLock({});
    refused(machine());
  });

  it('takes over a lock whose pid now belongs to a process started after the lock was written (Windows and macOS pid reuse)', () => {
    // Lectern crashed; pid 4242 was handed to another program that started at T0+40 min.
    writeLock({});
    take(machine({ processStartedAt: (pid) => (pid === 4242 ? T0 + 40 * MIN : null) }));
  });

  it('takes over a lock whose pid now runs another program when no start time can be read (PowerShell refused by policy)', () => {
    writeLock({});
    const noStartTime = { processStartedAt: () => null };
    refused(machine(noStartTime));
    take(machine({ ...noStartTime, processExecutable: (pid) => (pid === 4242 ? 'OneDrive.exe' : null) }));
  });

  it('takes over a lock whose Linux start ticks differ, and keeps one whose ticks match in the same boot', () => {
    writeLock({ processStart: '1234' });
    refused(machine({ processStartTicks: (pid) => (pid === 4242 ? '1234' : null), processStartedAt: () => null }));
    take(machine({ processStartTicks: (pid) => (pid === 4242 ? '5678' : null), processStartedAt: () => null }));
  });

  it('takes over a lock older than the last boot when no start time can be compared', () => {
    // Taken yesterday, the machine has restarted since, and pid 4242 is alive again (reused).
    writeLock({ startedAt: T0 - 24 * 60 * MIN, bootTime: T0 - 25 * 60 * MIN });
    take(machine({ processStartedAt: () => null }));
    // Taken in this boot by a live pid with nothing to compare: respected.
    writeLock({ startedAt: T0 + 20 * MIN });
    refused(machine({ processStartedAt: () => null }));
  });

  it('judges a lock from this machine under its old name as its own (macOS renames itself on a new network)', () => {
    writeLock({ hostname: 'Teachers-MacBook.local' });
    const renamed = machine({ hostname: () => 'Teachers-MacBook-2.local' });
    // The holder is alive and its process unchanged: still respected, rename or not.
    refused(renamed);
    // Once it has died (or its pid was reused) the lock is taken over, not respected forever.
    take(machine({ hostname: () => 'Teachers-MacBook-2.local', isAlive: () => false }));
    writeLock({ hostname: 'Teachers-MacBook.local', startedAt: T0 - 3 * 60 * MIN, bootTime: T0 - 4 * 60 * MIN });
    take(renamed);
  });

  it('respects a lock from another machine on a shared folder, whatever its pid does here', () => {
    writeLock({ hostname: 'staffroom-pc', machineId: 'machine-b', startedAt: T0 - 24 * 60 * MIN, bootTime: T0 - 25 * 60 * MIN });
    expect(() => acquireLibraryLock(dir.path, 'app', machine({ isAlive: () => false }))).toThrow(/process 4242 on staffroom-pc/);
    // A lock from an older Lectern names no machine id: a host name alone never proves it is ours.
    writeLock({ hostname: 'staffroom-pc', machineId: undefined, bootTime: undefined });
    expect(() => acquireLibraryLock(dir.path, 'app', machine({ isAlive: () => false }))).toThrow(/on staffroom-pc/);
  });

  it('records what the next start needs to judge it, from the real machine', () => {
    const lock = acquireLibraryLock(dir.path, 'app');
    try {
      const info = JSON.parse(readFileSync(join(dir.path, LOCK_FILE), 'utf8')) as LockInfo;
      expect(info.bootTime).toBeLessThan(Date.now());
      expect(info.bootTime).toBeGreaterThan(0);
      expect(typeof info.machineId === 'string' || info.machineId === null).toBe(true);
      if (process.platform === 'linux') expect(info.processStart).toMatch(/^\d+$/);
      expect(info.executable).toBe(basename(process.execPath));
      // Judged by the real machine: this very process holds it.
      expect(currentLockHolder(dir.path)).toMatchObject({ pid: process.pid });
    } finally {
      lock.release();
    }
  });
});
