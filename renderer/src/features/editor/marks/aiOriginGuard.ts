import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { isHistoryTransaction } from '@tiptap/pm/history';
import type { MarkType } from '@tiptap/pm/model';

/**
 * Set on a transaction that puts AI text into a document on purpose (inserting an AI answer,
 * streaming a preview), so its `aiOrigin` marks are kept. Code that loads stored content into a
 * live editor with a transaction must set it too, or the marks are taken as typed and dropped.
 */
export const KEEP_AI_ORIGIN = 'lectern:keepAiOrigin';

const key = new PluginKey('aiOriginGuard');

function keepsMarks(tr: Transaction): boolean {
  // Undo and redo put back exactly what was there; a drag moves text without rewriting it.
  return tr.getMeta(KEEP_AI_ORIGIN) === true || isHistoryTransaction(tr) || tr.getMeta('uiEvent') === 'drop';
}

/**
 * Text the teacher types or pastes inside AI text is the teacher's. ProseMirror gives inserted text
 * the marks around the cursor, and `inclusive: false` only helps at the end of a mark, so this
 * removes `aiOrigin` from every range the teacher's transactions inserted. It works on ranges, not
 * on keys, so IME composition, spelling corrections and paste are covered as well as typing.
 */
export function aiOriginGuard(markType: MarkType): Plugin {
  return new Plugin({
    key,
    appendTransaction(transactions, _oldState, newState) {
      let ranges: Array<{ from: number; to: number }> = [];
      for (const tr of transactions) {
        if (!tr.docChanged) continue;
        ranges = ranges
          .map((r) => ({ from: tr.mapping.map(r.from, 1), to: tr.mapping.map(r.to, -1) }))
          .filter((r) => r.to > r.from);
        if (keepsMarks(tr)) continue;
        tr.mapping.maps.forEach((map, index) => {
          const later = tr.mapping.slice(index + 1);
          map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
            if (newEnd > newStart) ranges.push({ from: later.map(newStart, 1), to: later.map(newEnd, -1) });
          });
        });
      }
      if (ranges.length === 0) return null;
      const fix = newState.tr;
      for (const { from, to } of ranges) {
        if (to > from && newState.doc.rangeHasMark(from, to, markType)) fix.removeMark(from, to, markType);
      }
      return fix.docChanged ? fix : null;
    },
  });
}
