import { z } from 'zod';
import { method } from '../method';
import { DocumentSummarySchema, LibraryFilterSchema } from './documents';

/** Text split into plain and matched pieces: render `match: true` pieces highlighted, as text (never innerHTML). */
export const HighlightedTextSchema = z.array(z.object({ text: z.string(), match: z.boolean() }));
export type HighlightedText = z.infer<typeof HighlightedTextSchema>;

export const SearchResultSchema = z.object({
  document: DocumentSummarySchema,
  title: HighlightedTextSchema,
  /** A short passage of the body around the best matches; `…` marks cut text. Empty when only the title matched. */
  snippet: HighlightedTextSchema,
});
export type SearchResult = z.infer<typeof SearchResultSchema>;

export const searchContract = {
  query: method(
    'Find documents (not in the trash) by words in the title or text, best first. The last word matches as a prefix while typing; British and American spellings find each other.',
    LibraryFilterSchema.extend({
      // SQLite ends an FTS5 query at a NUL: refused here, it is the caller's mistake, not the library's.
      text: z.string().max(500).refine((text) => !text.includes('\u0000'), 'must not contain NUL characters'),
      limit: z.number().int().min(1).max(200).default(30),
    }).strict(),
    z.object({ results: z.array(SearchResultSchema) }),
  ),
};
