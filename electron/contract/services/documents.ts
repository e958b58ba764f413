import { z } from 'zod';
import { method } from '../method';
import { TipTapDocSchema } from '../tiptap';

export const DOCUMENT_KINDS = ['lesson-plan', 'worksheet', 'quiz', 'rubric', 'scheme-of-work', 'note'] as const;
export const DocumentKindSchema = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof DocumentKindSchema>;

export const DocumentIdSchema = z.string().uuid();
/** Epoch milliseconds. */
export const TimestampSchema = z.number().int().nonnegative();
const Timestamp = TimestampSchema;

// Control characters never belong in a name a teacher types; refusing them keeps exports,
// file names and snippets free of surprises.
const printable = (value: string) => {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return false;
  }
  return true;
};

/**
 * Explicit bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) make
 * a title display as something other than what it says ("Trojan Source"), in the sidebar, in
 * exported file names and in the audit trail. Right-to-left text needs none of them; the implicit
 * marks (U+200E, U+200F, U+061C) stay allowed.
 */
const noBidiOverride = (value: string) => !/[\u202A-\u202E\u2066-\u2069]/.test(value);

export const TitleSchema = z
  .string()
  .trim()
  .max(200)
  .refine(printable, 'must not contain control characters')
  .refine(noBidiOverride, 'must not contain bidirectional override characters');

/** A subject, key stage or year group: one of the library's editable lists (see `library.lists`). */
export const ListValueSchema = z.string().trim().min(1).max(80).refine(printable, 'must not contain control characters');

export const TagSchema = z.string().trim().min(1).max(40).refine(printable, 'must not contain control characters');

/**
 * A folder path such as `Year 7/Autumn term`: segments separated by `/`, none empty, `.` or `..`,
 * no backslashes. Folders are labels in the library, never directories on disk.
 */
export const FolderSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine(printable, 'must not contain control characters')
  .refine(
    (value) => !value.includes('\\') && value.split('/').every((s) => s.trim() !== '' && s.trim() !== '.' && s.trim() !== '..'),
    'must be names separated by /, without empty, "." or ".." parts or backslashes',
  )
  .transform((value) => value.split('/').map((s) => s.trim()).join('/'));

export const DocumentSummarySchema = z.object({
  id: DocumentIdSchema,
  title: z.string(),
  kind: DocumentKindSchema,
  subject: z.string().nullable(),
  keyStage: z.string().nullable(),
  yearGroup: z.string().nullable(),
  folder: z.string().nullable(),
  /** Sorted case-insensitively. */
  tags: z.array(z.string()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** Set while the document is in the trash. */
  deletedAt: Timestamp.nullable(),
});
export type DocumentSummary = z.infer<typeof DocumentSummarySchema>;

export const DocumentSchema = DocumentSummarySchema.extend({ content: TipTapDocSchema });
export type LecternDocument = z.infer<typeof DocumentSchema>;

/** Metadata fields a caller may set; `null` clears a field, an absent field is left as it is. */
export const DocumentMetadataSchema = z.object({
  kind: DocumentKindSchema.optional(),
  subject: ListValueSchema.nullable().optional(),
  keyStage: ListValueSchema.nullable().optional(),
  yearGroup: ListValueSchema.nullable().optional(),
  folder: FolderSchema.nullable().optional(),
  /** Replaces all tags. Duplicates (ignoring case) are merged. */
  tags: z.array(TagSchema).max(30).optional(),
});
export type DocumentMetadataInput = z.output<typeof DocumentMetadataSchema>;

/** The metadata filters shared by `documents.list` and `search.query`. All given filters must match. */
export const LibraryFilterSchema = z.object({
  kind: DocumentKindSchema.optional(),
  subject: ListValueSchema.optional(),
  keyStage: ListValueSchema.optional(),
  yearGroup: ListValueSchema.optional(),
  tag: TagSchema.optional(),
  /** This folder and its subfolders. */
  folder: FolderSchema.optional(),
});
export type LibraryFilter = z.output<typeof LibraryFilterSchema>;

export const DOCUMENT_SORTS = ['updated', 'created', 'title'] as const;
export const DocumentSortSchema = z.enum(DOCUMENT_SORTS);
export type DocumentSort = z.infer<typeof DocumentSortSchema>;

const ById = z.object({ id: DocumentIdSchema }).strict();

export const documentsContract = {
  create: method(
    'Create a document and return it.',
    z
      .object({
        title: TitleSchema.optional(),
        kind: DocumentKindSchema.default('lesson-plan'),
        content: TipTapDocSchema.optional(),
        subject: ListValueSchema.nullable().optional(),
        keyStage: ListValueSchema.nullable().optional(),
        yearGroup: ListValueSchema.nullable().optional(),
        folder: FolderSchema.nullable().optional(),
        tags: z.array(TagSchema).max(30).optional(),
      })
      .strict(),
    DocumentSchema,
  ),
  list: method(
    'List documents not in the trash: most recently edited first, or by `sort` (created: newest first; title: A to Z).',
    LibraryFilterSchema.extend({ sort: DocumentSortSchema.default('updated') }).strict(),
    z.array(DocumentSummarySchema),
  ),
  get: method('Open one document. NOT_FOUND for one in the trash (see trash.list and trash.restore).', ById, DocumentSchema),
  rename: method(
    'Change a document title.',
    z.object({ id: DocumentIdSchema, title: TitleSchema }).strict(),
    DocumentSummarySchema,
  ),
  save: method(
    'Save the editor content of a document. Takes an automatic revision at most every few minutes.',
    z.object({ id: DocumentIdSchema, content: TipTapDocSchema }).strict(),
    z.object({ updatedAt: Timestamp }),
  ),
  updateMetadata: method(
    'Change kind, subject, key stage, year group, folder or tags. Subject, key stage and year group must be in the library lists.',
    DocumentMetadataSchema.extend({ id: DocumentIdSchema }).strict(),
    DocumentSummarySchema,
  ),
  duplicate: method(
    'Copy a document (content, metadata and tags; not its history) under a new title.',
    z.object({ id: DocumentIdSchema, title: TitleSchema.optional() }).strict(),
    DocumentSchema,
  ),
  delete: method(
    'Move a document to the trash. It can be restored for 30 days (trash.restore).',
    ById,
    z.object({ deleted: z.literal(true) }),
  ),
};
