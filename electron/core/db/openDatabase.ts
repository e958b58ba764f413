import Sqlite, { type Database } from 'better-sqlite3';
import { AppError } from '../errors';
import { migrate, schemaVersion } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';

export type IntegrityLevel = 'none' | 'quick' | 'full';

export interface OpenDatabaseOptions {
  migrations?: readonly Migration[];
  readonly?: boolean;
  /**
   * Which check runs before anything is written. Both `quick_check` and `integrity_check` read
   * every page: about 0.6 s on a 10,000-document library (docs/library.md), too slow for start-up,
   * so the app checks in the background (library/integrity.ts) and the CLI's `check` asks for 'full'.
   */
  check?: IntegrityLevel;
}

/**
 * Opens the library database: WAL, foreign keys, a busy timeout, a structural probe, the requested
 * integrity check, then the pending migrations. A damaged file is reported, never "repaired" by
 * writing to it.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database {
  const readonly = options.readonly ?? false;
  let db: Database;
  try {
    db = new Sqlite(file, { readonly, fileMustExist: readonly });
  } catch (error) {
    if (readonly && (error as { code?: string }).code === 'SQLITE_CANTOPEN') {
      throw new AppError('NOT_FOUND', `There is no Lectern library at ${file}.`);
    }
    throw new AppError('STORAGE', `The library file could not be opened: ${(error as Error).message}`);
  }
  try {
    if (!readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Reading the schema catches a file that is not a database or has a damaged header, in
    // microseconds, before any migration could write to it.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    const level = options.check ?? 'none';
    if (level !== 'none') {
      const problems = runIntegrityCheck(db, level);
      if (problems.length > 0) {
        throw new AppError('DATABASE_DAMAGED', `The library file is damaged (${problems.slice(0, 3).join('; ')}).`);
      }
    }
    if (!readonly) migrate(db, options.migrations ?? MIGRATIONS);
    else refuseTooNew(db, options.migrations ?? MIGRATIONS);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof AppError) throw error;
    if (isCorruption(error)) {
      throw new AppError('DATABASE_DAMAGED', `The library file is damaged (${(error as { code: string }).code}).`);
    }
    throw error;
  }
}

/** The problems SQLite reports, or an empty list when the file is sound. */
export function runIntegrityCheck(db: Database, level: 'quick' | 'full'): string[] {
  const rows = db.pragma(level === 'full' ? 'integrity_check(20)' : 'quick_check(20)') as Array<Record<string, unknown>>;
  const messages = rows.map((row) => String(Object.values(row)[0]));
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
}

export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/** migrate() refuses a newer schema before writing; a read-only open must refuse it too. */
function refuseTooNew(db: Database, migrations: readonly Migration[]): void {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const version = schemaVersion(db);
  if (version > latest) {
    throw new AppError(
      'DATABASE_TOO_NEW',
      `This library was written by a newer version of Lectern (schema ${version}; this version knows up to ${latest}). Update Lectern to open it.`,
    );
  }
}

/** The schema version of a library file, read without migrating or checking anything else. */
export function peekSchemaVersion(file: string): number {
  let db: Database;
  try {
    db = new Sqlite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new AppError('STORAGE', `The library file could not be opened: ${(error as Error).message}`);
  }
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } catch (error) {
    if (isCorruption(error)) throw new AppError('DATABASE_DAMAGED', `The library file is damaged (${(error as { code: string }).code}).`);
    throw error;
  } finally {
    db.close();
  }
}

/** Connections whose writes are refused with `query_only` (a library found damaged while open). */
const writesRefused = new WeakSet<Database>();

/**
 * Refuses (or allows again) every write on this connection at SQLite's level, with `PRAGMA
 * query_only`: whichever service writes (library, AI, provenance), and whatever a handler calls a
 * write, the statement fails with SQLITE_READONLY and its transaction rolls back, while reads go on.
 */
export function refuseWrites(db: Database, refuse: boolean): void {
  db.pragma(`query_only = ${refuse ? 'ON' : 'OFF'}`);
  if (refuse) writesRefused.add(db);
  else writesRefused.delete(db);
}

/** True when nothing may be written through this connection: opened read-only, or refused above. */
export function isWriteRefused(db: Database): boolean {
  return db.readonly || writesRefused.has(db);
}
