import { spawnSync } from 'node:child_process';
import { closeSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { basename, join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors';

export const LOCK_FILE = 'library.lock';

/** What a lock file records about the process that holds the library open for writing. */
export interface LockInfo {
  pid: number;
  /** Epoch ms when the holder took the lock. */
  startedAt: number;
  /** The kernel's start time of the holder (Linux), so a reused pid is not mistaken for it. */
  processStart: string | null;
  /** Epoch ms the holder's machine last started. */
  bootTime: number | null;
  /** A hash of the holder machine's own id (not its name), so a renamed machine knows its own lock. */
  machineId: string | null;
  hostname: string;
  /** The holder's executable file name (Lectern.exe, node), to tell a reused pid by its program. */
  executable: string | null;
  /** Who holds it, for the message: 'app', 'cli', 'harness', ... */
  holder: string;
}

export interface LibraryLock {
  readonly file: string;
  readonly info: LockInfo;
  release(): void;
}

/**
 * What judging a lock needs to know about this machine and its processes. Real by default
 * (`systemLockEnvironment`); tests pass their own to play out pid reuse, reboots and renames.
 */
export interface LockEnvironment {
  now(): number;
  /** Epoch ms this machine last started. */
  bootTime(): number;
  hostname(): string;
  /** A stable id of this machine, hashed; null when the platform does not say. */
  machineId(): string | null;
  /** This process. */
  pid: number;
  isAlive(pid: number): boolean;
  /** Linux: field 22 of /proc/<pid>/stat (clock ticks since boot), exact. Null elsewhere. */
  processStartTicks(pid: number): string | null;
  /** Epoch ms a process started, where the platform tells (macOS `ps`, Windows); null otherwise. */
  processStartedAt(pid: number): number | null;
  /** The file name of the program a process runs (`ps` on macOS, `tasklist` on Windows); null otherwise. */
  processExecutable(pid: number): string | null;
  /** This process's executable file name. */
  executable: string;
}

/** Slack for comparing a process's start with a lock's time (`ps` truncates to the second). */
const START_TOLERANCE_MS = 3_000;
/** Boot times computed as now − uptime wander by a second or so (and NTP slews the clock). */
const BOOT_TOLERANCE_MS = 10_000;

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
export function acquireLibraryLock(dataDir: string, holder: string, environment: Partial<LockEnvironment> = {}): LibraryLock {
  const env: LockEnvironment = { ...systemLockEnvironment(), ...environment };
  const file = join(dataDir, LOCK_FILE);
  const info: LockInfo = {
    pid: env.pid,
    startedAt: env.now(),
    processStart: env.processStartTicks(env.pid),
    bootTime: env.bootTime(),
    machineId: env.machineId(),
    hostname: env.hostname(),
    executable: env.executable,
    holder,
  };
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
      if (!isStale(seen, file, env)) throw inUse(file, seen, env);
      takeOverStale(file, seen, env);
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
export function currentLockHolder(dataDir: string, environment: Partial<LockEnvironment> = {}): LockInfo | undefined {
  const env: LockEnvironment = { ...systemLockEnvironment(), ...environment };
  const file = join(dataDir, LOCK_FILE);
  const seen = readLock(file);
  if (seen === 'gone' || isStale(seen, file, env) || !seen.info) return undefined;
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
      bootTime: typeof value.bootTime === 'number' ? value.bootTime : null,
      machineId: typeof value.machineId === 'string' ? value.machineId : null,
      hostname: typeof value.hostname === 'string' ? value.hostname : '',
      executable: typeof value.executable === 'string' ? value.executable : null,
      holder: typeof value.holder === 'string' ? value.holder : 'unknown',
    };
  } catch {
    return undefined;
  }
}

/**
 * Whether a lock's holder is certainly gone. Documented in docs/library.md ("The lock"):
 * - on this machine (same host name, or a new host name with the same machine id): stale when
 *   its pid is not running; when that pid now runs a different process (Linux: its start ticks
 *   differ; macOS, Windows: it started after the lock was written; Windows reuses pids soon); or,
 *   where no start time can be compared, when the lock is older than this machine's last start
 *   (no process survives a boot);
 * - another machine (a data folder on a network share): its processes cannot be seen from here,
 *   so the lock is respected, and the message names that machine and how to clear it.
 */
function isStale(seen: SeenLock, file: string, env: LockEnvironment): boolean {
  if (!seen.info) {
    // Unreadable: either a holder is between creating and writing it (young), or a crash left it
    // half-written (old).
    try {
      return env.now() - statSync(file).mtimeMs > 10_000;
    } catch {
      return true;
    }
  }
  const info = seen.info;
  const bootTime = env.bootTime();
  const olderThanBoot = info.startedAt < bootTime - BOOT_TOLERANCE_MS;
  if (info.hostname !== env.hostname()) {
    // A new name is not a new machine (macOS renames itself on another network; IT renames PCs),
    // but only the machine id can tell: a name alone never proves a lock is ours to judge.
    const machineId = env.machineId();
    if (info.machineId === null || machineId === null || info.machineId !== machineId) return false;
    // Same machine: taken before this boot, it is certainly dead. Taken in this boot, judge its
    // process below. (A lock younger than this boot but naming another boot comes from a machine
    // cloned from the same image without a new id: respect it.)
    if (olderThanBoot) return true;
    if (info.bootTime !== null && Math.abs(info.bootTime - bootTime) > BOOT_TOLERANCE_MS) return false;
  }
  if (!env.isAlive(info.pid)) return true;
  if (info.processStart !== null) {
    const ticks = env.processStartTicks(info.pid);
    // Ticks count from boot, so equal ticks prove the same process only within one boot.
    if (ticks !== null) return ticks !== info.processStart || olderThanBoot;
  }
  // Elsewhere: the holder was running when it wrote the lock, so a process that started after
  // that cannot be it (its pid was reused). No start time of our own needs recording for this,
  // and a clock set forward after the lock was written cannot make a live holder look dead.
  const startedAt = env.processStartedAt(info.pid);
  if (startedAt !== null) return startedAt > info.startedAt + START_TOLERANCE_MS;
  // No start time (PowerShell refused by policy, say): a pid now running another program is reused.
  if (info.executable !== null) {
    const executable = env.processExecutable(info.pid);
    if (executable !== null && executable.toLowerCase() !== info.executable.toLowerCase()) return true;
  }
  // Nothing to tell the processes apart: a lock from before this machine started cannot be held.
  return olderThanBoot;
}

let memoMachineId: string | null | undefined;

/** This machine and its processes, as the operating system reports them. */
export function systemLockEnvironment(): LockEnvironment {
  return {
    now: () => Date.now(),
    bootTime: () => Date.now() - uptime() * 1000,
    hostname: () => hostname(),
    machineId: () => (memoMachineId ??= readMachineId()),
    pid: process.pid,
    isAlive: processAlive,
    processStartTicks: (pid) => (process.platform === 'linux' ? processStartOf(pid) : null),
    processStartedAt,
    processExecutable,
    executable: basename(process.execPath),
  };
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

/**
 * When a process started, in epoch ms: `ps -o lstart=` on macOS (to the second), PowerShell on
 * Windows. Asked only when a lock names a running pid on this machine, which is rare (a crash, or
 * a second Lectern). Null where the platform does not say (Linux uses the exact ticks instead).
 */
function processStartedAt(pid: number): number | null {
  let out: string | undefined;
  if (process.platform === 'darwin') {
    out = run('ps', ['-o', 'lstart=', '-p', String(pid)], { LC_ALL: 'C', TZ: process.env.TZ });
    const ms = out === undefined ? Number.NaN : Date.parse(out.trim().replace(/\s+/g, ' '));
    return Number.isNaN(ms) ? null : ms;
  }
  if (process.platform === 'win32') {
    out = run('powershell.exe', [
      '-NoProfile',
      '-NonInteractive',
      '-Command',
      `[DateTimeOffset]::new((Get-Process -Id ${pid}).StartTime).ToUnixTimeMilliseconds()`,
    ]);
    const ms = out === undefined ? Number.NaN : Number(out.trim());
    return Number.isFinite(ms) && ms > 0 ? ms : null;
  }
  return null;
}

/** `ps -o comm=` (macOS: the program's path) or `tasklist` (Windows: "Lectern.exe","1234",…). */
function processExecutable(pid: number): string | null {
  if (process.platform === 'darwin') {
    const out = run('ps', ['-o', 'comm=', '-p', String(pid)])?.trim();
    return out ? basename(out) : null;
  }
  if (process.platform === 'win32') {
    const row = /^"([^"]+)","(\d+)"/m.exec(run('tasklist', ['/FI', `PID eq ${pid}`, '/FO', 'CSV', '/NH']) ?? '');
    return row && row[2] === String(pid) ? row[1]! : null;
  }
  return null;
}

