import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3';
import type { BackupInfo } from '../../contract';
import { AppError } from '../errors';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { acquireLibraryLock } from '../db/lock';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { openDatabase, peekSchemaVersion } from '../db/openDatabase';
import { checkInBackground, checkNow, fileTimestamp, moveAside } from './integrity';
import { fileError } from './fileError';
import { LIBRARY_FILE } from './libraryFile';

export const BACKUP_DIR = 'backups';
const DAY = 24 * 60 * 60 * 1000;

/** library-2026-09-01T09-00-00-000Z.sqlite (UTC), optionally -2, -3 when two share a millisecond. */
const BACKUP_NAME = /^library-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z(?:-\d+)?\.sqlite$/;

export interface BackupOptions {
  /** How many backups to keep; older ones are deleted after each new backup. */
  keep: number;
  /** A new backup is due when the newest is at least this old. */
  intervalMs: number;
}

export const DEFAULT_BACKUP_OPTIONS: BackupOptions = { keep: 7, intervalMs: DAY };

/**
 * Rolling backups in `<dataDir>/backups/` with SQLite's online backup API, which copies a
 * consistent snapshot while the app keeps working. A backup is written under a temporary name,
 * checked with a full `integrity_check` (in a worker thread), and only then given its final name,
 * so every file that looks like a backup is a complete, sound one.
 */
export class BackupService {
  /** Provenance (issue 7 §6): told of each new backup, to write the audit checkpoint that goes with it. */
  onWritten: ((path: string) => void) | undefined;
  private running: Promise<BackupInfo> | undefined;
  /** Documents held by each backup, read once from the file (see prune). */
  private readonly documentCounts = new Map<string, { bytes: number; documents: number | null }>();

  constructor(
    private readonly db: () => Database,
    private readonly dataDir: string,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: BackupOptions = DEFAULT_BACKUP_OPTIONS,
    /** Stops a backup's integrity check when the library closes. */
    private readonly signal?: AbortSignal,
  ) {}

  get dir(): string {
    return join(this.dataDir, BACKUP_DIR);
  }

  /** Newest first. */
  list(): BackupInfo[] {
    return listBackups(this.dataDir);
  }

