import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import { history, redo, undo } from '@tiptap/pm/history';
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import type { Node as PmNode } from '@tiptap/pm/model';
import type { TipTapNode } from '../../../electron/contract';
import { lessonExtensions } from '../../../renderer/src/features/editor/extensions';
import { aiOriginGuard, KEEP_AI_ORIGIN } from '../../../renderer/src/features/editor/marks/aiOriginGuard';
import { insertAnswer, mapRange } from '../../../renderer/src/features/ai/insertAnswer';
import { replaceTail } from '../../../renderer/src/features/ai/replaceTail';

const schema = getSchema(lessonExtensions());
const ai = (text: string, id = 'int-1'): TipTapNode => ({ type: 'text', text, marks: [{ type: 'aiOrigin', attrs: { interactionId: id } }] });
const plain = (text: string): TipTapNode => ({ type: 'text', text });
const p = (...content: TipTapNode[]): TipTapNode => ({ type: 'paragraph', content });

function stateOf(...blocks: TipTapNode[]): EditorState {
  return EditorState.create({
    schema,
    doc: schema.nodeFromJSON({ type: 'doc', content: blocks }),
    plugins: [aiOriginGuard(schema.marks.aiOrigin!), history()],
  });
}

/** Each run of text with whether it carries aiOrigin, e.g. [['Plants ', true], ['and trees', false]]. */
function runs(doc: PmNode): Array<[string, boolean]> {
  const out: Array<[string, boolean]> = [];
  doc.descendants((node) => {
    if (node.isText) out.push([node.text!, node.marks.some((m) => m.type.name === 'aiOrigin')]);
  });
  return out;
}

const apply = (state: EditorState, tr: Transaction) => state.apply(tr);
const command = (state: EditorState, cmd: (s: EditorState, d: (tr: Transaction) => void) => boolean): EditorState => {
  let next = state;
  cmd(state, (tr) => (next = state.apply(tr)));
  return next;
};

describe('aiOrigin in the editor', () => {
  it('gives text typed inside AI text to the teacher, and keeps the AI text around it', () => {
    let state = stateOf(p(ai('Plants make food.')));
    // Position 7 is just after "Plants" (1 for the paragraph's opening, then 6 characters).
    state = apply(state, state.tr.insertText(' and trees', 7));
    expect(runs(state.doc)).toEqual([
      ['Plants', true],
      [' and trees', false],
      [' make food.', true],
    ]);
  });

  it('does not extend AI text when typing at its end (the mark is not inclusive)', () => {
    let state = stateOf(p(ai('AI says')));
    const end = state.doc.content.size - 1;
    state = apply(state, state.tr.setSelection(TextSelection.create(state.doc, end)));
    state = apply(state, state.tr.insertText(' and I add'));
    expect(runs(state.doc)).toEqual([
      ['AI says', true],
      [' and I add', false],
    ]);
  });

  it('puts AI text back exactly on undo, and the teacher’s text on redo', () => {
    const start = stateOf(p(ai('Plants make food.')));
    const typed = apply(start, start.tr.insertText('X', 7));
    const undone = command(typed, undo);
    expect(runs(undone.doc)).toEqual([['Plants make food.', true]]);
    const redone = command(undone, redo);
    expect(runs(redone.doc)).toEqual(runs(typed.doc));
  });

  it('keeps aiOrigin on content put there on purpose, and strips it from content pasted in without the flag', () => {
    const state = stateOf(p(plain('Teacher text.')));
    const content = schema.nodeFromJSON(p(ai('AI text.')));
    const kept = apply(state, state.tr.insert(state.doc.content.size, content).setMeta(KEEP_AI_ORIGIN, true));
    expect(runs(kept.doc)).toEqual([
      ['Teacher text.', false],
      ['AI text.', true],
    ]);
    const stripped = apply(state, state.tr.insert(state.doc.content.size, content));
    expect(runs(stripped.doc)).toEqual([
      ['Teacher text.', false],
      ['AI text.', false],
    ]);
  });
});

describe('inserting an AI answer', () => {
  it('replaces part of a paragraph inline with a one-paragraph answer, marked as AI', () => {
    let state = stateOf(p(plain('Hello brave new world')));
    // "brave new" runs from 7 to 16.
    state = apply(state, insertAnswer(state, { from: 7, to: 16 }, [p(ai('bold'))], 'replace'));
    expect(state.doc.childCount).toBe(1);
    expect(runs(state.doc)).toEqual([
      ['Hello ', false],
      ['bold', true],
      [' world', false],
    ]);
    expect(state.selection.from).toBe(11);
  });

  it('replaces whole paragraphs with a several-paragraph answer', () => {
    let state = stateOf(p(plain('Keep this.')), p(plain('Replace this.')));
    const second = state.doc.child(0).nodeSize;
    state = apply(state, insertAnswer(state, { from: second + 1, to: state.doc.content.size - 1 }, [p(ai('One.')), p(ai('Two.'))], 'replace'));
    expect(state.doc.toJSON().content.map((n: TipTapNode) => n.content?.[0]?.text)).toEqual(['Keep this.', 'One.', 'Two.']);
    expect(runs(state.doc).map(([, isAi]) => isAi)).toEqual([false, true, true]);
  });

  it('continues after the block where the selection ends, leaving the selection alone', () => {
    let state = stateOf(p(plain('First.')), p(plain('Second.')));
    state = apply(state, insertAnswer(state, { from: 1, to: 7 }, [p(ai('Continued.'))], 'after'));
    expect(state.doc.toJSON().content.map((n: TipTapNode) => n.content?.[0]?.text)).toEqual(['First.', 'Continued.', 'Second.']);
  });

  it('is one undoable step', () => {
    const before = stateOf(p(plain('Hello brave new world')));
    const after = apply(before, insertAnswer(before, { from: 7, to: 16 }, [p(ai('bold'))], 'replace'));
    expect(command(after, undo).doc.eq(before.doc)).toBe(true);
  });

  it('follows the remembered selection through the teacher’s edits meanwhile', () => {
    const state = stateOf(p(plain('Hello brave new world')));
    const tr = state.tr.insertText('Oh, ', 1);
    expect(mapRange({ from: 7, to: 16 }, (pos, assoc) => tr.mapping.map(pos, assoc))).toEqual({ from: 11, to: 20 });
    const deleted = state.tr.delete(5, 18);
    const mapped = mapRange({ from: 7, to: 16 }, (pos, assoc) => deleted.mapping.map(pos, assoc));
    expect(mapped.from).toBe(mapped.to);
  });
});

describe('streaming into a read-only view', () => {
  it('swaps only the changed tail of top-level nodes and leaves earlier nodes untouched', () => {
    const state = stateOf(p(ai('One.')), p(ai('Tw')));
    const first = state.doc.child(0);
    const next = apply(state, replaceTail(state, 1, [p(ai('Two.')), p(ai('Three'))]));
    expect(next.doc.child(0)).toBe(first);
    expect(next.doc.childCount).toBe(3);
    expect(runs(next.doc)).toEqual([
      ['One.', true],
      ['Two.', true],
      ['Three', true],
    ]);
  });

  it('keeps a valid document when the answer is cleared (a repair attempt)', () => {
    const state = stateOf(p(ai('Old attempt')));
    const cleared = apply(state, replaceTail(state, 0, []));
    // One empty paragraph (its attributes, such as a pending block suggestion, at their defaults).
    expect(cleared.doc.childCount).toBe(1);
    expect(cleared.doc.firstChild!.toJSON()).toEqual(schema.nodes.paragraph!.create().toJSON());
  });
});
