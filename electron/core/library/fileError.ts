import { AppError } from '../errors';

/**
 * A failed file operation (export, import, backup) as an error the teacher or IT staff can act
 * on: a full disk and a refused permission say so; anything else names the file and the reason.
 */
export function fileError(error: unknown, action: string, path: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  if (code === 'ENOSPC') return new AppError('STORAGE_FULL', `The disk is full, so ${action} ${path} failed.`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new AppError('STORAGE_READ_ONLY', `Lectern is not allowed to ${action} ${path}.`);
  }
  if (code === 'ENOENT') return new AppError('NOT_FOUND', `Lectern could not ${action} ${path}: it (or its folder) does not exist.`);
  return new AppError('STORAGE', `Lectern could not ${action} ${path}: ${(error as Error).message}`);
}
