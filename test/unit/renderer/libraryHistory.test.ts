import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DiffSegment } from '../../../electron/contract';
import { condenseDiff } from '../../../renderer/src/features/history/condenseDiff';
import { forgetRestore, peekRestore, rememberRestore } from '../../../renderer/src/features/history/restoreMemory';
import { changeSummary, revisionItemName, revisionName } from '../../../renderer/src/features/history/revisionText';

const words = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `w${i + from}`).join(' ');

describe('the diff shown under "Changes since this version"', () => {
  it('shows nothing when nothing changed', () => {
    expect(condenseDiff([{ type: 'equal', text: 'All the same.' }])).toEqual([]);
    expect(condenseDiff([])).toEqual([]);
  });

  it('keeps short unchanged text whole and never cuts changed text', () => {
    const segments: DiffSegment[] = [
      { type: 'equal', text: 'Plants make ' },
      { type: 'delete', text: 'sugar' },
      { type: 'insert', text: words(200) },
      { type: 'equal', text: ' from light.' },
    ];
    expect(condenseDiff(segments)).toEqual(segments);
  });

  it('cuts long unchanged stretches to a few words either side of each change', () => {
    const pieces = condenseDiff(
      [
        { type: 'equal', text: `${words(50)} ` },
        { type: 'insert', text: 'NEW ' },
        { type: 'equal', text: `${words(100, 100)} ` },
        { type: 'delete', text: 'OLD ' },
        { type: 'equal', text: words(50, 300) },
      ],
      3,
    );
    expect(pieces).toEqual([
      { type: 'gap', text: '…' },
      { type: 'equal', text: 'w47 w48 w49 ' },
      { type: 'insert', text: 'NEW ' },
      { type: 'equal', text: 'w100 w101 w102 ' },
      { type: 'gap', text: '…' },
      { type: 'equal', text: 'w197 w198 w199 ' },
      { type: 'delete', text: 'OLD ' },
      { type: 'equal', text: 'w300 w301 w302 ' },
      { type: 'gap', text: '…' },
    ]);
  });

  it('joins neighbouring segments of the same kind and drops empty ones', () => {
    expect(
      condenseDiff([
        { type: 'insert', text: 'a ' },
        { type: 'insert', text: '' },
        { type: 'insert', text: 'b' },
        { type: 'equal', text: '' },
      ]),
    ).toEqual([{ type: 'insert', text: 'a b' }]);
  });

  it('keeps every change, in order, for any diff', () => {
    const segment = fc.record({ type: fc.constantFrom<DiffSegment['type']>('equal', 'insert', 'delete'), text: fc.string({ maxLength: 400 }) });
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 12 }), fc.integer({ min: 1, max: 20 }), (segments, context) => {
        const changed = (list: Array<{ type: string; text: string }>) =>
          list
            .filter((s) => s.type === 'insert' || s.type === 'delete')
            .map((s) => `${s.type}:${s.text}`)
            .join('|');
        const pieces = condenseDiff(segments, context);
        const merged: DiffSegment[] = [];
        for (const s of segments.filter((x) => x.text !== '')) {
          const last = merged[merged.length - 1];
          if (last && last.type === s.type) last.text += s.text;
          else merged.push({ ...s });
        }
        if (!merged.some((s) => s.type !== 'equal')) return pieces.length === 0;
        return changed(pieces) === changed(merged);
      }),
    );
  });
});

describe('how versions are named', () => {
  it('uses the teacher’s label, or says how the version came about', () => {
    expect(revisionName({ kind: 'named', label: 'Before observation' })).toBe('Before observation');
    expect(revisionName({ kind: 'auto', label: null })).toBe('Saved automatically');
    expect(revisionName({ kind: 'before-restore', label: null })).toBe('Before a version was restored');
    expect(revisionName({ kind: 'before-import', label: null })).toBe('Before an import replaced it');
    const now = Date.UTC(2026, 8, 1, 9, 0);
    expect(revisionItemName({ kind: 'named', label: 'Final', createdAt: now - 5 * 60_000 }, now)).toBe('Final, 5 minutes ago');
  });

  it('summarises a change in words, leaving out a side with nothing', () => {
    expect(changeSummary(12, 3)).toBe('12 words added and 3 words removed since this version.');
    expect(changeSummary(1, 0)).toBe('1 word added since this version.');
    expect(changeSummary(0, 2)).toBe('2 words removed since this version.');
    expect(changeSummary(0, 0)).toBe('No changes since this version.');
  });
});

describe('the "Undo restore" note carried across the reopen', () => {
  it('is there for the lesson it belongs to while fresh, then forgotten', () => {
    const doc = 'doc-1';
    rememberRestore(doc, { type: 'restored', undoRevisionId: 'rev-9', when: 1000, at: 50_000 });
    expect(peekRestore('doc-2', 50_001)).toBeUndefined();
    expect(peekRestore(doc, 50_001)).toMatchObject({ type: 'restored', undoRevisionId: 'rev-9' });
    expect(peekRestore(doc, 50_000 + 31_000)).toBeUndefined();
    forgetRestore(doc);
    expect(peekRestore(doc, 50_001)).toBeUndefined();
  });
});
