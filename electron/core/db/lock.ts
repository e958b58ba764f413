import { closeSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../errors';

export const LOCK_FILE = 'library.lock';

/** What a lock file records about the process that holds the library open for writing. */
export interface LockInfo {
  pid: number;
  /** Epoch ms when the holder took the lock. */
  startedAt: number;
  /** The kernel's start time of the holder (Linux), so a reused pid is not mistaken for it. */
  processStart: string | null;
  hostname: string;
  /** Who holds it, for the message: 'app', 'cli', 'harness', ... */
  holder: string;
}

export interface LibraryLock {
  readonly file: string;
  readonly info: LockInfo;
  release(): void;
}

/**
 * Takes the library's write lock, a file created with O_EXCL in the data folder. SQLite's own
 * locks keep two writers from interleaving pages, but not an app and a tool from replacing,
 * restoring or importing under each other's feet, so every writer takes this lock first and
 * readers (which are safe under WAL) do not.
 *
 * A lock whose process is gone (crash, power cut) is stale and is taken over: it is renamed away
 * atomically and checked to be the one we judged stale, so two processes racing for a stale lock
 * cannot both win.
 */
export function acquireLibraryLock(dataDir: string, holder: string, now = Date.now()): LibraryLock {
  const file = join(dataDir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, startedAt: now, processStart: processStartOf(process.pid), hostname: hostname(), holder };
  const body = JSON.stringify(info);
  for (let attempt = 0; attempt < 5; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new AppError('STORAGE', `The library lock ${file} could not be created: ${(error as Error).message}`);
      }
      const seen = readLock(file);
      if (seen === 'gone') continue;
      if (!isStale(seen, file)) throw inUse(file, seen);
      takeOverStale(file, seen);
      continue;
    }
    try {
      writeSync(fd, body);
    } finally {
      closeSync(fd);
    }
    return {
      file,
      info,
      release() {
        // Never remove a lock that is no longer ours (taken over after we were judged stale).
        const current = readLock(file);
        if (current !== 'gone' && current.raw === body) unlinkSync(file);
      },
    };
  }
  throw new AppError('LIBRARY_IN_USE', `The library in ${dataDir} is being opened by another program. Try again in a moment.`);
}

/** The current holder, or undefined when nobody (alive) holds the library. */
export function currentLockHolder(dataDir: string): LockInfo | undefined {
  const file = join(dataDir, LOCK_FILE);
  const seen = readLock(file);
  if (seen === 'gone' || isStale(seen, file) || !seen.info) return undefined;
  return seen.info;
}

interface SeenLock {
  raw: string;
  info: LockInfo | undefined;
}

function readLock(file: string): SeenLock | 'gone' {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw new AppError('STORAGE', `The library lock ${file} could not be read: ${(error as Error).message}`);
  }
  return { raw, info: parseLock(raw) };
}

function parseLock(raw: string): LockInfo | undefined {
  try {
    const value = JSON.parse(raw) as Partial<LockInfo>;
    if (typeof value.pid !== 'number' || !Number.isInteger(value.pid) || value.pid <= 0) return undefined;
    return {
      pid: value.pid,
      startedAt: typeof value.startedAt === 'number' ? value.startedAt : 0,
      processStart: typeof value.processStart === 'string' ? value.processStart : null,
      hostname: typeof value.hostname === 'string' ? value.hostname : '',
      holder: typeof value.holder === 'string' ? value.holder : 'unknown',
    };
  } catch {
    return undefined;
  }
}

function isStale(seen: SeenLock, file: string): boolean {
  if (!seen.info) {
    // Unreadable: either a holder is between creating and writing it (young), or a crash left it
    // half-written (old).
    try {
      return Date.now() - statSync(file).mtimeMs > 10_000;
    } catch {
      return true;
    }
  }
  const { pid, hostname: host, processStart } = seen.info;
  // A lock from another computer (a shared network folder) cannot be checked: assume it is live.
  if (host !== hostname()) return false;
  if (!processAlive(pid)) return true;
  const actualStart = processStartOf(pid);
  return processStart !== null && actualStart !== null && actualStart !== processStart;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of /proc/<pid>/stat: start time in clock ticks since boot. Linux only. */
function processStartOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function takeOverStale(file: string, seen: SeenLock): void {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new AppError('STORAGE', `A stale library lock could not be cleared: ${(error as Error).message}`);
  }
  const moved = readFileSync(aside, 'utf8');
  if (moved === seen.raw) {
    unlinkSync(aside);
    return;
  }
  // Another process replaced the stale lock with its own between our read and our rename: put
  // it back and let it keep the library.
  try {
    linkSync(aside, file);
  } finally {
    unlinkSync(aside);
  }
  throw inUse(file, { raw: moved, info: parseLock(moved) });
}

function inUse(file: string, seen: SeenLock): AppError {
  const who = seen.info
    ? `${seen.info.holder === 'cli' ? 'the lectern command-line tool' : 'Lectern'} (process ${seen.info.pid}${seen.info.hostname && seen.info.hostname !== hostname() ? ` on ${seen.info.hostname}` : ''})`
    : 'another program';
  return new AppError(
    'LIBRARY_IN_USE',
    `The library is open in ${who}. Close it first. If no such program is running, delete ${file}.`,
  );
}
