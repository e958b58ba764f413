import { ERROR_CODES, type ErrorCode } from '../contract';
import { format, type Strings } from '../contract/i18n/en-GB';
import type { LecternCore } from '../core/app';
import { AppError } from '../core/errors';
import type { Logger } from '../core/log';

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