/** The machine's own id (Linux machine-id, macOS IOPlatformUUID, Windows MachineGuid), hashed. */
function readMachineId(): string | null {
  let id: string | undefined;
  if (process.platform === 'linux') {
    for (const file of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
      try {
        id = readFileSync(file, 'utf8').trim() || undefined;
      } catch {
        // Not there: try the next.
      }
      if (id) break;
    }
  } else if (process.platform === 'darwin') {
    id = /"IOPlatformUUID" = "([^"]+)"/.exec(run('ioreg', ['-rd1', '-c', 'IOPlatformExpertDevice']) ?? '')?.[1];
  } else if (process.platform === 'win32') {
    id = /MachineGuid\s+REG_SZ\s+(\S+)/.exec(run('reg', ['query', 'HKLM\\SOFTWARE\\Microsoft\\Cryptography', '/v', 'MachineGuid']) ?? '')?.[1];
  }
  // Hashed: the lock says "this machine" without carrying its hardware id around.
  return id ? createHash('sha256').update(`lectern-lock:${id}`).digest('hex').slice(0, 32) : null;
}

function run(command: string, args: string[], env?: Record<string, string | undefined>): string | undefined {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    timeout: 5_000,
    windowsHide: true,
    ...(env ? { env: { ...process.env, ...env } } : {}),
  });
  return result.status === 0 ? result.stdout : undefined;
}

function takeOverStale(file: string, seen: SeenLock, env: LockEnvironment): void {
  const aside = `${file}.stale-${env.pid}-${randomBytes(4).toString('hex')}`;
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
  throw inUse(file, { raw: moved, info: parseLock(moved) }, env);
}

function inUse(file: string, seen: SeenLock, env: LockEnvironment): AppError {
  const who = seen.info
    ? `${seen.info.holder === 'cli' ? 'the lectern command-line tool' : 'Lectern'} (process ${seen.info.pid}${seen.info.hostname && seen.info.hostname !== env.hostname() ? ` on ${seen.info.hostname}` : ''})`
    : 'another program';
  return new AppError(
    'LIBRARY_IN_USE',
    `The library is open in ${who}. Close it first. If no such program is running, delete ${file}.`,
  );
}
