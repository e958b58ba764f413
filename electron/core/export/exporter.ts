import type { TipTapDoc } from '../../contract';
import type { ExportFormat, ExportVersion } from '../../contract/services/export';
import type { AiStatement } from './aiStatement';
import type { ProvenanceManifest } from './provenanceManifest';
import type { PdfPrinter } from './printer';

/** What an exporter needs to know about a document: its content and the metadata a file shows. */
export interface ExportDocument {
  id: string;
  title: string;
  kind: string;
  subject: string | null;
  keyStage: string | null;
  yearGroup: string | null;
  tags: readonly string[];
  content: TipTapDoc;
}

export interface ExportOptions {
  /** pupil: quiz options lettered, no answers or feedback; teacher: the answer key too. */
  version: ExportVersion;
  /** The teacher's name, for core properties and the AI use statement. */
  author: string | null;
  /** Epoch milliseconds: the export time shown in the file and recorded in its provenance. */
  now: number;
  /** Added on the last page (slide) when the teacher asked for it. */
  statement: AiStatement | null;
  /** Embedded in the formats that have room for a part of their own (DOCX, PPTX). */
  manifest: ProvenanceManifest | null;
  /** Only PDF needs it: Electron's printToPDF in the app, Chromium over CDP in the harness and tests. */
  printer?: PdfPrinter | undefined;
}

/** One format: a document in, the file's bytes out. Nothing is written here (see writeExport). */
export type Exporter = (doc: ExportDocument, options: ExportOptions) => Promise<Uint8Array>;

export interface ExporterEntry {
  format: ExportFormat;
  exporter: Exporter;
  extension: string;
  mime: string;
  /** True for formats with a provenance part of their own (verify-export reads them). */
  embedsManifest: boolean;
  /** Largest document this format takes, in characters of text; larger ones get EXPORT_TOO_LARGE. */
  maxTextChars: number;
}
