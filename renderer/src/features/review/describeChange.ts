import { format, strings } from '../../i18n';
import type { PendingChange } from './listChanges';

const clip = (text: string) => {
  const t = text.trim().replace(/\s+/g, ' ');
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
};

/** What a change does, in words: "Replace “synthesise” with “make”". */
export function describeChange(change: PendingChange): string {
  const inserted = clip(change.inserted);
  const deleted = clip(change.deleted);
  if (inserted && deleted) return format(strings.review.replaced, { inserted, deleted });
  if (inserted) return format(strings.review.inserted, { inserted });
  if (deleted) return format(strings.review.deleted, { deleted });
  return change.blocks.insert > 0 ? strings.review.blockInserted : strings.review.blockDeleted;
}
