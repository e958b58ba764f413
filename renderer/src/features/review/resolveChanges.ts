import type { Node as PmNode, ResolvedPos } from '@tiptap/pm/model';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import { KEEP_SUGGESTIONS, SUGGESTION_BLOCK_ATTR, SUGGESTION_DELETE, SUGGESTION_INSERT, type SuggestionAttrs, type SuggestionBlockAttrs } from './suggestionAttrs';

export type Decision = 'accept' | 'reject';

type Op =
  | { pos: number; end: number; kind: 'text'; remove: boolean; mark: string }
  | { pos: number; end: number; kind: 'block'; remove: boolean };

/** Where the textblock before `pos` ends (its content's end), or null when there is none to join with. */
function previousTextblockEnd(doc: PmNode, pos: number): number | null {
  let p = pos;
  for (let guard = 0; p > 0 && guard < 64; guard++) {
    const $p = doc.resolve(p);
    const before = $p.nodeBefore;
    if (!before) {
      // At the start of a container: a cell or other isolating node is a wall, not a way through.
      if ($p.depth === 0 || $p.parent.type.spec.isolating) return null;
      p = $p.before();
      continue;
    }
    if (before.isTextblock) return p - 1;
    if (before.isLeaf || before.type.spec.isolating || before.type.name === 'table') return null;
    p -= 1;
  }
  return null;
}

/** The range to delete to take away an empty block: the block, or its wrappers that hold nothing else. */
function emptyBlockRange($pos: ResolvedPos, pos: number, node: PmNode): { from: number; to: number } | null {
  let from = pos;
  let to = pos + node.nodeSize;
  for (let d = $pos.depth; d > 0; d--) {
    const parent = $pos.node(d);
    if (parent.childCount !== 1 || parent.type.spec.isolating) break;
    from = $pos.before(d);
    to = $pos.after(d);
  }
  // A document needs one block: its last one stays.
  return from === 0 && to === $pos.doc.content.size ? null : { from, to };
}

/**
 * Accepts or rejects every pending change whose attributes pass `which`, in one transaction
 * (undoable like any edit): accepting an insertion or rejecting a deletion keeps the text and
 * drops the mark; the other two remove the text. A block boundary accepted as removed, or rejected
 * as added, joins its block to the one before (an empty block goes altogether). Work is done back
 * to front, so every position found in the first pass is still right when it is used. `range`
 * limits the scan (a section); by default the whole document.
 */
export function resolveChanges(state: EditorState, decision: Decision, which: (change: SuggestionAttrs) => boolean, range?: { from: number; to: number }): Transaction {
  const { doc } = state;
  const ops: Op[] = [];
  const from = range?.from ?? 0;
  const to = range?.to ?? doc.content.size;
  doc.nodesBetween(from, to, (node, pos) => {
    if (node.isText) {
      for (const mark of node.marks) {
        const name = mark.type.name;
        if ((name === SUGGESTION_INSERT || name === SUGGESTION_DELETE) && which(mark.attrs as SuggestionAttrs)) {
          const remove = name === SUGGESTION_INSERT ? decision === 'reject' : decision === 'accept';
          const last = ops[ops.length - 1];
          // Neighbouring text nodes of one change (split by other marks) are one operation.
          if (last && last.kind === 'text' && last.end === pos && last.mark === name && last.remove === remove) last.end = pos + node.nodeSize;
          else ops.push({ pos, end: pos + node.nodeSize, kind: 'text', remove, mark: name });
        }
      }
      return false;
    }
    const block = node.attrs[SUGGESTION_BLOCK_ATTR] as SuggestionBlockAttrs | null | undefined;
    if (block && which(block)) ops.push({ pos, end: pos, kind: 'block', remove: block.kind === 'insert' ? decision === 'reject' : decision === 'accept' });
    return true;
  });

  const tr = state.tr;
  const { schema } = state;
  for (let i = ops.length - 1; i >= 0; i--) {
    const op = ops[i]!;
    if (op.kind === 'text') {
      if (op.remove) tr.delete(op.pos, op.end);
      else tr.removeMark(op.pos, op.end, schema.marks[op.mark]);
      continue;
    }
    const node = tr.doc.nodeAt(op.pos);
    if (!node) continue;
    if (!op.remove) {
      tr.setNodeAttribute(op.pos, SUGGESTION_BLOCK_ATTR, null);
      continue;
    }
    const prevEnd = previousTextblockEnd(tr.doc, op.pos);
    if (node.content.size === 0) {
      const gone = emptyBlockRange(tr.doc.resolve(op.pos), op.pos, node);
      if (gone) tr.delete(gone.from, gone.to);
      else tr.setNodeAttribute(op.pos, SUGGESTION_BLOCK_ATTR, null);
    } else if (prevEnd !== null) {
      tr.setNodeAttribute(op.pos, SUGGESTION_BLOCK_ATTR, null);
      tr.delete(prevEnd, op.pos + 1);
    } else {
      tr.setNodeAttribute(op.pos, SUGGESTION_BLOCK_ATTR, null);
    }
  }
  return tr.setMeta(KEEP_SUGGESTIONS, true);
}
