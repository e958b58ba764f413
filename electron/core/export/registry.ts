import type { ExportFormat } from '../../contract/services/export';
import { AppError } from '../errors';
import type { ExporterEntry } from './exporter';
import { markdownExporter } from './markdown';
import { htmlExporter } from './html';
import { docxExporter } from './docx';
import { DOCX_MIME } from './provenanceManifest';

/**
 * Every format, once: its exporter, file extension, type and limits. The service, the CLI and the
 * benchmark all look formats up here; adding one is a file and a line.
 */
const ENTRIES: Partial<Record<ExportFormat, ExporterEntry>> = {};

export function registerExporter(entry: ExporterEntry): void {
  ENTRIES[entry.format] = entry;
}

export function exporterFor(format: ExportFormat): ExporterEntry {
  const entry = ENTRIES[format];
  if (!entry) throw new AppError('VALIDATION', `Lectern cannot export ${format} files.`);
  return entry;
}

export function registeredFormats(): ExportFormat[] {
  return Object.keys(ENTRIES) as ExportFormat[];
}

const MB = 1_000_000;

registerExporter({ format: 'md', exporter: markdownExporter, extension: '.md', mime: 'text/markdown', embedsManifest: false, maxTextChars: 20 * MB });
registerExporter({ format: 'html', exporter: htmlExporter, extension: '.html', mime: 'text/html', embedsManifest: false, maxTextChars: 20 * MB });
registerExporter({ format: 'docx', exporter: docxExporter, extension: '.docx', mime: DOCX_MIME, embedsManifest: true, maxTextChars: 10 * MB });
