import { Mark, mergeAttributes } from '@tiptap/core';
import { SUGGESTION_INSERT, suggestionAttributeSpecs } from '../../review/suggestionAttrs';

/**
 * Text an AI suggestion proposes to add, not yet accepted (attributes: SuggestionAttrs). Shown
 * underlined and coloured; an `<ins>` element, so assistive technology announces it as inserted.
 * Not inclusive and not kept on split: what the teacher types beside or inside it is theirs
 * (review/suggestionGuard.ts strips it from typed text).
 */
export const SuggestionInsert = Mark.create({
  name: SUGGESTION_INSERT,
  inclusive: false,
  keepOnSplit: false,
  excludes: `${SUGGESTION_INSERT} suggestionDelete`,

  addAttributes() {
    return suggestionAttributeSpecs();
  },

  parseHTML() {
    return [{ tag: 'ins[data-suggestion-change-id]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['ins', mergeAttributes(HTMLAttributes, { class: 'suggestion suggestion--insert' }), 0];
  },
});
