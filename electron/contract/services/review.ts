import { z } from 'zod';
import { method } from '../method';
import { DocumentIdSchema } from './documents';

const Id = z.string().min(1).max(100);

/**
 * What a teacher did with one AI change: accepted or rejected it, or edited inside it; or, for a
 * generated document's section, marked it reviewed (changeId then names the section).
 */
export const REVIEW_DECISIONS = ['accepted', 'rejected', 'edited', 'section-reviewed'] as const;
export const ReviewDecisionKindSchema = z.enum(REVIEW_DECISIONS);
export type ReviewDecisionKind = z.infer<typeof ReviewDecisionKindSchema>;

export const ReviewDecisionInputSchema = z
  .object({ interactionId: Id, suggestionId: z.string().max(100), changeId: Id, decision: ReviewDecisionKindSchema })
  .strict();
export type ReviewDecisionInput = z.infer<typeof ReviewDecisionInputSchema>;

export const ReviewDecisionSchema = ReviewDecisionInputSchema.extend({
  documentId: z.string().nullable(),
  reviewer: z.string(),
  at: z.number().int(),
  /** The audit-log entry that holds it. */
  auditSeq: z.number().int(),
});
export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;

export const ReviewSummarySchema = z.object({
  interactionId: z.string(),
  /** Changes the AI's answer was shown as (0 when none was recorded). */
  changes: z.number().int().nonnegative(),
  /** Changes whose latest decision is accepted / rejected. */
  accepted: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  /** Changes the teacher edited inside (they may also be accepted or rejected). */
  edited: z.number().int().nonnegative(),
  /** Sections marked reviewed. */
  sectionsReviewed: z.number().int().nonnegative(),
  /** Who decided most recently, and when; null before any decision. */
  lastReviewer: z.string().nullable(),
  lastDecisionAt: z.number().int().nullable(),
  /** Everyone who decided, in order of first decision. */
  reviewers: z.array(z.string()),
});
export type ReviewSummary = z.infer<typeof ReviewSummarySchema>;

export const ReviewerNameSchema = z.string().trim().min(1, 'Enter your name').max(100);

export const reviewContract = {
  recordApplied: method(
    'An AI answer was shown in a lesson as tracked changes: its interaction, suggestion and how many changes.',
    z.object({ documentId: DocumentIdSchema, interactionId: Id, suggestionId: Id, action: z.string().min(1).max(64), changes: z.number().int().nonnegative().max(100_000) }).strict(),
    z.object({ auditSeq: z.number().int() }),
  ),
  recordDecisions: method(
    'Put review decisions on record (database and audit log), by the teacher named in Settings, now.',
    z.object({ documentId: DocumentIdSchema, decisions: z.array(ReviewDecisionInputSchema).min(1).max(5000) }).strict(),
    z.object({ recorded: z.number().int(), reviewer: z.string(), at: z.number().int() }),
  ),
  summary: method('How an interaction\'s changes were reviewed: counts, reviewers, when.', z.object({ interactionId: Id }).strict(), ReviewSummarySchema),
  decisions: method('Every review decision on record for an interaction, oldest first.', z.object({ interactionId: Id }).strict(), z.array(ReviewDecisionSchema)),
  getReviewer: method('The name review decisions are recorded under (Settings → Your name; by default the computer account\'s name).', z.object({}).strict(), z.object({ name: z.string(), isDefault: z.boolean() })),
  setReviewer: method('Set the name review decisions are recorded under; null goes back to the computer account\'s name.', z.object({ name: ReviewerNameSchema.nullable() }).strict(), z.object({ name: z.string(), isDefault: z.boolean() })),
};
