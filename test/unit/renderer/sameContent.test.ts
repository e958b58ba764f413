import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameContent } from '../../../renderer/src/features/library/sameContent';

const reversed = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).reverse()) Object.defineProperty(out, key, { value: reversed((value as Record<string, unknown>)[key]), enumerable: true });
  return out;
};

describe('comparing a draft with the stored lesson', () => {
  it('ignores key order (the library stores keys sorted) but nothing else', () => {
    const editor = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', marks: [{ type: 'bold' }], text: 'Hi' }] }] };
    const stored = JSON.parse('{"content":[{"content":[{"marks":[{"type":"bold"}],"text":"Hi","type":"text"}],"type":"paragraph"}],"type":"doc"}') as unknown;
    expect(JSON.stringify(editor)).not.toBe(JSON.stringify(stored));
    expect(sameContent(editor, stored)).toBe(true);
    expect(sameContent(editor, { ...editor, content: [] })).toBe(false);
    expect(sameContent({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameContent({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameContent({ a: null }, { b: null })).toBe(false);
  });

  it('agrees with JSON equality for any JSON values, in any key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(sameContent(a, reversed(a))).toBe(true);
        const canonical = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) =>
          x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0))) : x);
        expect(sameContent(a, b)).toBe(canonical(a) === canonical(b));
      }),
    );
  });
});
