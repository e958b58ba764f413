import { ERROR_CODES, type ErrorCode } from '../contract';
import { format, type Strings } from '../contract/i18n/en-GB';
import type { LecternCore } from '../core/app';
import { AppError } from '../core/errors';
import type { Logger } from '../core/log';
import { DamagedLibraryError } from '../core/library/library';

export interface StartupFailureUi {
  showErrorBox(title: string, content: string): void;
}

/**
 * Opens core, or explains in plain English why it could not (a damaged library, one saved by a
 * newer Lectern, a full or read-only disk) and returns undefined so the caller can quit cleanly
 * instead of crashing with a stack trace on a teacher's screen.
 */
export function openCoreOrExplain(
  open: () => LecternCore,
  ui: StartupFailureUi,
  strings: Pick<Strings, 'menu' | 'errors'>,
  log: Logger,
  logDir: string,
): LecternCore | undefined {
  try {
    return open();
  } catch (error) {
    const known = error instanceof AppError && isErrorCode(error.code) && error.code !== 'INTERNAL' ? error.code : undefined;
    log.error('core failed to start', {
      code: known ?? 'INTERNAL',
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    // A code added to the contract before its wording reaches the catalogue still gets a message.
    const catalogue: Partial<Record<string, string>> = strings.errors;
    const explanation = (known && catalogue[known]) || strings.menu.startupFailedUnknown;
    ui.showErrorBox(strings.menu.startupFailedTitle, `${explanation}\n\n${format(strings.menu.startupFailedLogHint, { dir: logDir })}`);
    return undefined;
  }
}

function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

export interface RecoveryUi extends StartupFailureUi {
  showMessageBox(options: {
    type: 'warning';
    title: string;
    message: string;
    detail: string;
    buttons: string[];
    defaultId: number;
    cancelId: number;
    noLink: boolean;
  }): Promise<{ response: number }>;
}

/** What the teacher can choose after a damaged or lost library (core-level, nothing open). */
export interface RecoveryActions {
  restoreBackup(file: string): void;
  /** Creates an empty library, so the next open does not take the missing file for a lost one. */
  startEmpty(): void;
}

/**
 * Like openCoreOrExplain, but a damaged library (already moved aside by core), or one missing or
 * empty beside its backups, is not the end: the teacher may restore the newest backup or start
 * with an empty library, and core opens again.
 */
export async function openCoreWithRecovery(
  open: () => LecternCore,
  recovery: RecoveryActions,
  ui: RecoveryUi,
  strings: Pick<Strings, 'menu' | 'errors' | 'startup'>,
  log: Logger,
  logDir: string,
  formatDate: (epochMs: number) => string,
): Promise<LecternCore | undefined> {
  let damaged: DamagedLibraryError | undefined;
  const first = openCoreOrExplain(
    () => {
      try {
        return open();
      } catch (error) {
        if (error instanceof DamagedLibraryError) damaged = error;
        throw error;
      }
    },
    damagedQuietly(ui, () => damaged !== undefined),
    strings,
    log,
    logDir,
  );
  if (first || !damaged) return first;

  const newest = damaged.backups[0];
  const t = strings.startup;
  const buttons = newest ? [t.restoreNewest, t.startEmpty, t.quit] : [t.startEmpty, t.quit];
  const title = damaged.lost ? t.lostTitle : t.damagedTitle;
  const keptAs = damaged.keptAs ?? '';
  let detail = newest
    ? format(damaged.lost ? t.lostDetail : t.damagedDetail, { keptAs, backupDate: formatDate(newest.createdAt) })
    : format(t.damagedNoBackupDetail, { keptAs });
  if (damaged.lost && damaged.keptAs) detail += `\n\n${format(t.lostKeptAs, { keptAs })}`;
  const { response } = await ui.showMessageBox({
    type: 'warning',
    title,
    message: title,
    detail,
    buttons,
    defaultId: 0,
    cancelId: buttons.length - 1,
    noLink: true,
  });
  const choice = buttons[response];
  if (choice === t.quit || choice === undefined) return undefined;
  if (choice === t.restoreNewest && newest) {
    try {
      recovery.restoreBackup(newest.file);
      log.info('restored a backup after damage', { backup: newest.file });
    } catch (error) {
      log.error('restoring the backup failed', { error: error instanceof Error ? error.message : String(error) });
      ui.showErrorBox(t.restoreFailedTitle, error instanceof Error ? error.message : String(error));
      return undefined;
    }
  } else if (choice === t.startEmpty) {
    try {
      recovery.startEmpty();
      log.info('started an empty library after damage', { keptAs: damaged.keptAs ?? 'nothing to keep' });
    } catch (error) {
      log.error('starting an empty library failed', { error: error instanceof Error ? error.message : String(error) });
      ui.showErrorBox(t.startEmptyFailedTitle, error instanceof Error ? error.message : String(error));
      return undefined;
    }
  }
  return openCoreOrExplain(open, ui, strings, log, logDir);
}

/** Suppresses the error box for the one failure the caller will ask about itself. */
function damagedQuietly(ui: StartupFailureUi, isDamaged: () => boolean): StartupFailureUi {
  return { showErrorBox: (title, content) => (isDamaged() ? undefined : ui.showErrorBox(title, content)) };
}
