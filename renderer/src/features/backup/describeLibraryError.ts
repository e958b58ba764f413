import { LecternCallError } from '../../api/lectern';
import { describeError, format, strings } from '../../i18n';

/** Core words an import refusal as "This file cannot be imported: <reason>. Nothing was changed." */
const CORE_IMPORT_REFUSAL = /^This file cannot be imported: (.+?)\.? Nothing was changed\.?$/s;

/**
 * describeError, plus what core found wrong with an import file ("it is cut off at line 12"): the
 * teacher, or their IT team, can act on the reason, which the general sentence cannot give.
 */
export function describeLibraryError(error: unknown): string {
  const plain = describeError(error);
  if (!(error instanceof LecternCallError) || error.code !== 'IMPORT_INVALID' || !error.message) return plain;
  const reason = CORE_IMPORT_REFUSAL.exec(error.message)?.[1] ?? error.message.replace(/\.$/, '');
  return `${plain} ${format(strings.librarySettings.importDetail, { message: reason })}`;
}

/** An import that failed: the general sentence says nothing was imported whenever the file was refused. */
export function describeImportFailure(error: unknown): string {
  if (error instanceof LecternCallError && error.code === 'IMPORT_INVALID') return describeLibraryError(error);
  return format(strings.librarySettings.importFailed, { reason: describeLibraryError(error) });
}
