import type { RevisionSummary } from '../../../../electron/contract';
import { format, formatWhen, strings } from '../../i18n';
import { countOf } from '../library/countOf';

/** What a version is called in the list: the teacher's label, or how it came about. */
export function revisionName(revision: Pick<RevisionSummary, 'kind' | 'label'>): string {
  if (revision.label) return revision.label;
  return strings.history.kinds[revision.kind];
}

/** The version's accessible name and tooltip: "First draft, 5 minutes ago". */
export function revisionItemName(revision: Pick<RevisionSummary, 'kind' | 'label' | 'createdAt'>, now = Date.now()): string {
  return format(strings.history.itemName, { label: revisionName(revision), when: formatWhen(revision.createdAt, now) });
}

const exact = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short' });

/** "Tuesday 1 September 2026 at 09:00", for a tooltip and for dialogs that need the exact time. */
export function exactTime(epochMs: number): string {
  return exact.format(epochMs);
}

/** "12 words added and 3 words removed since this version", leaving out a side with nothing. */
export function changeSummary(insertedWords: number, deletedWords: number): string {
  const added = countOf(insertedWords, 'words');
  const removed = countOf(deletedWords, 'words');
  if (insertedWords > 0 && deletedWords > 0) return format(strings.history.changeSummary, { added, removed });
  if (insertedWords > 0) return format(strings.history.changeAdded, { added });
  if (deletedWords > 0) return format(strings.history.changeRemoved, { removed });
  return strings.history.noChanges;
}
