import type { EditorState } from '@tiptap/pm/state';
import type { Mark } from '@tiptap/pm/model';
import { SUGGESTION_DELETE, SUGGESTION_INSERT, type SuggestionAttrs } from './suggestionAttrs';
import type { PendingChange } from './listChanges';

const isSuggestion = (m: Mark) => m.type.name === SUGGESTION_INSERT || m.type.name === SUGGESTION_DELETE;
// A change is words, not pages: looking this far either side of the caret finds all of it.
const REACH = 4000;

/**
 * The change the caret is in or touching, read from the text around it only, so it costs the
 * same in a 100-page lesson as in a short one (it runs on every keystroke).
 */
export function changeAtCursor(state: EditorState): PendingChange | undefined {
  const { $from } = state.selection;
  const mark = $from.nodeAfter?.marks.find(isSuggestion) ?? $from.nodeBefore?.marks.find(isSuggestion);
  if (!mark) return undefined;
  const attrs = mark.attrs as SuggestionAttrs;
  const { doc } = state;
  const change: PendingChange = { attrs, from: Infinity, to: -1, inserted: '', deleted: '', blocks: { insert: 0, delete: 0 } };
  doc.nodesBetween(Math.max(0, $from.pos - REACH), Math.min(doc.content.size, $from.pos + REACH), (node, pos) => {
    if (!node.isText) return true;
    for (const m of node.marks) {
      if (!isSuggestion(m) || m.attrs.changeId !== attrs.changeId) continue;
      change.from = Math.min(change.from, pos);
      change.to = Math.max(change.to, pos + node.nodeSize);
      if (m.type.name === SUGGESTION_INSERT) change.inserted += node.text;
      else change.deleted += node.text;
    }
    return false;
  });
  return change.to < 0 ? undefined : change;
}
