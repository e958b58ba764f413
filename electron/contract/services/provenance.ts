import { z } from 'zod';
import { method } from '../method';
import { DocumentIdSchema } from './documents';
import { ModerationSummarySchema, RedactionSummarySchema } from './ai';

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

export const VerifyResultSchema = z.object({
  ok: z.boolean(),
  checkedRows: z.number().int().nonnegative(),
  /** The audit row (its seq) where the chain first breaks, or null. */
  firstBrokenSeq: z.number().int().nullable(),
  /** An interaction whose stored request or answer no longer matches what the audit log recorded. */
  alteredInteractionId: z.string().nullable(),
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
};
