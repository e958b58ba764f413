import { existsSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { openDatabase, runIntegrityCheck } from '../db/openDatabase';

/**
 * Runs in a worker thread: CommonJS source evaluated there, so it works the same under tsx,
 * vitest and the bundled Electron main process without a separate worker file to ship.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Sqlite = require(workerData.module);
let db;
try {
  db = new Sqlite(workerData.file, { readonly: true, fileMustExist: true });
  const rows = db.pragma(workerData.level === 'full' ? 'integrity_check(20)' : 'quick_check(20)');
  parentPort.postMessage({ rows: rows.map((row) => String(Object.values(row)[0])) });
} catch (error) {
  parentPort.postMessage({ failed: String(error && error.code || ''), message: String(error && error.message || error) });
} finally {
  if (db) db.close();
}
`;

export interface IntegrityReport {
  ok: boolean;
  problems: string[];
  ms: number;
}

/** Integrity-check workers whose thread has not exited yet (tests check none outlives its library). */
let runningWorkers = 0;
export function runningIntegrityWorkers(): number {
  return runningWorkers;
}

/** The check was stopped because its library closed; nothing was found either way. */
export class IntegrityCheckStopped extends Error {
  constructor() {
    super('The integrity check was stopped because the library closed.');
    this.name = 'IntegrityCheckStopped';
  }
}

/**
 * `PRAGMA integrity_check` (or quick_check) on a separate read-only connection in a worker thread,
 * so a check that reads every page (about 0.6 s at 10,000 documents) never blocks the app. Under
 * WAL it sees a consistent snapshot while the app keeps writing. Falls back to checking on this
 * thread when a worker cannot be started.
 *
 * `signal` stops the check: the worker is terminated and the promise rejects with
 * IntegrityCheckStopped only once the thread has exited, so a library that closes leaves no worker
 * behind reading (or failing to read) a file that may already be gone.
 */
export async function checkInBackground(file: string, level: 'quick' | 'full' = 'full', signal?: AbortSignal): Promise<IntegrityReport> {
  const started = performance.now();
  if (signal?.aborted) throw new IntegrityCheckStopped();
  let module: string;
  try {
    module = createRequire(import.meta.url).resolve('better-sqlite3');
  } catch {
    return checkNow(file, level);
  }
  const answer = await new Promise<{ rows?: string[]; failed?: string; message?: string }>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, level, module } });
    runningWorkers++;
    let stopped = false;
    const stop = () => {
      stopped = true;
      void worker.terminate();
    };
    signal?.addEventListener('abort', stop, { once: true });
    worker.once('message', (message) => {
      if (stopped) return;
      signal?.removeEventListener('abort', stop);
      resolve(message as { rows?: string[]; failed?: string; message?: string });
      void worker.terminate();
    });
    worker.once('error', (error) => {
      signal?.removeEventListener('abort', stop);
      if (!stopped) reject(error);
    });
    worker.once('exit', (code) => {
      runningWorkers--;
      signal?.removeEventListener('abort', stop);
      if (stopped) reject(new IntegrityCheckStopped());
      else if (code !== 0) reject(new Error(`integrity worker exited with ${code}`));
    });
  });
  const ms = performance.now() - started;
  if (answer.rows) {
    const problems = answer.rows.length === 1 && answer.rows[0] === 'ok' ? [] : answer.rows;
    return { ok: problems.length === 0, problems, ms };
  }
  if (answer.failed?.startsWith('SQLITE_CORRUPT') || answer.failed === 'SQLITE_NOTADB') {
    return { ok: false, problems: [`${answer.failed}: ${answer.message ?? ''}`], ms };
  }
  throw new Error(`The integrity check could not run: ${answer.message ?? 'unknown error'}`);
}

/** The same check on this thread (the CLI, and tests that want the answer now). */
export function checkNow(file: string, level: 'quick' | 'full' = 'full'): IntegrityReport {
  const started = performance.now();
  let db;
  try {
    db = openDatabase(file, { readonly: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'DATABASE_DAMAGED') return { ok: false, problems: [(error as Error).message], ms: performance.now() - started };
    throw error;
  }
  try {
    const problems = runIntegrityCheck(db, level);
    return { ok: problems.length === 0, problems, ms: performance.now() - started };
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
      return { ok: false, problems: [`${code}: ${(error as Error).message}`], ms: performance.now() - started };
    }
    throw error;
  } finally {
    db.close();
  }
}

/** `2026-09-01T09-00-00-000Z`: sortable, and valid in a file name on every OS. */
export function fileTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}

/**
 * Moves a database file and its -wal and -shm companions aside under `<prefix>-<timestamp>.sqlite`
 * in the same folder (a rename: no copy, nothing lost). Returns the new path of the main file.
 */
export function moveAside(file: string, prefix: string, now: number): string {
  const dir = file.slice(0, file.length - (file.split(/[\\/]/).pop() ?? '').length);
  let target = `${dir}${prefix}-${fileTimestamp(now)}.sqlite`;
  for (let n = 2; existsSync(target); n++) target = `${dir}${prefix}-${fileTimestamp(now)}-${n}.sqlite`;
  // The companions first: if the main file moved and a companion did not, the next open would
  // pair a stale WAL with a new database.
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  }
  renameSync(file, target);
  return target;
}
