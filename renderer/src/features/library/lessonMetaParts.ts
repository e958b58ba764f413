import type { DocumentSummary } from '../../../../electron/contract';
import { strings } from '../../i18n';

/**
 * The metadata worth a glance in a list, shortest first to fit a narrow sidebar: kind, subject,
 * then the year group, or the key stage when no year is set. Folder and tags are for filtering.
 */
export function lessonMetaParts(summary: Pick<DocumentSummary, 'kind' | 'subject' | 'keyStage' | 'yearGroup'>): string[] {
  const parts = [strings.library.kinds[summary.kind]];
  if (summary.subject) parts.push(summary.subject);
  const stage = summary.yearGroup ?? summary.keyStage;
  if (stage) parts.push(stage);
  return parts;
}
