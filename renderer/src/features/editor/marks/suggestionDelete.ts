import { Mark, mergeAttributes } from '@tiptap/core';
import { SUGGESTION_DELETE, suggestionAttributeSpecs } from '../../review/suggestionAttrs';

/**
 * Text an AI suggestion proposes to remove, still in the document until the change is accepted
 * (attributes: SuggestionAttrs). Shown struck through; a `<del>` element, so assistive technology
 * announces it as deleted. Not inclusive: typing beside it never extends it.
 */
export const SuggestionDelete = Mark.create({
  name: SUGGESTION_DELETE,
  inclusive: false,
  keepOnSplit: false,
  excludes: `${SUGGESTION_DELETE} suggestionInsert`,

  addAttributes() {
    return suggestionAttributeSpecs();
  },

  parseHTML() {
    return [{ tag: 'del[data-suggestion-change-id]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['del', mergeAttributes(HTMLAttributes, { class: 'suggestion suggestion--delete' }), 0];
  },
});
