import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import { history, undo } from '@tiptap/pm/history';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import type { Node as PmNode } from '@tiptap/pm/model';
import type { TipTapNode } from '../../../electron/contract';
import { lessonExtensions } from '../../../renderer/src/features/editor/extensions';
import { aiOriginGuard } from '../../../renderer/src/features/editor/marks/aiOriginGuard';
import { suggestionGuard } from '../../../renderer/src/features/review/suggestionGuard';
import { suggestionTransaction } from '../../../renderer/src/features/review/applyAnswerAsSuggestions';
import { resolveChanges } from '../../../renderer/src/features/review/resolveChanges';
import { groupBySuggestion, listChanges } from '../../../renderer/src/features/review/listChanges';
import { reviewEvents } from '../../../renderer/src/features/review/reviewEvents';
import { insertAnswer } from '../../../renderer/src/features/ai/insertAnswer';

const schema = getSchema(lessonExtensions());
const ai = (text: string): TipTapNode => ({ type: 'text', text, marks: [{ type: 'aiOrigin', attrs: { interactionId: 'int-1' } }] });
const p = (text: string): TipTapNode => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] });
const aiP = (text: string): TipTapNode => ({ type: 'paragraph', content: [ai(text)] });
const meta = { interactionId: 'int-1', action: 'simplify', model: 'gpt-test', at: 1_700_000_000_000 };

function stateOf(...blocks: TipTapNode[]): EditorState {
  return EditorState.create({ schema, doc: schema.nodeFromJSON({ type: 'doc', content: blocks }), plugins: [aiOriginGuard(schema.marks.aiOrigin!), suggestionGuard(), history()] });
}
const text = (doc: PmNode) => doc.textBetween(0, doc.content.size, '\n', '•');
const all = () => true;

/** Applies `answer` over the whole document's text and returns the state with the suggestion. */
function suggest(state: EditorState, answer: TipTapNode[], range = { from: 1, to: state.doc.content.size - 1 }) {
  const applied = suggestionTransaction(state, range, answer, meta);
  return { ...applied, state: state.apply(applied.tr) };
}

