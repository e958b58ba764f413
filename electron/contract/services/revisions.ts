import { z } from 'zod';
import { method } from '../method';
import { TipTapDocSchema } from '../tiptap';
import { DocumentIdSchema, DocumentSchema, TimestampSchema } from './documents';

/**
 * auto: taken on save, at most every few minutes. named: "Save version" with a label.
 * before-restore / before-import: the state just before a restore or an import changed the document.
 */
export const REVISION_KINDS = ['auto', 'named', 'before-restore', 'before-import'] as const;
export const RevisionKindSchema = z.enum(REVISION_KINDS);
export type RevisionKind = z.infer<typeof RevisionKindSchema>;

export const RevisionIdSchema = z.string().uuid();

export const RevisionSummarySchema = z.object({
  id: RevisionIdSchema,
  documentId: DocumentIdSchema,
  createdAt: TimestampSchema,
  kind: RevisionKindSchema,
  label: z.string().nullable(),
  /** The document's title when the revision was taken. */
  title: z.string(),
});
export type RevisionSummary = z.infer<typeof RevisionSummarySchema>;

export const RevisionSchema = RevisionSummarySchema.extend({ content: TipTapDocSchema, plainText: z.string() });
export type Revision = z.infer<typeof RevisionSchema>;

/** A piece of a diff. Render `insert` and `delete` differently; text is plain, never HTML. */
export const DiffSegmentSchema = z.object({ type: z.enum(['equal', 'insert', 'delete']), text: z.string() });
export type DiffSegment = z.infer<typeof DiffSegmentSchema>;

export const revisionsContract = {
  list: method(
    'The history of a document, newest first.',
    z.object({ documentId: DocumentIdSchema }).strict(),
    z.array(RevisionSummarySchema),
  ),
  get: method('One revision with its content, for a preview.', z.object({ id: RevisionIdSchema }).strict(), RevisionSchema),
  create: method(
    'Save the current state of a document as a named version.',
    z.object({ documentId: DocumentIdSchema, label: z.string().trim().min(1).max(100) }).strict(),
    RevisionSummarySchema,
  ),
  diff: method(
    'What changed from a revision to the current text (or to another revision, `against`): deletions are in the revision only, insertions in the current text only.',
    z.object({ id: RevisionIdSchema, against: RevisionIdSchema.optional() }).strict(),
    z.object({
      segments: z.array(DiffSegmentSchema),
      insertedWords: z.number().int().nonnegative(),
      deletedWords: z.number().int().nonnegative(),
    }),
  ),
  restore: method(
    'Make a revision the current content. The state before is saved first as a before-restore revision: restore that one to undo.',
    z.object({ id: RevisionIdSchema }).strict(),
    z.object({ document: DocumentSchema, undoRevisionId: RevisionIdSchema }),
  ),
};
