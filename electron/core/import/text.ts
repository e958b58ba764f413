import type { TipTapDoc, TipTapNode } from '../../contract';
import { markImported } from './htmlToDoc';
import type { ImportContext } from './importContext';

/** Plain text → paragraphs (split at blank lines), single line breaks kept as hard breaks. */
export function textToDoc(text: string, ctx: ImportContext): { doc: TipTapDoc; title: string | undefined } {
  const paragraphs = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '');
  const content: TipTapNode[] = paragraphs.map((p) => {
    const lines = p.split('\n');
    const inline: TipTapNode[] = [];
    lines.forEach((line, i) => {
      if (i > 0) inline.push({ type: 'hardBreak' });
      // eslint-disable-next-line no-control-regex -- control characters never belong in a lesson
      const clean = line.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
      if (clean) inline.push({ type: 'text', text: clean });
    });
    return inline.length ? { type: 'paragraph', content: inline } : { type: 'paragraph' };
  });
  const doc: TipTapDoc = { type: 'doc', content: content.length ? content : [{ type: 'paragraph' }] };
  markImported(doc, ctx);
  const first = paragraphs[0]?.split('\n')[0]?.trim();
  return { doc, title: first && first.length <= 120 ? first : undefined };
}
