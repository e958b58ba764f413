import type { Node as PmNode } from '@tiptap/pm/model';
import { SUGGESTION_BLOCK_ATTR, SUGGESTION_DELETE, SUGGESTION_INSERT, type SuggestionAttrs, type SuggestionBlockAttrs } from './suggestionAttrs';

/** One pending change as the review UI shows it. */
export interface PendingChange {
  attrs: SuggestionAttrs;
  /** From the first to the last position the change covers. */
  from: number;
  to: number;
  inserted: string;
  deleted: string;
  /** Block boundaries it adds or removes. */
  blocks: { insert: number; delete: number };
}

/** One pending suggestion (one AI answer) and its changes, in document order. */
export interface PendingSuggestion {
  suggestionId: string;
  interactionId: string;
  action: string;
  model: string | null;
  at: number;
  changes: PendingChange[];
}

/** Every pending change in the document, in document order (one walk over it). */
export function listChanges(doc: PmNode): PendingChange[] {
  const byId = new Map<string, PendingChange>();
  const get = (attrs: SuggestionAttrs, pos: number) => {
    let change = byId.get(attrs.changeId);
    if (!change) {
      change = { attrs, from: pos, to: pos, inserted: '', deleted: '', blocks: { insert: 0, delete: 0 } };
      byId.set(attrs.changeId, change);
    }
    return change;
  };
  doc.descendants((node, pos) => {
    if (node.isText) {
      for (const mark of node.marks) {
        const name = mark.type.name;
        if (name !== SUGGESTION_INSERT && name !== SUGGESTION_DELETE) continue;
        const change = get(mark.attrs as SuggestionAttrs, pos);
        change.to = Math.max(change.to, pos + node.nodeSize);
        if (name === SUGGESTION_INSERT) change.inserted += node.text;
        else change.deleted += node.text;
      }
      return false;
    }
    const block = node.attrs[SUGGESTION_BLOCK_ATTR] as SuggestionBlockAttrs | null | undefined;
    if (block) {
      const change = get(block, pos);
      change.blocks[block.kind] += 1;
      change.to = Math.max(change.to, pos + 1);
    }
    return true;
  });
  return [...byId.values()].sort((a, b) => a.from - b.from);
}

/** The pending changes grouped by suggestion, oldest request first. */
export function groupBySuggestion(changes: readonly PendingChange[]): PendingSuggestion[] {
  const groups = new Map<string, PendingSuggestion>();
  for (const change of changes) {
    const { suggestionId, interactionId, action, model, at } = change.attrs;
    let group = groups.get(suggestionId);
    if (!group) {
      group = { suggestionId, interactionId, action, model, at, changes: [] };
      groups.set(suggestionId, group);
    }
    group.changes.push(change);
  }
  return [...groups.values()].sort((a, b) => a.at - b.at);
}

/** The change at a position (inside or at the edge of one of its parts), if any. */
export function changeAt(changes: readonly PendingChange[], pos: number): PendingChange | undefined {
  return changes.find((c) => pos >= c.from && pos <= c.to);
}
