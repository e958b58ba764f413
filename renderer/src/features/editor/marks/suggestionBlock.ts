import { Extension } from '@tiptap/core';
import { SUGGESTION_BLOCK_ATTR, SUGGESTION_BLOCK_TYPES, type SuggestionBlockAttrs } from '../../review/suggestionAttrs';
import { suggestionGuard } from '../../review/suggestionGuard';
import { keptSelection } from '../../review/keptSelection';

/**
 * A block boundary an AI suggestion adds (`kind: 'insert'`: a paragraph split, a list item added)
 * or proposes to remove (`kind: 'delete'`: two paragraphs joined, a paragraph removed), as the
 * `suggestion` attribute of the textblock after the boundary. Text marks cannot carry a boundary,
 * so this is the one structural part of a suggestion. Not kept on split: a block the teacher makes
 * by pressing Enter is theirs. Also installs the guard that keeps typed text the teacher's, and the highlight that keeps
 * a selection visible while the editor does not have the focus.
 */
export const SuggestionBlock = Extension.create({
  name: 'suggestionBlock',

  addGlobalAttributes() {
    return [
      {
        types: [...SUGGESTION_BLOCK_TYPES],
        attributes: {
          [SUGGESTION_BLOCK_ATTR]: {
            default: null,
            keepOnSplit: false,
            parseHTML: (element) => {
              const raw = element.getAttribute('data-suggestion-block');
              if (!raw) return null;
              try {
                return JSON.parse(raw) as SuggestionBlockAttrs;
              } catch {
                return null;
              }
            },
            renderHTML: (attributes) => {
              const value = attributes[SUGGESTION_BLOCK_ATTR] as SuggestionBlockAttrs | null | undefined;
              if (!value) return {};
              return { 'data-suggestion-block': JSON.stringify(value), class: `suggestion-block suggestion-block--${value.kind}` };
            },
          },
        },
      },
    ];
  },

  addProseMirrorPlugins() {
    return [suggestionGuard(), keptSelection()];
  },
});
