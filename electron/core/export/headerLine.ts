import type { ExportVersion } from '../../contract/services/export';
import { enGB } from '../../contract/i18n/en-GB';
import type { ExportDocument } from './exporter';

/** "Science · KS3 · Year 8 · Teacher version": the running header of every page. */
export function headerLine(doc: Pick<ExportDocument, 'subject' | 'keyStage' | 'yearGroup'>, version: ExportVersion): string {
  const parts = [doc.subject, doc.keyStage, doc.yearGroup].filter((v): v is string => Boolean(v));
  parts.push(version === 'teacher' ? enGB.exportFile.teacherVersion : enGB.exportFile.pupilVersion);
  return parts.join(' · ');
}
