import type { Editor } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import type { TipTapNode } from '../../../../electron/contract';
import { insertAnswer, type InsertMode } from '../ai/insertAnswer';
import { KEEP_AI_ORIGIN } from '../editor/marks/aiOriginGuard';
import { blockWordDiff, type Hunk } from './wordDiff';
import { KEEP_SUGGESTIONS, SUGGESTION_BLOCK_ATTR, SUGGESTION_BLOCK_TYPES, SUGGESTION_DELETE, SUGGESTION_INSERT, type SuggestionAttrs } from './suggestionAttrs';
import { resolveChanges } from './resolveChanges';

/** Who asked for the answer being applied. `at` defaults to now. */
export interface SuggestionMeta {
  interactionId: string;
  action: string;
  model?: string | null;
  at?: number;
}

export interface AppliedSuggestion {
  tr: Transaction;
  suggestionId: string;
  /** The changes made, in document order (empty when the answer changes nothing). */
  changeIds: string[];
}

const newId = () => crypto.randomUUID();
const BLOCK_TYPES = new Set<string>(SUGGESTION_BLOCK_TYPES);

/**
 * Puts an AI answer into the document as tracked changes against the text it replaces, in one
 * undoable transaction: a word-level diff (wordDiff.ts) between the selected range and the answer
 * as `insertAnswer` would place it; each difference keeps the old words, marked `suggestionDelete`,
 * followed by the new ones, marked `suggestionInsert` (with the answer's `aiOrigin`); a block
 * boundary added or removed sets the `suggestion` attribute of the block after it. Accepting every
 * change gives exactly what `insertAnswer` would have, rejecting every one gives the text as it was;
 * that is checked, and where the diff cannot be laid over the old structure (a paragraph turned
 * into a table, say) the whole range becomes one change instead.
 *
 * `mode: 'after'` (continue writing) adds the answer as new blocks after the selection: one insertion.
 */
