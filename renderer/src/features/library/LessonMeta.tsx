import type { DocumentSummary } from '../../../../electron/contract';
import { format, formatWhen, strings } from '../../i18n';
import { lessonMetaParts } from './lessonMetaParts';

/** The short line under a lesson's title in the library: kind, subject, year, when edited. */
export function LessonMeta({ summary }: { summary: DocumentSummary }) {
  return (
    <span className="sidebar__meta">
      {[...lessonMetaParts(summary), format(strings.library.updated, { when: formatWhen(summary.updatedAt) })].join(' · ')}
    </span>
  );
}
