import type { TrashedDocument } from '../../../../electron/contract';
import { format, formatWhen, strings } from '../../i18n';

const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

/** "Deleted 3 days ago, deleted for good on 14 October 2026". */
export function trashWhen(item: Pick<TrashedDocument, 'deletedAt' | 'purgeAt'>, now = Date.now()): string {
  return format(strings.trash.when, { when: formatWhen(item.deletedAt, now), date: day.format(item.purgeAt) });
}
