import { describe, expect, it } from 'vitest';
import { plainText } from '../../../electron/core/library/plainText';

describe('plainText', () => {
  it('puts blocks on their own lines and keeps hard breaks', () => {
    expect(
      plainText({
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'One' }, { type: 'hardBreak' }, { type: 'text', text: 'two' }] },
          {
            type: 'bulletList',
            content: [
              { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }] }] },
              { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'b' }] }] },
            ],
          },
        ],
      }),
    ).toBe('One\ntwo\na\nb');
  });

  it('survives very deep nesting without overflowing the stack', () => {
    let node = { type: 'paragraph', content: [{ type: 'text', text: 'deep' }] } as Parameters<typeof plainText>[0];
    for (let i = 0; i < 50_000; i++) node = { type: 'blockquote', content: [node] };
    expect(plainText({ type: 'doc', content: [node] })).toBe('deep');
  });
});
