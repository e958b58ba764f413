import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffText } from '../../../electron/core/library/textDiff';

const rebuild = (segments: Array<{ type: string; text: string }>, side: 'before' | 'after') =>
  segments.filter((s) => s.type === 'equal' || s.type === (side === 'before' ? 'delete' : 'insert')).map((s) => s.text).join('');

describe('diffText', () => {
  it('reports nothing changed for equal texts, and everything for disjoint ones', () => {
    expect(diffText('Same text\nhere', 'Same text\nhere').segments).toEqual([{ type: 'equal', text: 'Same text\nhere' }]);
    expect(diffText('', 'new')).toEqual({ segments: [{ type: 'insert', text: 'new' }], insertedWords: 1, deletedWords: 0 });
    expect(diffText('old words', '')).toEqual({ segments: [{ type: 'delete', text: 'old words' }], insertedWords: 0, deletedWords: 2 });
  });

  it('finds a changed word inside an unchanged line structure', () => {
    const { segments } = diffText('Line one\nPupils will learn fractions.\nLine three', 'Line one\nPupils will master fractions.\nLine three');
    expect(segments).toEqual([
      { type: 'equal', text: 'Line one\nPupils will ' },
      { type: 'delete', text: 'learn' },
      { type: 'insert', text: 'master' },
      { type: 'equal', text: ' fractions.\nLine three' },
    ]);
  });

  it('always rebuilds both texts exactly from its segments', () => {
    const word = fc.constantFrom('the', 'cat', 'sat', 'mat', '.', ',', ' ', '  ', '\n', 'colour', 'é', 'naïve', "don't");
    const text = fc.array(word, { maxLength: 60 }).map((w) => w.join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const { segments } = diffText(a, b);
        expect(rebuild(segments, 'before')).toBe(a);
        expect(rebuild(segments, 'after')).toBe(b);
        for (const [i, segment] of segments.entries()) {
          expect(segment.text).not.toBe('');
          if (i > 0) expect(segment.type).not.toBe(segments[i - 1]!.type);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('stays fast and correct on a long document with scattered edits, and on completely different texts', () => {
    const para = (i: number) => `Paragraph ${i}: pupils compare fractions with different denominators and explain why.`;
    const before = Array.from({ length: 3000 }, (_, i) => para(i)).join('\n');
    const after = Array.from({ length: 3000 }, (_, i) => (i % 100 === 0 ? para(i).replace('compare', 'order') : para(i))).join('\n');
    let started = performance.now();
    const diff = diffText(before, after);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(diff).toMatchObject({ insertedWords: 30, deletedWords: 30 });
    expect(rebuild(diff.segments, 'after')).toBe(after);

    const other = Array.from({ length: 3000 }, (_, i) => `Unrelated line ${i * 7} about volcanoes`).join('\n');
    started = performance.now();
    const replaced = diffText(before, other);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(rebuild(replaced.segments, 'before')).toBe(before);
    expect(rebuild(replaced.segments, 'after')).toBe(other);
  });
});
