import { z } from 'zod';
import { method } from '../method';
import { TipTapDocSchema } from '../tiptap';

export const DOCUMENT_KINDS = ['lesson-plan', 'worksheet', 'quiz', 'rubric', 'scheme-of-work', 'note'] as const;
export const DocumentKindSchema = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof DocumentKindSchema>;

export const DocumentIdSchema = z.string().uuid();
export const TitleSchema = z.string().trim().max(200);

/** Epoch milliseconds. */
const Timestamp = z.number().int().nonnegative();

export const DocumentSummarySchema = z.object({
  id: DocumentIdSchema,
  title: z.string(),
  kind: DocumentKindSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type DocumentSummary = z.infer<typeof DocumentSummarySchema>;

export const DocumentSchema = DocumentSummarySchema.extend({ content: TipTapDocSchema });
export type LecternDocument = z.infer<typeof DocumentSchema>;

const ById = z.object({ id: DocumentIdSchema }).strict();

export const documentsContract = {
  create: method(
    'Create a document and return it.',
    z
      .object({
        title: TitleSchema.optional(),
        kind: DocumentKindSchema.default('lesson-plan'),
        content: TipTapDocSchema.optional(),
      })
      .strict(),
    DocumentSchema,
  ),
  list: method('List documents, most recently edited first.', z.object({}).strict(), z.array(DocumentSummarySchema)),
  get: method('Open one document.', ById, DocumentSchema),
  rename: method(
    'Change a document title.',
    z.object({ id: DocumentIdSchema, title: TitleSchema }).strict(),
    DocumentSummarySchema,
  ),
  save: method(
    'Save the editor content of a document.',
    z.object({ id: DocumentIdSchema, content: TipTapDocSchema }).strict(),
    z.object({ updatedAt: Timestamp }),
  ),
  delete: method('Delete a document.', ById, z.object({ deleted: z.literal(true) })),
};
