import { copyFileSync, existsSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite, { type Database, type Statement } from 'better-sqlite3';
import type { BackupInfo, LibraryStatus } from '../../contract';
import { AppError } from '../errors';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { isCorruption, openDatabase, peekSchemaVersion, refuseWrites } from '../db/openDatabase';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../db/migrations';
import { migrate } from '../db/migrate';
import type { LibraryAuditHooks } from '../provenance/provenance';
import { BackupService, DEFAULT_BACKUP_OPTIONS, listBackups, type BackupOptions } from './backup';
import { DocumentStore } from './documentStore';
import { checkInBackground, checkNow, fileTimestamp, IntegrityCheckStopped, moveAside } from './integrity';
import { LIBRARY_FILE } from './libraryFile';
import { LibraryListStore } from './lists';
import { DEFAULT_REVISION_POLICY, RevisionStore, type RevisionPolicy } from './revisions';
import { LibrarySearch, SearchIndex } from './search';
import { TrashStore } from './trash';

export { LIBRARY_FILE };
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export interface LibraryOptions {
  dataDir: string;
  clock: Clock;
  log: Logger;
  /** Read-only: no migrations, no writes, no timers (the CLI's read commands). */
  readonly?: boolean;
  /**
   * When the file cannot even be opened as a database:
   * - 'set-aside' (default): move it (with -wal and -shm) to damaged-<time>.sqlite and throw a
   *   DamagedLibraryError naming where it went and the backups that can be restored
   *   (restoreBackupFile); the next start opens an empty library unless one is restored.
   * - 'start-fresh': move it aside and carry on with an empty library; `status()` reports the
   *   damage and the backups, and `restoreBackup` brings one back in place.
   * - 'throw': touch nothing and throw (the CLI, which reports and never moves files).
   */
  onDamaged?: 'set-aside' | 'start-fresh' | 'throw';
  revisionPolicy?: RevisionPolicy;
  backup?: Partial<BackupOptions>;
  /**
   * Background work: the start-up integrity check, idle search indexing, hourly maintenance
   * (trash purge, daily backup). Off for the CLI and for tests that drive maintenance by hand.
   */
  background?: boolean;
  searchIdleMs?: number;
}

interface Services {
  db: Database;
  lists: LibraryListStore;
  revisions: RevisionStore;
  documents: DocumentStore;
  trash: TrashStore;
  index: SearchIndex;
  search: LibrarySearch;
  counts: Statement<[], { documents: number; trashed: number }>;
}

type Damage = NonNullable<LibraryStatus['damage']>;

/**
 * DATABASE_DAMAGED from opening a library that is not a readable database, or that is missing or
 * empty while backups exist (`lost`). The file has been moved to `keptAs` (null when there was no
 * file to keep); `backups` (newest first) are what restoreBackupFile can put in its place.
 */
export class DamagedLibraryError extends AppError {
  constructor(
    reason: string,
    readonly keptAs: string | null,
    readonly backups: BackupInfo[],
    readonly lost = false,
  ) {
    const newest = backups[0];
    super(
      'DATABASE_DAMAGED',
      `${reason} ${keptAs ? `It has been moved aside to ${keptAs}, untouched. ` : ''}` +
        (newest ? `The newest backup, ${newest.file}, can be restored.` : 'There is no backup to restore.'),
    );
    this.name = 'DamagedLibraryError';
  }
}

/** The message of the error every write gets while the library is damaged (see Library.refuseWrites). */
export const DAMAGED_READ_ONLY_MESSAGE = 'The library is damaged and is read-only until you restore a backup or start afresh.';

/** A library file that is missing or empty beside backups: lost, not new (see Library.open). */
class LostLibraryError extends AppError {
  constructor(message: string) {
    super('DATABASE_DAMAGED', message);
  }
}

/** The library: one database file, the services over it, and its upkeep (integrity, backups, trash). */
export class Library {
  readonly file: string;
  readonly backups: BackupService;
  private readonly s: Services;
  private integrity: LibraryStatus['integrity'] = 'checking';
  private damage: Damage | null = null;
  /** Damage was found in the open file: every write is refused until a restore or a fresh start. */
  private writesRefused = false;
  /** Aborted by close(): stops background integrity checks (the worker is terminated). */
  private readonly stopping = new AbortController();
  private lastPurgeAt = Number.NEGATIVE_INFINITY;
  private restoring = false;
  /** Counts restores, so a check that started before one does not report on the library it replaced. */
  private generation = 0;
  private maintenanceTimer: NodeJS.Timeout | undefined;
  private firstBackupTimer: NodeJS.Timeout | undefined;
  /** Settles when the start-up integrity check has finished (tests await it). */
  readonly integrityChecked: Promise<void>;
  /** Provenance (issue 7 §6): records in the audit log what a restore or a fresh start replaced. Set by createCore. */
  auditHooks: Pick<LibraryAuditHooks, 'beforeReplace' | 'afterReplace' | 'imported' | 'exportCheckpoint'> | undefined;

  constructor(private readonly options: LibraryOptions) {
    this.file = join(options.dataDir, LIBRARY_FILE);
    this.s = this.open();
    this.backups = new BackupService(
      () => this.s.db,
      options.dataDir,
      options.clock,
      options.log,
      { ...DEFAULT_BACKUP_OPTIONS, ...options.backup },
      this.stopping.signal,
    );
    if (!this.readonly) {
      this.backups.removeLeftovers();
      this.purgeTrashIfDue();
    }
    if (options.background === false || this.readonly) {
      this.integrity = this.damage ? 'damaged' : 'ok';
      this.integrityChecked = Promise.resolve();
    } else {
      this.integrityChecked = this.checkAtStartup();
      this.startMaintenance();
    }
  }

  get readonly(): boolean {
    return this.options.readonly ?? false;
  }
  get db(): Database {
    return this.s.db;
  }
  get documents(): DocumentStore {
    return this.s.documents;
  }
  get revisions(): RevisionStore {
    return this.s.revisions;
  }
  get trash(): TrashStore {
    return this.s.trash;
  }
  get search(): LibrarySearch {
    return this.s.search;
  }
  get searchIndex(): SearchIndex {
    return this.s.index;
  }
  get lists(): LibraryListStore {
    return this.s.lists;
  }

  /** Works on a damaged library too: that is when the app needs it most. */
  status(): LibraryStatus {
    let counts: { documents: number | null; trashed: number | null } = { documents: null, trashed: null };
    try {
      counts = this.s.counts.get()!;
    } catch (error) {
      if (!isCorruption(error)) throw error;
      this.noteFailure(error);
    }
    return {
      schemaVersion: this.s.db.pragma('user_version', { simple: true }) as number,
      documents: counts.documents,
      trashed: counts.trashed,
      integrity: this.integrity,
      damage: this.damage,
      readOnly: this.writesRefused,
      backups: this.backups.list(),
    };
  }

  /**
   * What a failed library call should tell the caller: records damage SQLite reports
   * mid-operation, and turns a write refused because of it into one clear sentence.
   */
  explainFailure(error: unknown): unknown {
    this.noteFailure(error);
    const code = (error as { code?: unknown } | null)?.code;
    if (this.writesRefused && typeof code === 'string' && code.startsWith('SQLITE_READONLY')) {
      return new AppError('STORAGE_READ_ONLY', DAMAGED_READ_ONLY_MESSAGE);
    }
    return error;
  }

  /** Called after writes that change what search sees, so the index catches up when edits pause. */
  changed(): void {
    if (this.options.background !== false) this.s.index.schedule();
  }

  /**
   * Hourly: purge the trash once a day, take the daily backup when due. Public so tests can run
   * it with a fake clock.
   */
  async maintenance(): Promise<void> {
    if (this.readonly || this.damage) return;
    this.purgeTrashIfDue();
    await this.backups.runIfDue();
  }

  /** Records damage found while the library is in use (a statement failed with SQLITE_CORRUPT). */
  noteFailure(error: unknown): void {
    if (!isCorruption(error) || this.writesRefused) return;
    this.integrity = 'damaged';
    this.damage = { message: `The library file is damaged (${(error as { code: string }).code}).`, detectedAt: this.options.clock.now(), keptAs: null };
    this.options.log.error('library damaged', { code: (error as { code: string }).code });
    this.refuseWrites();
  }

  /**
   * Damage found in the open file: from now on every write through this connection fails (the
   * database refuses it, see refuseWrites in db/openDatabase), so nothing more goes into a file
   * that may be losing pages, while reads, search, export and backups-to-restore keep working.
   * Lifted only by restoreBackup or startAfresh, which replace the file's contents.
   */
  private refuseWrites(): void {
    if (this.writesRefused || this.readonly || !this.s.db.open) return;
    this.writesRefused = true;
    this.s.index.cancel();
    refuseWrites(this.s.db, true);
    this.options.log.warn('library is read-only until a backup is restored or it starts afresh');
  }

  /**
   * Replaces the library's contents with a backup, through the same online backup API in
   * reverse: the backup is copied into the open database, so every service (and anything else
   * holding this connection) carries on with the restored library, and older backups are
   * migrated. The backup is checked first; the library it replaces is kept beside it as
   * replaced-… (or damaged-…), never deleted. Other library calls wait (STORAGE, retry) meanwhile.
   */
  async restoreBackup(name: string): Promise<{ restored: BackupInfo; previousKeptAs: string | null }> {
    if (this.readonly) throw new AppError('STORAGE_READ_ONLY', 'This library is open read-only.');
    if (this.restoring) throw busyRestoring();
    const { path, info } = this.backups.resolve(name);
    const report = checkNow(path, 'full');
    if (!report.ok) {
      throw new AppError('DATABASE_DAMAGED', `The backup ${name} is damaged too (${report.problems.slice(0, 2).join('; ')}). Choose an older one.`);
    }
    // Checked before anything changes: a backup this version cannot open must not replace the library.
    if (peekSchemaVersion(path) > LATEST_SCHEMA_VERSION) {
      throw new AppError('DATABASE_TOO_NEW', `The backup ${name} was made by a newer version of Lectern. Update Lectern to restore it.`);
    }
    this.restoring = true;
    this.s.index.cancel();
    try {
      const now = this.options.clock.now();
      const audited = this.auditHooks?.beforeReplace();
      const previousKeptAs = await this.keepCurrentAside(now);
      const source = new Sqlite(path, { readonly: true, fileMustExist: true });
      try {
        await source.backup(this.file);
      } finally {
        source.close();
      }
      this.generation++;
      this.allowWritesAgain();
      migrate(this.s.db, MIGRATIONS);
      this.s.index.flush();
      this.damage = null;
      this.integrity = 'ok';
      this.auditHooks?.afterReplace(audited, { kind: 'restore', file: name, path, backupCreatedAt: info.createdAt, keptAs: previousKeptAs });
      this.options.log.info('library restored from backup', { file: name });
      return { restored: info, previousKeptAs };
    } finally {
      this.restoring = false;
    }
  }

  /** Throws while a restore is copying pages, so nobody reads a half-restored library. */
  assertAvailable(): void {
    if (this.restoring) throw busyRestoring();
  }

  /**
   * Replaces the library's contents with an empty library, in place (the same connection, as
   * restoreBackup does), keeping the current one beside it as damaged-… or replaced-…, never
   * deleted: the teacher's way out of a damaged library when no backup will do.
   */
  async startAfresh(): Promise<{ previousKeptAs: string }> {
    if (this.readonly) throw new AppError('STORAGE_READ_ONLY', 'This library is open read-only.');
    if (this.restoring) throw busyRestoring();
    this.restoring = true;
    this.s.index.cancel();
    try {
      const audited = this.auditHooks?.beforeReplace();
      const previousKeptAs = await this.keepCurrentAside(this.options.clock.now());
      const empty = new Sqlite(':memory:');
      try {
        migrate(empty, MIGRATIONS);
        await empty.backup(this.file);
      } finally {
        empty.close();
      }
      this.generation++;
      this.allowWritesAgain();
      this.s.index.flush();
      this.damage = null;
      this.integrity = 'ok';
      this.auditHooks?.afterReplace(audited, { kind: 'fresh-start', file: null, path: null, backupCreatedAt: null, keptAs: previousKeptAs });
      this.options.log.info('library started afresh', { previousKeptAs });
      return { previousKeptAs };
    } finally {
      this.restoring = false;
    }
  }

  close(): void {
    // Terminates a running integrity check's worker: nothing of this library outlives close().
    this.stopping.abort();
    this.stopMaintenance();
    this.closeDb();
  }

  private allowWritesAgain(): void {
    if (!this.writesRefused) return;
    refuseWrites(this.s.db, false);
    this.writesRefused = false;
  }

  private async keepCurrentAside(now: number): Promise<string> {
    const target = join(this.options.dataDir, `${this.damage ? 'damaged' : 'replaced'}-${fileTimestamp(now)}.sqlite`);
    if (!this.damage) {
      await this.s.db.backup(target);
      return target;
    }
    // A damaged database may not survive being read page by page; copy its files as they are.
    copyFileSync(this.file, target);
    if (existsSync(`${this.file}-wal`)) copyFileSync(`${this.file}-wal`, `${target}-wal`);
    return target;
  }

  private open(): Services {
    let db: Database;
    try {
      if (!this.readonly) this.refuseLostLibrary();
      db = openDatabase(this.file, { readonly: this.readonly });
    } catch (error) {
      const mode = this.options.onDamaged ?? 'set-aside';
      if (!(error instanceof AppError) || error.code !== 'DATABASE_DAMAGED' || mode === 'throw' || this.readonly) {
        throw error;
      }
      const now = this.options.clock.now();
      const lost = error instanceof LostLibraryError;
      const keptAs = existsSync(this.file) ? moveAside(this.file, lost ? 'empty' : 'damaged', now) : null;
      if (keptAs === null) this.setOrphansAside(now);
      this.options.log.error(lost ? 'library missing or empty beside backups' : 'library damaged at open; moved aside', { keptAs: keptAs ?? 'nothing to keep' });
      if (mode === 'set-aside') {
        throw new DamagedLibraryError(error.message, keptAs, listBackups(this.options.dataDir), lost);
      }
      this.damage = { message: error.message, detectedAt: now, keptAs };
      db = openDatabase(this.file);
    }
    if (this.readonly && (db.pragma('user_version', { simple: true }) as number) < LATEST_SCHEMA_VERSION) {
      db.close();
      throw new AppError(
        'STORAGE_READ_ONLY',
        'This library was last opened by an older version of Lectern and must be upgraded first: open it in Lectern, or use a command that writes.',
      );
    }
    const lists = new LibraryListStore(db);
    const revisions = new RevisionStore(db, this.options.clock, this.options.revisionPolicy ?? DEFAULT_REVISION_POLICY);
    const documents = new DocumentStore(db, this.options.clock, lists, revisions);
    const index = new SearchIndex(db, this.options.log, this.options.searchIdleMs);
    return {
      db,
      lists,
      revisions,
      documents,
      trash: new TrashStore(db, this.options.clock),
      index,
      search: new LibrarySearch(db, index),
      counts: db.prepare(
        `SELECT count(*) FILTER (WHERE deleted_at IS NULL) AS documents, count(*) FILTER (WHERE deleted_at IS NOT NULL) AS trashed FROM documents`,
      ),
    };
  }

  /**
   * A missing or empty library file is a new library only when there is nothing it could have
   * been: beside backups it is a library lost (deleted, truncated, a sync tool or a failed copy),
   * and opening it as a new empty one would hide that until pruning had deleted every good
   * backup. So it is damage, and the teacher is offered the newest backup. An empty main file
   * whose -wal holds pages is left to SQLite, which recovers the library from the WAL.
   */
  private refuseLostLibrary(): void {
    const size = fileSize(this.file);
    if (size !== null && (size > 0 || (fileSize(`${this.file}-wal`) ?? 0) > 0)) return;
    if (listBackups(this.options.dataDir).length === 0) return;
    throw new LostLibraryError(
      size === null ? 'The library file is missing, but there are backups of it.' : 'The library file is empty (0 bytes), but there are backups of it.',
    );
  }

  /** A -wal or -shm without its database must never be paired with a new one. */
  private setOrphansAside(now: number): void {
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(this.file + suffix)) {
        renameSync(this.file + suffix, join(this.options.dataDir, `orphan-${fileTimestamp(now)}.sqlite${suffix}`));
      }
    }
  }

  private closeDb(): void {
    this.s.index.cancel();
    if (!this.s.db.open) return;
    if (!this.readonly && !this.damage) {
      try {
        this.s.index.flush();
      } catch (error) {
        // The queue is in the database; the next open replays it.
        this.options.log.warn('search index not flushed at close', { error: (error as Error).message });
      }
    }
    this.s.db.close();
  }

  private purgeTrashIfDue(): void {
    const now = this.options.clock.now();
    if (now - this.lastPurgeAt < DAY) return;
    this.lastPurgeAt = now;
    const purged = this.s.trash.purgeExpired(now);
    if (purged > 0) {
      this.options.log.info('trash purged', { purged });
      this.changed();
    }
  }

  private async checkAtStartup(): Promise<void> {
    if (this.damage) {
      this.integrity = 'damaged';
      return;
    }
    const generation = this.generation;
    try {
      const report = await checkInBackground(this.file, 'full', this.stopping.signal);
      // A backup restored meanwhile replaced what was checked.
      if (generation !== this.generation) return;
      this.options.log.info('integrity check', { ok: report.ok, ms: Math.round(report.ms) });
      if (report.ok) {
        if (this.integrity === 'checking') this.integrity = 'ok';
        return;
      }
      this.integrity = 'damaged';
      this.damage ??= {
        message: `The library file is damaged (${report.problems.slice(0, 2).join('; ')}).`,
        detectedAt: this.options.clock.now(),
        keptAs: null,
      };
      this.options.log.error('library damaged: found by the integrity check', { problems: report.problems.length });
      this.refuseWrites();
    } catch (error) {
      // Closed while checking: there is nothing left to report on.
      if (error instanceof IntegrityCheckStopped) return;
      // Could not check (not the same as damaged): say so in the log and carry on.
      this.options.log.warn('integrity check could not run', { error: (error as Error).message });
      if (this.integrity === 'checking') this.integrity = 'ok';
    }
  }

  private startMaintenance(): void {
    const run = () => {
      this.maintenance().catch((error: unknown) => {
        if (this.stopping.signal.aborted) return;
        this.options.log.error('library maintenance failed', { error: error instanceof Error ? error.message : String(error) });
      });
    };
    // The first backup waits until start-up is over; then the hourly tick keeps it daily.
    this.firstBackupTimer = setTimeout(run, 30_000);
    this.firstBackupTimer.unref();
    this.maintenanceTimer = setInterval(run, HOUR);
    this.maintenanceTimer.unref();
    if (this.s.index.hasPending()) this.s.index.schedule();
  }

  private stopMaintenance(): void {
    if (this.maintenanceTimer) clearInterval(this.maintenanceTimer);
    if (this.firstBackupTimer) clearTimeout(this.firstBackupTimer);
    this.maintenanceTimer = undefined;
    this.firstBackupTimer = undefined;
  }
}

function busyRestoring(): AppError {
  return new AppError('STORAGE', 'The library is being restored from a backup. Try again in a moment.', 1);
}

function fileSize(file: string): number | null {
  try {
    return statSync(file).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
