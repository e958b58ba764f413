import { z } from 'zod';

/**
 * Pending AI suggestions as documents store them (renderer/src/features/review/README.md): two
 * marks and a textblock attribute, each carrying the same attributes. Core checks them wherever a
 * document comes in (save, restore, import), so a suggestion that reaches the library can always
 * be shown, reviewed and put on record.
 */
export const SUGGESTION_MARK_TYPES = ['suggestionInsert', 'suggestionDelete'] as const;
export const SUGGESTION_BLOCK_ATTR = 'suggestion';

const Id = z.string().min(1).max(100);

export const SuggestionAttrsSchema = z
  .object({
    changeId: Id,
    suggestionId: Id,
    interactionId: Id,
    action: z.string().min(1).max(64),
    model: z.string().max(200).nullable(),
    at: z.number().int().nonnegative(),
  })
  .strict();
export type SuggestionAttrs = z.infer<typeof SuggestionAttrsSchema>;

export const SuggestionBlockAttrsSchema = SuggestionAttrsSchema.extend({ kind: z.enum(['insert', 'delete']) }).strict();

export const isSuggestionMark = (type: string): boolean => (SUGGESTION_MARK_TYPES as readonly string[]).includes(type);

/** Adds an issue for a suggestion mark whose attributes are not SuggestionAttrs. */
export function checkSuggestionMark(mark: { type: string; attrs?: Record<string, unknown> }, ctx: z.RefinementCtx): void {
  if (!isSuggestionMark(mark.type)) return;
  const parsed = SuggestionAttrsSchema.safeParse(mark.attrs ?? {});
  if (!parsed.success) ctx.addIssue({ code: 'custom', message: `A ${mark.type} mark needs valid suggestion attributes: ${parsed.error.issues[0]?.message ?? ''}`, path: ['attrs'] });
}

/** Adds an issue for a block whose `suggestion` attribute is neither null nor SuggestionBlockAttrs. */
export function checkSuggestionBlock(node: { attrs?: Record<string, unknown> }, ctx: z.RefinementCtx): void {
  const value = node.attrs?.[SUGGESTION_BLOCK_ATTR];
  if (value === undefined || value === null) return;
  const parsed = SuggestionBlockAttrsSchema.safeParse(value);
  if (!parsed.success) ctx.addIssue({ code: 'custom', message: `A block suggestion needs valid attributes: ${parsed.error.issues[0]?.message ?? ''}`, path: ['attrs', SUGGESTION_BLOCK_ATTR] });
}
