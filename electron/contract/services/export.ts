import { z } from 'zod';
import { method } from '../method';
import { DocumentIdSchema } from './documents';

/** Every format a lesson can leave Lectern in; `lectern export --format` takes the same names. */
export const EXPORT_FORMATS = ['docx', 'pdf', 'pptx', 'md', 'html', 'gift', 'moodle-xml', 'qti'] as const;
export const ExportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

/** pupil: quiz options lettered, no answers; teacher: with the answer key and feedback. */
export const EXPORT_VERSIONS = ['pupil', 'teacher'] as const;
export const ExportVersionSchema = z.enum(EXPORT_VERSIONS);
export type ExportVersion = z.infer<typeof ExportVersionSchema>;

/** The formats that carry only structured quiz questions (and refuse a document without any). */
export const QUIZ_FORMATS: readonly ExportFormat[] = ['gift', 'moodle-xml', 'qti'];

const ExportRequestSchema = z
  .object({
    documentId: DocumentIdSchema,
    version: ExportVersionSchema.default('teacher'),
    /** Add the AI use statement on the last page (slide). */
    aiStatement: z.boolean().default(true),
    /** The teacher's name: the file's author and the statement's reviewer. */
    author: z.string().trim().max(120).optional(),
  })
  .strict();

export const ExportResultSchema = z.object({
  /** Where the file was written (the teacher chose it). */
  file: z.string(),
  format: ExportFormatSchema,
  bytes: z.number().int().nonnegative(),
});
export type ExportResult = z.infer<typeof ExportResultSchema>;

export const ExportStatusSchema = z.object({
  /**
   * AI suggestions not yet accepted or rejected. Export is refused (SUGGESTIONS_PENDING) while
   * any wait; always 0 until suggestions exist.
   */
  pendingSuggestions: z.number().int().nonnegative(),
  /** Structured quiz questions: the quiz formats need at least one. */
  quizQuestions: z.number().int().nonnegative(),
  /** Characters written by AI and still marked so: the statement has something to say. */
  aiCharacters: z.number().int().nonnegative(),
});
export type ExportStatus = z.infer<typeof ExportStatusSchema>;

export const exportContract = {
  status: method(
    'What stands in the way of exporting a document, and what it holds (quiz questions, AI text).',
    z.object({ documentId: DocumentIdSchema }).strict(),
    ExportStatusSchema,
  ),
  toFile: method(
    'Export a document in one format to a file the teacher chooses. Written to a temporary file, then renamed: nothing half-written is left. CANCELLED when they cancel.',
    ExportRequestSchema.extend({ format: ExportFormatSchema }).strict(),
    ExportResultSchema,
  ),
  preview: method(
    'The printable page of a document (self-contained HTML with the print stylesheet), for the print preview.',
    ExportRequestSchema,
    z.object({ html: z.string() }),
  ),
  print: method(
    'Send the printable page of a document to the system print dialog. `printed` is false when the teacher cancelled.',
    ExportRequestSchema,
    z.object({ printed: z.boolean() }),
  ),
};
