import { z } from 'zod';
import { method } from '../method';
import { FolderSchema } from './documents';

/**
 * Limits on files brought in from outside (issue 10 §2). Every one is checked before the file is
 * parsed; why each number was chosen is in docs/import.md.
 */
export const IMPORT_CAPS = {
  /** Bytes of one file. A long Word scheme of work with photos is 5–20 MB. */
  maxFileBytes: 50 * 1024 * 1024,
  /** Files in one import. */
  maxFiles: 50,
  /**
   * Entries in a DOCX's zip. A Word document has 10–40, plus one per image; this only bounds reading
   * the zip's table of contents, so it sits well above the image cap, which says more to a teacher.
   */
  maxZipEntries: 20_000,
  /** Bytes of a DOCX once every zip entry is expanded. */
  maxExpandedBytes: 250 * 1024 * 1024,
  /** Expanded ÷ compressed, for an entry that expands past 1 MiB (Word's XML is 5–20×). */
  maxCompressionRatio: 100,
  /** Images in one document. */
  maxImages: 1_000,
} as const;

export const IMPORT_FORMATS = ['docx', 'markdown', 'html', 'text'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Why a file did not come in. The renderer and the CLI say each in the teacher's words. */
export const IMPORT_PROBLEMS = [
  /** Larger than maxFileBytes. */
  'TOO_LARGE',
  /** Neither a Word document (.docx), Markdown, HTML nor plain text, whatever its name says. */
  'NOT_SUPPORTED',
  /** An older Word document (.doc, a compound file): Word can save it as .docx. */
  'LEGACY_WORD',
  /** A password-protected Word document. */
  'ENCRYPTED',
  /** The zip is incomplete or damaged (a truncated download). */
  'DAMAGED',
  /** More zip entries, expanded bytes or a higher compression ratio than the caps allow. */
  'ZIP_BOMB',
  /** More images than maxImages. */
  'TOO_MANY_IMAGES',
  /** The file could not be read from the disk. */
  'READ_FAILED',
] as const;
export type ImportProblem = (typeof IMPORT_PROBLEMS)[number];

/** What a document held that Lectern could not bring in. Listed in the report, never dropped silently. */
export const NOT_IMPORTED_KINDS = [
  'textBox',
  'chart',
  'smartArt',
  'comment',
  'trackedChange',
  'embeddedObject',
  'macro',
  'equation',
  'image',
  'remoteImage',
  'unsupportedContent',
] as const;
export type NotImportedKind = (typeof NOT_IMPORTED_KINDS)[number];

export const NotImportedSchema = z.object({
  kind: z.enum(NOT_IMPORTED_KINDS),
  count: z.number().int().positive(),
  /** A short English detail for logs and the CLI (a file name inside the document, say). */
  detail: z.string().optional(),
});
export type NotImported = z.infer<typeof NotImportedSchema>;

export const ImportFileResultSchema = z.object({
  fileName: z.string(),
  format: z.enum(IMPORT_FORMATS).nullable(),
  status: z.enum(['imported', 'failed']),
  documentId: z.string().optional(),
  title: z.string().optional(),
  problem: z.enum(IMPORT_PROBLEMS).optional(),
  /** English, for logs and the CLI; the renderer says `problem` in its own words. */
  message: z.string().optional(),
  imagesImported: z.number().int().nonnegative(),
  notImported: z.array(NotImportedSchema),
});
export type ImportFileResult = z.infer<typeof ImportFileResultSchema>;

export const FileImportReportSchema = z.object({
  /** True when the teacher closed the file dialog without choosing. */
  cancelled: z.boolean(),
  results: z.array(ImportFileResultSchema),
});
export type FileImportReport = z.infer<typeof FileImportReportSchema>;

/** The extensions the file dialog offers; the format itself is always read from the bytes. */
export const IMPORT_EXTENSIONS = ['docx', 'docm', 'md', 'markdown', 'html', 'htm', 'txt'] as const;

const MAX_BASE64 = Math.ceil(IMPORT_CAPS.maxFileBytes / 3) * 4 + 4;

export const importContract = {
  files: method(
    'Ask the teacher for files in a native dialog (several at once) and import each as a new lesson: Word (.docx), Markdown, HTML or plain text. Each file comes in whole or not at all; the report says, per file, what came in and what could not.',
    z.object({ folder: FolderSchema.optional() }).strict(),
    FileImportReportSchema,
  ),
  data: method(
    'Import files the teacher dropped on the window (their bytes, base64-encoded), each as a new lesson, with the same checks and report as import.files.',
    z
      .object({
        files: z
          .array(
            z
              .object({
                name: z.string().min(1).max(255),
                data: z.string().max(MAX_BASE64).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
              })
              .strict(),
          )
          .min(1)
          .max(IMPORT_CAPS.maxFiles),
        folder: FolderSchema.optional(),
      })
      .strict(),
    FileImportReportSchema,
  ),
};
