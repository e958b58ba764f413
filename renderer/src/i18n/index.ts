import { enGB, format, type Strings } from '../../../electron/contract/i18n/en-GB';
import { LecternCallError } from '../api/lectern';

/** The active locale. Welsh and others plug in here once their catalogues exist. */
export const strings: Strings = enGB;
export { format };

/** A sentence a teacher understands for any failure. */
export function describeError(error: unknown): string {
  if (error instanceof LecternCallError) return strings.errors[error.code] ?? error.message;
  return strings.errors.INTERNAL;
}

const relative = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' });
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** "2 minutes ago", "yesterday", or a date once it is more than a week old. */
export function formatWhen(epochMs: number, now = Date.now()): string {
  const seconds = Math.round((epochMs - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return relative.format(0, 'second');
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86_400) return relative.format(Math.round(seconds / 86_400), 'day');
  return dateTime.format(epochMs);
}
