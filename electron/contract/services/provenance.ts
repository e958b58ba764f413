import { z } from 'zod';
import { method } from '../method';
import { DocumentIdSchema } from './documents';
import { ModerationSummarySchema, RedactionSummarySchema } from './ai';
import { AuthorshipSchema } from './authorship';

export * from './authorship';

export const INTERACTION_STATUSES = ['running', 'completed', 'cancelled', 'failed', 'blocked'] as const;
export const InteractionStatusSchema = z.enum(INTERACTION_STATUSES);
export type InteractionStatus = z.infer<typeof InteractionStatusSchema>;

export const UsageSchema = z.object({
  inputTokens: z.number().int().nonnegative().nullable(),
  outputTokens: z.number().int().nonnegative().nullable(),
});

export const InteractionSummarySchema = z.object({
  id: z.string(),
  documentId: z.string().nullable(),
  action: z.string(),
  provider: z.string(),
  model: z.string(),
  status: InteractionStatusSchema,
  createdAt: z.number().int(),
  latencyMs: z.number().nullable(),
  firstTokenMs: z.number().nullable(),
  errorCode: z.string().nullable(),
  moderation: ModerationSummarySchema.nullable(),
  redactions: RedactionSummarySchema,
  /** When its stored text (parameters, request, answer, error) was erased because its lesson was deleted for good. */
  contentErasedAt: z.number().int().nullable(),
});
export type InteractionSummary = z.infer<typeof InteractionSummarySchema>;

export const InteractionSchema = InteractionSummarySchema.extend({
  parameters: z.record(z.string(), z.unknown()),
  /** The request as it was sent: already redacted (placeholders, never pupils' details). */
  request: z.record(z.string(), z.unknown()),
  /** The answer as received (placeholders not restored), partial when cancelled or cut. */
  response: z.string().nullable(),
  usage: UsageSchema,
  errorMessage: z.string().nullable(),
});
export type Interaction = z.infer<typeof InteractionSchema>;

export const CHECKPOINT_STATUSES = ['match', 'mismatch', 'missing', 'invalid', 'unavailable'] as const;

export const VerifyResultSchema = z.object({
  /** True when the chain, every interaction and the keyed checkpoint agree, and no past incident is on record. */
  ok: z.boolean(),
  /** Audit entries checked. */
  checkedRows: z.number().int().nonnegative(),
  /** Recorded AI interactions checked against the chain (every column). */
  checkedInteractions: z.number().int().nonnegative(),
  /** Interactions whose text was erased because their lesson was deleted for good (their hashes still verify). */
  erasedInteractions: z.number().int().nonnegative(),
  /** The first audit entry (its seq) that is altered, missing or does not link, or null. */
  firstBrokenSeq: z.number().int().nullable(),
  /** The first interaction that no longer matches the chain, was added outside it, or was deleted. */
  alteredInteractionId: z.string().nullable(),
  /** The keyed checkpoint kept outside the database, against the end of the log. */
  checkpoint: z.object({
    status: z.enum(CHECKPOINT_STATUSES),
    /** The entry count the checkpoint vouches for (null when there is none to read). */
    seq: z.number().int().nonnegative().nullable(),
    /** The entry count of the log now. */
    logSeq: z.number().int().nonnegative(),
  }),
  /** Restores and imports on record: why the log may legitimately have gone back. */
  replacements: z.array(
    z.object({
      seq: z.number().int(),
      at: z.number().int(),
      kind: z.enum(['restore', 'fresh-start', 'import']),
      /** The backup or library file (null for a fresh start). */
      file: z.string().nullable(),
      /** Restore: entries in the log it replaced; import: null. */
      replacedEntries: z.number().int().nullable(),
      /** Restore: entries the backup brought back; import: documents added or replaced. */
      restoredEntries: z.number().int().nullable(),
      /** Restore: whether the backup's own checkpoint matched it ('absent' for backups made before checkpoints). */
      backupCheckpoint: z.enum(['match', 'mismatch', 'absent', 'invalid']).nullable(),
    }),
  ),
  /** Where the checkpoint had to start again (first use, or its key was not available), and past mismatches found at open. */
  incidents: z.array(
    z.object({
      seq: z.number().int(),
      at: z.number().int(),
      kind: z.enum(['checkpoint-started', 'checkpoint-mismatch', 'checkpoint-missing', 'checkpoint-invalid']),
      /** What the previous checkpoint vouched for, when it could be read. */
      checkpointSeq: z.number().int().nullable(),
      logSeq: z.number().int().nullable(),
    }),
  ),
  message: z.string(),
});
export type VerifyResult = z.infer<typeof VerifyResultSchema>;

export const provenanceContract = {
  listInteractions: method(
    'AI interactions recorded for a document, newest first.',
    z.object({ documentId: DocumentIdSchema }).strict(),
    z.array(InteractionSummarySchema),
  ),
  getInteraction: method('One recorded AI interaction in full (redacted request and raw answer).', z.object({ id: z.string().min(1).max(100) }).strict(), InteractionSchema),
  verify: method('Check that the audit log and the recorded interactions have not been altered.', z.object({}).strict(), VerifyResultSchema),
  authorship: method(
    'Who wrote a document: the share of its text typed by the teacher, written by the AI and kept unchanged, written by the AI then edited, pasted and imported, with the AI requests it holds (computed from the document).',
    z.object({ documentId: DocumentIdSchema }).strict(),
    AuthorshipSchema,
  ),
};
