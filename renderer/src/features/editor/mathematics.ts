import { Extension, type AnyExtension } from '@tiptap/core';
import { Mathematics } from '@tiptap/extension-mathematics';
import type { KatexOptions } from 'katex';
// Bundled by Vite with its fonts, so they load from the page's own origin (CSP font-src 'self').
import 'katex/dist/katex.min.css';

/**
 * Equations (issue 10 §4): TipTap's mathematics extension (inlineMath, blockMath, each holding
 * LaTeX in `latex`), drawn by KaTeX. KaTeX's output includes MathML, which screen readers read;
 * `trust: false` keeps \href, \includegraphics and the like out. Clicking an equation, or
 * Mod+Shift+E with it selected, opens the equation dialog on its source; Mod+Shift+E elsewhere
 * inserts a new one. Typing $$x^2$$ makes an inline equation, $$$x^2$$$ a block (the extension's rules).
 */
export const KATEX_OPTIONS: KatexOptions = { throwOnError: false, output: 'htmlAndMathml', trust: false, strict: 'ignore' };

export type EquationKind = 'inline' | 'block';
export interface EquationRequest {
  latex: string;
  kind: EquationKind;
  /** The equation's position when editing one; undefined for a new equation. */
  pos?: number;
}

/** Set by the editor's host (LessonEditor), which shows the dialog. */
export const equationRequests: { edit?: (request: EquationRequest) => void } = {};

const EquationShortcut = Extension.create({
  name: 'equationShortcut',
  addKeyboardShortcuts() {
    return {
      'Mod-Shift-e': ({ editor }) => {
        const { selection } = editor.state;
        const node = editor.state.doc.nodeAt(selection.from);
        if (node && (node.type.name === 'inlineMath' || node.type.name === 'blockMath') && selection.to - selection.from === node.nodeSize) {
          equationRequests.edit?.({ latex: node.attrs.latex as string, kind: node.type.name === 'blockMath' ? 'block' : 'inline', pos: selection.from });
        } else {
          equationRequests.edit?.({ latex: '', kind: 'inline' });
        }
        return true;
      },
    };
  },
});

export function lessonMathematics(): AnyExtension[] {
  return [
    Mathematics.configure({
      katexOptions: KATEX_OPTIONS,
      inlineOptions: { onClick: (node, pos) => equationRequests.edit?.({ latex: node.attrs.latex as string, kind: 'inline', pos }) },
      blockOptions: { onClick: (node, pos) => equationRequests.edit?.({ latex: node.attrs.latex as string, kind: 'block', pos }) },
    }),
    EquationShortcut,
  ];
}
