import Sqlite, { type Database } from 'better-sqlite3';
import { AppError } from '../errors';
import { migrate } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';

export interface OpenDatabaseOptions {
  migrations?: readonly Migration[];
  readonly?: boolean;
}

/**
 * Opens the library database: WAL, foreign keys, a busy timeout, a quick integrity check, then
 * the pending migrations. A damaged file is reported, never "repaired" by writing to it.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database {
  let db: Database;
  try {
    db = new Sqlite(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (error) {
    throw new AppError('STORAGE', `The library file could not be opened: ${(error as Error).message}`);
  }
  try {
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      throw new AppError('DATABASE_DAMAGED', `The library file is damaged (${String(check)}).`);
    }
    if (!options.readonly) migrate(db, options.migrations ?? MIGRATIONS);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
      throw new AppError('DATABASE_DAMAGED', `The library file is damaged (${code}).`);
    }
    throw error;
  }
}
