/** Block-level Markdown: a heading, a list item, a quote, a fence, a table's divider row. */
const BLOCK = [/^#{1,6}\s+\S/m, /^\s{0,3}[-*+]\s+(\[[ xX]\]\s+)?\S/m, /^\s{0,3}\d{1,3}[.)]\s+\S/m, /^>\s?\S/m, /^```/m, /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$/m];
/** Inline Markdown: strong, emphasis, a link, code. */
const INLINE = [/\*\*[^*\n]+\*\*/, /__[^_\n]+__/, /\[[^\]\n]+\]\((https?:\/\/|mailto:)[^)\s]+\)/, /`[^`\n]+`/, /(^|\s)\*[^*\s][^*\n]*\*(\s|$|[.,;:!?])/];

/**
 * True when pasted plain text reads as Markdown rather than prose: two or more different signs,
 * or one block sign on text of several lines. A single "*" or "- " in prose is not enough.
 */
export function looksLikeMarkdown(text: string): boolean {
  if (text.length > 2_000_000) return false;
  const blocks = BLOCK.filter((re) => re.test(text)).length;
  const inline = INLINE.filter((re) => re.test(text)).length;
  const lines = text.split('\n').filter((l) => l.trim()).length;
  if (blocks + inline >= 2) return true;
  return blocks === 1 && lines >= 2;
}
