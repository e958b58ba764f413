import { Mark } from '@tiptap/core';

/**
 * Marks text that came in from a file (`{ source: file name, importedAt: ISO time }`), so the
 * authorship panel can count it as imported rather than typed. Added by core/import to every text
 * node of an imported document; not inclusive, so what the teacher types beside it is theirs.
 */
export const Imported = Mark.create({
  name: 'imported',
  inclusive: false,
  keepOnSplit: true,

  addAttributes() {
    return {
      source: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-imported'),
        renderHTML: (attributes) => ({ 'data-imported': attributes.source as string | null }),
      },
      importedAt: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-imported-at'),
        renderHTML: (attributes) => ({ 'data-imported-at': attributes.importedAt as string | null }),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'span[data-imported]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['span', HTMLAttributes, 0];
  },
});
