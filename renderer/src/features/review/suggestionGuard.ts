import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { isHistoryTransaction } from '@tiptap/pm/history';
import type { Mark, Node as PmNode } from '@tiptap/pm/model';
import { KEEP_SUGGESTIONS, SUGGESTION_DELETE, SUGGESTION_INSERT, type SuggestionAttrs } from './suggestionAttrs';
import { reviewEvents } from './reviewEvents';
import { KEEP_AI_ORIGIN } from '../editor/marks/aiOriginGuard';

const key = new PluginKey('suggestionGuard');

const isSuggestionMark = (mark: Mark) => mark.type.name === SUGGESTION_INSERT || mark.type.name === SUGGESTION_DELETE;

function keeps(tr: Transaction): boolean {
  // Content loaded or inserted on purpose (KEEP_AI_ORIGIN: a restore, an answer) is not typing either.
  return tr.getMeta(KEEP_SUGGESTIONS) === true || tr.getMeta(KEEP_AI_ORIGIN) === true || isHistoryTransaction(tr) || tr.getMeta('uiEvent') === 'drop';
}

/** The suggestion changes a teacher's edit of [from, to) in `doc` touches (inside, not merely beside). */
function touched(doc: PmNode, from: number, to: number, into: Map<string, SuggestionAttrs>): void {
  if (to > from) {
    doc.nodesBetween(from, to, (node) => {
      if (node.isText) for (const m of node.marks) if (isSuggestionMark(m)) into.set(m.attrs.changeId as string, m.attrs as SuggestionAttrs);
      return true;
    });
    return;
  }
  const $pos = doc.resolve(from);
  const before = $pos.nodeBefore?.marks.filter(isSuggestionMark) ?? [];
  const after = $pos.nodeAfter?.marks.filter(isSuggestionMark) ?? [];
  for (const m of before) if (after.some((a) => a.attrs.changeId === m.attrs.changeId)) into.set(m.attrs.changeId as string, m.attrs as SuggestionAttrs);
}

/**
 * What the teacher types or pastes inside a pending suggestion is theirs: ProseMirror gives
 * inserted text the marks around the cursor, so this removes suggestion marks from every range
 * the teacher's transactions inserted (as aiOriginGuard does for aiOrigin). Every change the
 * teacher edited inside is reported once through reviewEvents, so the edit goes on record.
 */
export function suggestionGuard(): Plugin {
  return new Plugin({
    key,
    appendTransaction(transactions, _oldState, newState) {
      let ranges: Array<{ from: number; to: number }> = [];
      const edited = new Map<string, SuggestionAttrs>();
      for (const tr of transactions) {
        if (!tr.docChanged) continue;
        ranges = ranges.map((r) => ({ from: tr.mapping.map(r.from, 1), to: tr.mapping.map(r.to, -1) })).filter((r) => r.to > r.from);
        if (keeps(tr)) continue;
        tr.mapping.maps.forEach((map, index) => {
          const later = tr.mapping.slice(index + 1);
          const before = tr.docs[index]!;
          map.forEach((oldStart, oldEnd, newStart, newEnd) => {
            touched(before, oldStart, oldEnd, edited);
            if (newEnd > newStart) ranges.push({ from: later.map(newStart, 1), to: later.map(newEnd, -1) });
          });
        });
      }
      if (edited.size > 0) reviewEvents.editedInside([...edited.values()]);
      if (ranges.length === 0) return null;
      const fix = newState.tr;
      const { schema } = newState;
      for (const { from, to } of ranges) {
        for (const name of [SUGGESTION_INSERT, SUGGESTION_DELETE]) {
          const type = schema.marks[name];
          if (type && newState.doc.rangeHasMark(from, to, type)) fix.removeMark(from, to, type);
        }
      }
      return fix.docChanged ? fix.setMeta(KEEP_SUGGESTIONS, true) : null;
    },
  });
}
