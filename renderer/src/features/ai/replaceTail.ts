import { Fragment } from '@tiptap/pm/model';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import type { TipTapNode } from '../../../../electron/contract';
import { KEEP_AI_ORIGIN } from '../editor/marks/aiOriginGuard';

/**
 * The index of the first top-level node that differs between what a view shows and the newest
 * answer, by identity (the job reducer keeps unchanged nodes' identity); -1 when nothing changed.
 */
export function firstChangedIndex(shown: readonly TipTapNode[], next: readonly TipTapNode[]): number {
  const common = Math.min(shown.length, next.length);
  for (let i = 0; i < common; i++) if (shown[i] !== next[i]) return i;
  return shown.length === next.length ? -1 : common;
}

/**
 * Replaces the document's top-level nodes from `from` on with `nodes`, leaving the earlier ones
 * (and their DOM) alone: the cost of one streamed update is the changed tail, not the answer.
 * Not undoable on its own: it is a view of a stream, not an edit.
 */
export function replaceTail(state: EditorState, from: number, nodes: readonly TipTapNode[]): Transaction {
  const { doc, schema } = state;
  const start = Math.min(from, doc.childCount);
  let pos = 0;
  for (let i = 0; i < start; i++) pos += doc.child(i).nodeSize;
  let fragment = Fragment.fromArray(nodes.map((n) => schema.nodeFromJSON(n)));
  // A document needs at least one block.
  if (start === 0 && fragment.size === 0) fragment = Fragment.from(schema.nodes.paragraph!.create());
  return state.tr.replaceWith(pos, doc.content.size, fragment).setMeta(KEEP_AI_ORIGIN, true).setMeta('addToHistory', false);
}
