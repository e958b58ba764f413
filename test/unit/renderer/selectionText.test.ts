import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import type { TipTapNode } from '../../../electron/contract';
import { Redaction } from '../../../electron/core/ai/redact';
import { lessonExtensions } from '../../../renderer/src/features/editor/extensions';
import { selectionText } from '../../../renderer/src/features/ai/selectionText';

const schema = getSchema(lessonExtensions());
const p = (text: string): TipTapNode => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const cell = (type: string, text: string): TipTapNode => ({ type, content: [p(text)] });
const row = (type: string, ...texts: string[]): TipTapNode => ({ type: 'tableRow', content: texts.map((t) => cell(type, t)) });

const doc = schema.nodeFromJSON({
  type: 'doc',
  content: [
    p('Register for 7B'),
    { type: 'table', content: [row('tableHeader', 'Name', 'DOB', 'UPN'), row('tableCell', 'Sam Doe', '12/03/2012', 'B801200005001')] },
    p('Trip on 14/06/2024.'),
  ],
});

describe('the selected text an AI action sends', () => {
  it('writes a selected table as rows, so a register’s dates of birth are redacted', () => {
    const text = selectionText(doc, 0, doc.content.size);
    expect(text).toBe('Register for 7B\n\nName | DOB | UPN\nSam Doe | 12/03/2012 | B801200005001\n\nTrip on 14/06/2024.');
    const options = { emails: true, phones: true, postcodes: true, datesOfBirth: true, upns: true, nhsNumbers: true, classListNames: true };
    const sent = new Redaction({ options, classList: [] }).redact(text);
    expect(sent).not.toContain('12/03/2012');
    expect(sent).toContain('Trip on 14/06/2024.');
  });

  it('is ProseMirror’s own text when no table is selected', () => {
    expect(selectionText(doc, 1, 10)).toBe(doc.textBetween(1, 10, '\n\n', '\n'));
  });
});
