import { Fragment, Slice } from '@tiptap/pm/model';
import { TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import type { TipTapNode } from '../../../../electron/contract';
import { KEEP_AI_ORIGIN } from '../editor/marks/aiOriginGuard';

export type InsertMode = 'replace' | 'after';

/**
 * Puts an AI answer into the document: over the selection (`replace`) or as new blocks after the
 * block where the selection ends (`after`, for "continue writing"). A one-paragraph answer
 * replacing part of a paragraph goes in as inline text, so the sentence around it stays one
 * paragraph. The answer's `aiOrigin` marks are kept; the step is one undoable edit.
 */
export function insertAnswer(state: EditorState, range: { from: number; to: number }, nodes: readonly TipTapNode[], mode: InsertMode): Transaction {
  const { schema } = state;
  const blocks = nodes.map((n) => schema.nodeFromJSON(n));
  const tr = state.tr;
  const to = Math.min(range.to, state.doc.content.size);
  const from = Math.min(range.from, to);
  let end: number;
  if (mode === 'after') {
    const $to = state.doc.resolve(to);
    const at = $to.parent.isTextblock && $to.depth > 0 ? $to.after() : to;
    tr.replaceRange(at, at, new Slice(Fragment.fromArray(blocks), 0, 0));
    end = tr.mapping.map(at, 1);
  } else {
    const only = blocks.length === 1 ? blocks[0]! : undefined;
    if (only && only.type === schema.nodes.paragraph && state.doc.resolve(from).parent.isTextblock) {
      tr.replaceWith(from, to, only.content);
    } else {
      tr.replaceRange(from, to, new Slice(Fragment.fromArray(blocks), 0, 0));
    }
    end = tr.mapping.map(to, 1);
  }
  tr.setSelection(TextSelection.near(tr.doc.resolve(Math.min(end, tr.doc.content.size)), -1));
  return tr.setMeta(KEEP_AI_ORIGIN, true).scrollIntoView();
}

/** Follows a remembered selection through later edits (the teacher may type while the AI writes). */
export function mapRange(range: { from: number; to: number }, map: (pos: number, assoc: number) => number): { from: number; to: number } {
  const from = map(range.from, 1);
  const to = Math.max(from, map(range.to, -1));
  return { from, to };
}
