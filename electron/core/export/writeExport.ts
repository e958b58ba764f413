import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../errors';

/** The file system calls writeExport makes, so tests can make each one fail as a disk would. */
export interface ExportFs {
  openSync: typeof openSync;
  writeSync: (fd: number, data: Uint8Array, offset: number, length: number) => number;
  fsyncSync: typeof fsyncSync;
  closeSync: typeof closeSync;
  renameSync: typeof renameSync;
  unlinkSync: typeof unlinkSync;
}

export const nodeExportFs: ExportFs = {
  openSync,
  writeSync: (fd, data, offset, length) => writeSync(fd, data, offset, length),
  fsyncSync,
  closeSync,
  renameSync,
  unlinkSync,
};

/**
 * Writes `bytes` to `file` through a temporary file beside it, flushed and then renamed over the
 * target, so the target is either the old file or the whole new one. On any failure the temporary
 * file is removed and the error says what the teacher can do.
 */
export function writeExport(file: string, bytes: Uint8Array, fs: ExportFs = nodeExportFs): void {
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString('hex')}.part`);
  let fd: number | undefined;
  let created = false;
  try {
    fd = fs.openSync(temp, 'wx');
    created = true;
    let offset = 0;
    while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, file);
    created = false;
  } catch (error) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // Closing a descriptor whose write failed can fail too; the unlink below still runs.
      }
    }
    if (created) {
      try {
        fs.unlinkSync(temp);
      } catch (cleanup) {
        throw new AppError('EXPORT_WRITE', `${explain(error, file).message} A temporary file could not be removed either: ${temp} (${String(cleanup)}).`);
      }
    }
    throw explain(error, file);
  }
}

/** The error a teacher sees for a failed write, by the system's error code. */
export function explain(error: unknown, file: string): AppError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const name = basename(file);
  const folder = dirname(file);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError('FILE_DISK_FULL', `The disk is full, so ${name} was not written. Free some space, or choose another drive, and export again.`);
    case 'EBUSY':
    case 'ETXTBSY':
      return new AppError('FILE_LOCKED', `${name} is open in another program (Word, PowerPoint or a PDF reader). Close it there, or choose another name, and export again.`);
    case 'EPERM':
    case 'EACCES':
    case 'EROFS':
      // Windows reports a file held open by Word as EPERM on rename; elsewhere this is the folder.
      return new AppError(
        'FILE_UNWRITABLE',
        `Lectern is not allowed to write ${name} in ${folder}. If the file is open in another program, close it; otherwise choose a folder you can save in.`,
      );
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError('FILE_UNWRITABLE', `The folder ${folder} does not exist any more. Choose another folder.`);
    case 'EISDIR':
      return new AppError('FILE_UNWRITABLE', `${file} is a folder. Choose a file name.`);
    default:
      return new AppError('EXPORT_WRITE', `${name} could not be written (${code ?? String(error)}). Nothing was changed.`);
  }
}