  /** Backs up now; a call while a backup is running waits for that one. */
  backupNow(): Promise<BackupInfo> {
    this.running ??= this.write().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Backs up if the newest backup is older than the interval. */
  async runIfDue(): Promise<BackupInfo | undefined> {
    const newest = this.list()[0];
    if (newest && this.clock.now() - newest.createdAt < this.options.intervalMs) return undefined;
    return this.backupNow();
  }

  /**
   * The path of a backup named by the caller. Only bare names of backups in the folder are
   * accepted, so a name cannot point anywhere else.
   */
  resolve(file: string): { path: string; info: BackupInfo } {
    return resolveBackup(this.dataDir, file);
  }

  private async write(): Promise<BackupInfo> {
    mkdirSync(this.dir, { recursive: true });
    const now = this.clock.now();
    let file = `library-${fileTimestamp(now)}.sqlite`;
    for (let n = 2; this.list().some((b) => b.file === file); n++) file = `library-${fileTimestamp(now)}-${n}.sqlite`;
    const written = await backupTo(this.db(), join(this.dir, file), this.signal);
    this.log.info('library backed up', { file, checkMs: Math.round(written.checkMs) });
    this.onWritten?.(join(this.dir, file));
    this.prune();
    return { file, createdAt: now, bytes: written.bytes };
  }

  /**
   * Deletes all but the newest `keep` backups, except the newest backup that holds more
   * documents than the live library: if the library lost its documents (a wiped or replaced
   * file, a mass deletion), daily backups of the smaller library must not push the last good one
   * out within a week. It stays until the library holds as many documents again.
   */
  prune(): void {
    const backups = this.list();
    if (backups.length <= this.options.keep) return;
    const live = liveDocumentCount(this.db());
    const protectedFile = backups.find((b) => (this.documentsIn(b) ?? -1) > live)?.file;
    for (const old of backups.slice(this.options.keep)) {
      if (old.file === protectedFile) {
        this.log.info('backup kept: it holds more documents than the library', { file: old.file, live });
        continue;
      }
      rmSync(join(this.dir, old.file), { force: true });
      this.documentCounts.delete(old.file);
    }
  }

  /**
   * Documents (out of the trash) in a backup, read from the file itself rather than recorded
   * beside it: the file is the truth (nothing to fall out of step when IT staff copy backups in
   * or out), backups are few, and counting reads only two indexes (figures in docs/library.md).
   * Remembered per file and size. Null when it cannot be read.
   */
  documentsIn(backup: BackupInfo): number | null {
    const known = this.documentCounts.get(backup.file);
    if (known && known.bytes === backup.bytes) return known.documents;
    const documents = backupDocumentCount(join(this.dir, backup.file), this.log);
    this.documentCounts.set(backup.file, { bytes: backup.bytes, documents });
    return documents;
  }

  /**
   * Removes what an interrupted backup left behind (`*.partial`, with its -wal/-shm): the process
   * died between copying and renaming, so none of it is a backup. Called at start, under the lock.
   */
  removeLeftovers(): number {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    let removed = 0;
    for (const name of names) {
      if (!PARTIAL_NAME.test(name)) continue;
      rmSync(join(this.dir, name), { force: true });
      removed++;
    }
    if (removed > 0) this.log.info('removed an interrupted backup', { files: removed });
    return removed;
  }
}

/** What backupTo writes before renaming: `<backup>.partial`, and SQLite's companions of it. */
const PARTIAL_NAME = /\.partial(?:-wal|-shm|-journal)?$/;

/** Documents out of the trash, from two indexes (the ids, the trash's partial index): no table scan. */
function liveDocumentCount(db: Database): number {
  const row = db
    .prepare('SELECT (SELECT count(*) FROM documents) - (SELECT count(*) FROM documents WHERE deleted_at IS NOT NULL) AS n')
    .get() as { n: number };
  return row.n;
}

function backupDocumentCount(file: string, log: Logger): number | null {
  let copy: Database | undefined;
  try {
    copy = new Sqlite(file, { readonly: true, fileMustExist: true });
    return liveDocumentCount(copy);
  } catch (error) {
    log.warn('could not count the documents in a backup', { file: basename(file), error: (error as Error).message });
    return null;
  } finally {
    copy?.close();
  }
}

function backupTime(file: string): number | undefined {
  const m = BACKUP_NAME.exec(file);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Copies the open database to `file` with the online backup API, under a temporary name until a
 * full integrity check of the copy has passed, so a file at `file` is always a sound backup.
 */
export async function backupTo(db: Database, file: string, signal?: AbortSignal): Promise<{ file: string; bytes: number; checkMs: number }> {
  const partial = `${file}.partial`;
  try {
    await db.backup(partial);
    // A single self-contained file (no -wal/-shm beside it) that IT staff can copy or mail as is.
    const copy = new Sqlite(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const report = await checkInBackground(partial, 'full', signal);
    if (!report.ok) {
      throw new AppError('DATABASE_DAMAGED', `The backup did not pass its integrity check (${report.problems.slice(0, 2).join('; ')}).`);
    }
    renameSync(partial, file);
    return { file, bytes: statSync(file).size, checkMs: report.ms };
  } catch (error) {
    rmSync(partial, { force: true });
    rmSync(`${partial}-wal`, { force: true });
    rmSync(`${partial}-shm`, { force: true });
    throw (error as { code?: string }).code?.startsWith('SQLITE_') ? error : fileError(error, 'write the backup', file);
  }
}

/** The backups in `<dataDir>/backups`, newest first. */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = join(dataDir, BACKUP_DIR);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const out: BackupInfo[] = [];
  for (const file of names) {
    const createdAt = backupTime(file);
    if (createdAt === undefined) continue;
    out.push({ file, createdAt, bytes: statSync(join(dir, file)).size });
  }
  return out.sort((a, b) => b.createdAt - a.createdAt || b.file.localeCompare(a.file));
}

/** A backup named by a caller: only bare names of backups in the folder, so it cannot point elsewhere. */
export function resolveBackup(dataDir: string, file: string): { path: string; info: BackupInfo } {
  if (basename(file) !== file || backupTime(file) === undefined) {
    throw new AppError('VALIDATION', `"${file}" is not the name of a Lectern backup.`);
  }
  const info = listBackups(dataDir).find((b) => b.file === file);
  if (!info) throw new AppError('NOT_FOUND', `There is no backup called ${file}.`);
  return { path: join(dataDir, BACKUP_DIR, file), info };
}

/**
 * Puts a backup in place of the library while nothing has it open: what the app offers after
 * createCore failed with DamagedLibraryError, before trying again. Takes the library lock; checks
 * the backup completely first; keeps whatever library file is there as replaced-<time>.sqlite.
 */
export function restoreBackupFile(
  dataDir: string,
  file: string,
  now = Date.now(),
): { restored: BackupInfo; previousKeptAs: string | null } {
  const { path, info } = resolveBackup(dataDir, file);
  const lock = acquireLibraryLock(dataDir, 'restore');
  try {
    const report = checkNow(path, 'full');
    if (!report.ok) {
      throw new AppError('DATABASE_DAMAGED', `The backup ${file} is damaged too (${report.problems.slice(0, 2).join('; ')}). Choose an older one.`);
    }
    if (peekSchemaVersion(path) > LATEST_SCHEMA_VERSION) {
      throw new AppError('DATABASE_TOO_NEW', `The backup ${file} was made by a newer version of Lectern. Update Lectern to restore it.`);
    }
    const target = join(dataDir, LIBRARY_FILE);
    const previousKeptAs = existsSync(target) ? moveAside(target, 'replaced', now) : null;
    // A -wal or -shm without its database must never be paired with the restored file.
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(target + suffix)) renameSync(target + suffix, join(dataDir, `orphan-${fileTimestamp(now)}.sqlite${suffix}`));
    }
    const incoming = `${target}.restoring`;
    copyFileSync(path, incoming);
    renameSync(incoming, target);
    return { restored: info, previousKeptAs };
  } finally {
    lock.release();
  }
}

/**
 * The teacher's "Start with an empty library" after createCore failed with DamagedLibraryError:
 * creates an empty library in the data folder, so the next open finds a library and does not take
 * a missing file beside backups for a lost one. Whatever is at the library's place (an empty file,
 * a stray -wal or -shm) is kept aside, never deleted; an existing library is refused.
 */
export function startEmptyLibrary(dataDir: string, now = Date.now()): void {
  const lock = acquireLibraryLock(dataDir, 'start-empty');
  try {
    const target = join(dataDir, LIBRARY_FILE);
    if (existsSync(target)) {
      if (statSync(target).size > 0) throw new AppError('CONFLICT', `There is already a library at ${target}.`);
      moveAside(target, 'empty', now);
    }
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(target + suffix)) renameSync(target + suffix, join(dataDir, `orphan-${fileTimestamp(now)}.sqlite${suffix}`));
    }
    openDatabase(target).close();
  } finally {
    lock.release();
  }
}
