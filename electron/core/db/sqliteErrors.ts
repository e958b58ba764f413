import { AppError } from '../errors';

/**
 * Turns SQLite's failures into codes the app can explain. A full disk and a read-only file are
 * the ones a teacher can do something about, so they get codes of their own.
 */
export function toStorageError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  if (code === 'SQLITE_FULL' || (code.startsWith('SQLITE_IOERR') && /disk|space|ENOSPC/i.test(String(error)))) {
    return new AppError('STORAGE_FULL', 'The disk is full, so the change could not be saved.');
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new AppError('STORAGE_READ_ONLY', 'The library file is read-only, so the change could not be saved.');
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new AppError('DATABASE_DAMAGED', 'The library file is damaged.');
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppError('STORAGE', 'The library is busy in another program. Try again in a moment.', 1);
  }
  return new AppError('STORAGE', `The library could not be read or written (${code}).`);
}