export function suggestionTransaction(
  state: EditorState,
  range: { from: number; to: number },
  nodes: readonly TipTapNode[],
  meta: SuggestionMeta,
  mode: InsertMode = 'replace',
): AppliedSuggestion {
  const suggestionId = newId();
  const base: Omit<SuggestionAttrs, 'changeId'> = { suggestionId, interactionId: meta.interactionId, action: meta.action, model: meta.model ?? null, at: meta.at ?? Date.now() };
  const a = state.doc;
  const b = insertAnswer(state, range, nodes, mode).doc;

  const start = a.content.findDiffStart(b.content);
  if (start === null) return { tr: state.tr, suggestionId, changeIds: [] };
  const end = a.content.findDiffEnd(b.content)!;
  // Whole textblocks on both sides, so no word is cut in two; the text outside is the same in both.
  const $s = a.resolve(start);
  const fromAll = $s.parent.isTextblock ? $s.start() : start;
  const $e = a.resolve(Math.max(end.a, fromAll));
  const grow = ($e.parent.isTextblock ? $e.end() : end.a) - end.a;
  const region = { fromA: fromAll, toA: Math.max(end.a, fromAll) + grow, fromB: fromAll, toB: Math.max(end.b, fromAll) + grow };

  const hunks = mode === 'after' ? [region] : blockWordDiff(a, region.fromA, region.toA, b, region.fromB, region.toB);

  // The changes are laid on a small document holding only the top-level blocks they touch, then
  // put into the lesson in one step: the work follows the size of the answer, not of the lesson.
  const first = a.resolve(region.fromA).index(0);
  const lastA = Math.min(a.childCount - 1, Math.max(first, a.resolve(region.toA).index(0)));
  const lastB = Math.min(b.childCount - 1, Math.max(first, b.childCount - (a.childCount - lastA)));
  let off = 0;
  for (let i = 0; i < first; i++) off += a.child(i).nodeSize;
  let endA = off;
  for (let i = first; i <= lastA; i++) endA += a.child(i).nodeSize;
  let endB = off;
  for (let i = first; i <= lastB; i++) endB += b.child(i).nodeSize;
  const { schema } = state;
  const miniA = schema.topNodeType.create(a.attrs, a.content.cut(off, endA));
  const miniB = schema.topNodeType.create(b.attrs, b.content.cut(off, endB));
  const mini = EditorState.create({ schema, doc: miniA });
  const shift = (h: Hunk): Hunk => ({ fromA: h.fromA - off, toA: h.toA - off, fromB: h.fromB - off, toB: h.toB - off });
  const miniRegion = shift(region);
  let built = lay(mini, miniB, hunks.map(shift), base, miniRegion);
  if (!built.ok && hunks.length > 1) built = lay(mini, miniB, [miniRegion], base, miniRegion);
  if (!built.ok) throw new Error('The AI answer could not be shown as changes to this part of the lesson.');
  const { changeIds } = built;
  const tr = state.tr.replaceWith(off, endA, built.tr.doc.content).setMeta(KEEP_AI_ORIGIN, true).setMeta(KEEP_SUGGESTIONS, true);
  const at = Math.min(off + built.tr.mapping.map(Math.max(0, Math.min(range.to - off, miniA.content.size)), 1), tr.doc.content.size);
  tr.setSelection(TextSelection.near(tr.doc.resolve(at), -1));
  return { tr: tr.scrollIntoView(), suggestionId, changeIds };

  function lay(s: EditorState, target: PmNode, list: Hunk[], attrs: Omit<SuggestionAttrs, 'changeId'>, region: Hunk): { ok: boolean; tr: Transaction; changeIds: string[] } {
    const tr = s.tr.setMeta(KEEP_AI_ORIGIN, true).setMeta(KEEP_SUGGESTIONS, true);
    const { schema } = s;
    const ins = schema.marks[SUGGESTION_INSERT]!;
    const del = schema.marks[SUGGESTION_DELETE]!;
    const ids: string[] = [];
    const markBlocks = (from: number, to: number, full: SuggestionAttrs, kind: 'insert' | 'delete') => {
      tr.doc.nodesBetween(from, to, (node, pos) => {
        if (pos >= from && pos < to && BLOCK_TYPES.has(node.type.name) && node.type.spec.attrs?.[SUGGESTION_BLOCK_ATTR] !== undefined) {
          tr.setNodeAttribute(pos, SUGGESTION_BLOCK_ATTR, { ...full, kind });
        }
        return !node.isTextblock;
      });
    };
    // Back to front, so each hunk's old-document positions are still right when it is laid.
    for (let i = list.length - 1; i >= 0; i--) {
      const h = list[i]!;
      const changeId = newId();
      const full: SuggestionAttrs = { ...attrs, changeId };
      ids.unshift(changeId);
      if (h.toB > h.fromB) {
        const slice = target.slice(h.fromB, h.toB);
        tr.replace(h.toA, h.toA, slice);
        const end = tr.mapping.maps[tr.mapping.maps.length - 1]!.map(h.toA, 1);
        tr.addMark(h.toA, end, ins.create(full));
        markBlocks(h.toA, end, full, 'insert');
      }
      if (h.toA > h.fromA) {
        tr.addMark(h.fromA, h.toA, del.create(full));
        markBlocks(h.fromA, h.toA, full, 'delete');
      }
    }
    // Checked over the changed region only (the text outside it is untouched), so the cost follows the answer, not the lesson.
    const after = s.applyTransaction(tr).state;
    const mine = (c: SuggestionAttrs) => c.suggestionId === attrs.suggestionId;
    const regionEnd = tr.mapping.map(region.toA, 1);
    const scan = { from: region.fromA, to: regionEnd };
    const slice = (doc: PmNode, from: number, to: number) => doc.textBetween(from, to, '\n', '\u2022');
    const accepted = resolveChanges(after, 'accept', mine, scan);
    const rejected = resolveChanges(after, 'reject', mine, scan);
    const ok =
      slice(accepted.doc, region.fromA, accepted.mapping.map(regionEnd, 1)) === slice(target, region.fromB, region.toB) &&
      slice(rejected.doc, region.fromA, rejected.mapping.map(regionEnd, 1)) === slice(s.doc, region.fromA, region.toA);
    return { ok, tr, changeIds: ids };
  }
}

/**
 * The API other features use (§3's "Ask AI to change this section" among them): applies an answer
 * to `range` of the editor's document as tracked changes, focusing the editor first so the caret
 * lands after the suggestion. Returns the suggestion's id and its changes' ids.
 */
export function applyAnswerAsSuggestions(
  editor: Editor,
  range: { from: number; to: number },
  answer: readonly TipTapNode[] | string,
  meta: SuggestionMeta,
  mode: InsertMode = 'replace',
): { suggestionId: string; changeIds: string[] } {
  const nodes: readonly TipTapNode[] = typeof answer === 'string' ? textToNodes(answer, meta.interactionId) : answer;
  const { tr, suggestionId, changeIds } = suggestionTransaction(editor.state, range, nodes, meta, mode);
  editor.view.focus();
  editor.view.dispatch(tr);
  return { suggestionId, changeIds };
}

/** Plain answer text as paragraphs (a blank line between them), each text carrying the interaction's aiOrigin. */
export function textToNodes(text: string, interactionId: string): TipTapNode[] {
  return text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0)
    .map((block) => ({ type: 'paragraph', content: [{ type: 'text', text: block, marks: [{ type: 'aiOrigin', attrs: { interactionId } }] }] }));
}
