import type { ImportReport } from '../../../../electron/contract';
import { format, strings } from '../../i18n';
import { countOf } from '../library/countOf';

const s = strings.librarySettings;

/** The sentences that report an import: what came in, and what happened to the duplicates. */
export function importReportLines(report: ImportReport): string[] {
  // `imported` counts only lessons new to this library; copies and replacements came in too.
  const lessons = report.imported + report.copies + report.replaced;
  const lines = [format(s.imported, { lessons: countOf(lessons, 'lessons'), versions: countOf(report.revisions, 'versions') })];
  if (report.copies > 0) lines.push(format(s.importedCopies, { lessons: countOf(report.copies, 'lessons') }));
  if (report.skipped > 0) lines.push(format(s.importedSkipped, { lessons: countOf(report.skipped, 'lessons') }));
  if (report.replaced > 0) lines.push(format(s.importedReplaced, { lessons: countOf(report.replaced, 'lessons') }));
  return lines;
}
