import { z } from 'zod';
import { method } from '../method';
import { DocumentIdSchema, DocumentSummarySchema, TimestampSchema } from './documents';

export const TrashedDocumentSchema = DocumentSummarySchema.extend({
  deletedAt: TimestampSchema,
  /** When the document will be deleted for good. */
  purgeAt: TimestampSchema,
});
export type TrashedDocument = z.infer<typeof TrashedDocumentSchema>;

export const trashContract = {
  list: method('Documents in the trash, most recently deleted first. Each is deleted for good 30 days after it was trashed (purgeAt).', z.object({}).strict(), z.array(TrashedDocumentSchema)),
  restore: method(
    'Take a document out of the trash.',
    z.object({ id: DocumentIdSchema }).strict(),
    DocumentSummarySchema,
  ),
  empty: method(
    'Delete documents in the trash for good, with their history: all of them, or only `ids`.',
    z.object({ ids: z.array(DocumentIdSchema).min(1).max(10_000).optional() }).strict(),
    z.object({ purged: z.number().int().nonnegative() }),
  ),
};