describe('AI answers as tracked changes', () => {
  it('marks word-level insertions and deletions with the suggestion, interaction, action and time', () => {
    const before = stateOf(p('Photosynthesis is the process by which green plants synthesise glucose.'));
    const { state, changeIds, suggestionId } = suggest(before, [aiP('Photosynthesis is how green plants make glucose.')]);
    const changes = listChanges(state.doc);
    expect(changes.map((c) => [c.deleted, c.inserted])).toEqual([
      ['the process by which ', 'how '],
      ['synthesise', 'make'],
    ]);
    expect(changes.map((c) => c.attrs.changeId)).toEqual(changeIds);
    expect(changes[0]!.attrs).toMatchObject({ suggestionId, interactionId: 'int-1', action: 'simplify', model: 'gpt-test', at: meta.at });
    // The old text is still there, struck through, beside the new: nothing is lost until accepted.
    expect(text(state.doc)).toBe('Photosynthesis is the process by which how green plants synthesisemake glucose.');
    // Unchanged words stay the teacher's: only inserted words carry aiOrigin.
    const aiWords: string[] = [];
    state.doc.descendants((n) => {
      if (n.isText && n.marks.some((m) => m.type.name === 'aiOrigin')) aiWords.push(n.text!);
    });
    expect(aiWords).toEqual(['how ', 'make']);
  });

  it('accepting everything gives the answer as insertAnswer would, rejecting everything gives the original, and both undo', () => {
    const before = stateOf(p('Plants need light. They also need water and air.'), p('Second paragraph stays.'));
    const answer = [aiP('Plants need light.'), aiP('They need water, air and warmth.')];
    const { state } = suggest(before, answer, { from: 1, to: 49 });
    const expected = insertAnswer(before, { from: 1, to: 49 }, answer, 'replace').doc;
    const accepted = state.apply(resolveChanges(state, 'accept', all));
    expect(text(accepted.doc)).toBe(text(expected));
    expect(accepted.doc.childCount).toBe(3);
    expect(listChanges(accepted.doc)).toEqual([]);
    const rejected = state.apply(resolveChanges(state, 'reject', all));
    expect(text(rejected.doc)).toBe(text(before.doc));
    expect(rejected.doc.childCount).toBe(2);
    let undone = accepted;
    undo(undone, (tr) => (undone = undone.apply(tr)));
    expect(listChanges(undone.doc).length).toBe(listChanges(state.doc).length);
  });

  it('shows a paragraph split and a list item added as block changes', () => {
    const before = stateOf({ type: 'bulletList', content: [{ type: 'listItem', content: [p('Apples and pears')] }] });
    const answer: TipTapNode[] = [{ type: 'bulletList', content: [{ type: 'listItem', content: [aiP('Apples and pears')] }, { type: 'listItem', content: [aiP('Plums')] }] }];
    const { state } = suggest(before, answer, { from: 0, to: before.doc.content.size });
    const changes = listChanges(state.doc);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.inserted).toBe('Plums');
    expect(changes[0]!.blocks.insert).toBe(1);
    const rejected = state.apply(resolveChanges(state, 'reject', all));
    expect(rejected.doc.toJSON()).toEqual(before.doc.toJSON());
    const accepted = state.apply(resolveChanges(state, 'accept', all));
    expect(accepted.doc.firstChild!.childCount).toBe(2);

    const split = stateOf(p('First idea. Second idea.'));
    const s2 = suggest(split, [aiP('First idea.'), aiP('Second idea.')]).state;
    expect(listChanges(s2.doc)[0]!.blocks.insert).toBe(1);
    expect(s2.apply(resolveChanges(s2, 'reject', all)).doc.toJSON()).toEqual(split.doc.toJSON());
    expect(s2.apply(resolveChanges(s2, 'accept', all)).doc.childCount).toBe(2);

    const join = stateOf(p('One.'), p('Two.'));
    const s3 = suggest(join, [aiP('One. Two.')], { from: 1, to: join.doc.content.size - 1 }).state;
    expect(listChanges(s3.doc).some((c) => c.blocks.delete === 1)).toBe(true);
    expect(text(s3.apply(resolveChanges(s3, 'accept', all)).doc)).toBe('One. Two.');
    expect(s3.apply(resolveChanges(s3, 'reject', all)).doc.toJSON()).toEqual(join.doc.toJSON());
  });

  it('accepts or rejects one change by itself', () => {
    const before = stateOf(p('The big cat sat on the old mat today.'));
    const { state } = suggest(before, [aiP('The small cat sat on the new mat today.')]);
    const [first, second] = listChanges(state.doc);
    const one = state.apply(resolveChanges(state, 'accept', (c) => c.changeId === first!.attrs.changeId));
    const two = one.apply(resolveChanges(one, 'reject', (c) => c.changeId === second!.attrs.changeId));
    expect(text(two.doc)).toBe('The small cat sat on the old mat today.');
    expect(listChanges(two.doc)).toEqual([]);
  });

  it('text the teacher types inside a suggestion is theirs, and the edit is reported', () => {
    const before = stateOf(p('Cells divide by mitosis.'));
    const { state } = suggest(before, [aiP('Cells split by mitosis.')]);
    const change = listChanges(state.doc)[0]!;
    const reported: string[] = [];
    const off = reviewEvents.onEditInside((cs) => reported.push(...cs.map((c) => c.changeId)));
    const inside = change.to - 2;
    const typed = state.apply(state.tr.setSelection(TextSelection.create(state.doc, inside)).insertText('X'));
    off();
    expect(reported).toEqual([change.attrs.changeId]);
    let marked = false;
    typed.doc.descendants((n) => {
      if (n.isText && n.text!.includes('X')) marked = n.marks.some((m) => m.type.name.startsWith('suggestion'));
    });
    expect(marked).toBe(false);
    // Rejecting the AI's change keeps what the teacher typed inside it.
    const rejected = typed.apply(resolveChanges(typed, 'reject', all));
    expect(text(rejected.doc)).toContain('X');
    expect(text(rejected.doc).replace('X', '')).toBe('Cells divide by mitosis.');
  });

  it('groups pending changes by request', () => {
    const before = stateOf(p('Alpha beta gamma.'), p('Delta epsilon zeta.'));
    const first = suggest(before, [aiP('Alpha bravo gamma.')], { from: 1, to: 18 }).state;
    const second = suggest(first, [aiP('Delta echo zeta.')], { from: first.doc.child(0).nodeSize + 1, to: first.doc.content.size - 1 });
    const groups = groupBySuggestion(listChanges(second.state.doc));
    expect(groups).toHaveLength(2);
    expect(groups.map((g) => g.changes.length)).toEqual([1, 1]);
  });
});
