import { z } from 'zod';

const Chars = z.number().int().nonnegative();

/** One AI request whose text is in the document. */
export const AuthorshipRequestSchema = z.object({
  interactionId: z.string(),
  /** False when this library holds no record of it (the lesson came from another library). */
  recorded: z.boolean(),
  action: z.string().nullable(),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  askedAt: z.number().int().nullable(),
  unchangedChars: Chars,
  editedChars: Chars,
});
export type AuthorshipRequest = z.infer<typeof AuthorshipRequestSchema>;

const Shares = z.object({ teacher: Chars, aiUnchanged: Chars, aiEdited: Chars, pasted: Chars, imported: Chars });

/**
 * Who wrote a document, in characters of its text (issue 8, §5), computed by core from the
 * document (electron/core/provenance/authorship.ts). Pending suggestions are in no share.
 */
export const AuthorshipSchema = z.object({
  totalChars: Chars,
  /** Whole percentages of totalChars; they add up to 100 (all 0 for an empty document). */
  shares: Shares,
  teacherChars: Chars,
  aiUnchangedChars: Chars,
  aiEditedChars: Chars,
  pastedChars: Chars,
  importedChars: Chars,
  pendingSuggestionChars: Chars,
  /** AI text whose mark names no interaction. */
  unattributedAiChars: Chars,
  requests: z.array(AuthorshipRequestSchema),
});
export type Authorship = z.infer<typeof AuthorshipSchema>;
