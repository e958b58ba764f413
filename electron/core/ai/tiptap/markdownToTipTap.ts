import type { TipTapMark, TipTapNode } from '../../../contract';
import { bulletList, heading, orderedList, paragraph, table, text, type Ink } from './build';

const INLINE = /(\*\*[^*\n]+\*\*|__[^_\n]+__|`[^`\n]+`|(?<![\w*])\*[^*\s][^*\n]*?\*(?!\w)|(?<!\w)_[^_\s][^_\n]*?_(?!\w))/g;

/** Bold, italic and code spans inside one line. */
export function inline(line: string, ink: Ink): TipTapNode[] {
  const out: TipTapNode[] = [];
  let cursor = 0;
  for (const m of line.matchAll(INLINE)) {
    out.push(...text(line.slice(cursor, m.index), ink));
    const token = m[0];
    let mark: TipTapMark;
    let inner: string;
    if (token.startsWith('**') || token.startsWith('__')) {
      mark = { type: 'bold' };
      inner = token.slice(2, -2);
    } else if (token.startsWith('`')) {
      mark = { type: 'code' };
      inner = token.slice(1, -1);
    } else {
      mark = { type: 'italic' };
      inner = token.slice(1, -1);
    }
    out.push(...text(inner, ink, [mark]));
    cursor = m.index + token.length;
  }
  out.push(...text(line.slice(cursor), ink));
  return out;
}

const cells = (row: string) =>
  row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());

/**
 * The small Markdown subset models write (headings, lists, tables, quotes, emphasis) as document
 * nodes. Anything else is kept as plain paragraphs, so no text is ever lost.
 */
export function markdownToTipTap(markdown: string, ink: Ink): TipTapNode[] {
  const out: TipTapNode[] = [];
  const rows = markdown.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < rows.length) {
    const row = rows[i]!;
    if (!row.trim() || /^\s*```/.test(row)) {
      i++;
      continue;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(row);
    if (h) {
      out.push(heading(Math.min(h[1]!.length, 3) as 1 | 2 | 3, h[2]!.replace(/\s*#+\s*$/, '').trim(), ink));
      i++;
      continue;
    }
    if (/^\s*([-*_])\s*\1\s*\1[\s\-*_]*$/.test(row)) {
      out.push({ type: 'horizontalRule' });
      i++;
      continue;
    }
    if (/^\s*\|.*\|\s*$/.test(row)) {
      const block: string[] = [];
      while (i < rows.length && /^\s*\|.*\|\s*$/.test(rows[i]!)) block.push(rows[i++]!);
      const body = block.filter((r) => !/^\s*\|?\s*:?-{2,}/.test(r));
      const header = cells(body[0] ?? '');
      out.push(table(header, body.slice(1).map(cells), ink));
      continue;
    }
    const bullet = /^\s*[-*+]\s+(?:\[[ xX]\]\s+)?(.*)$/;
    const numbered = /^\s*\d+[.)]\s+(.*)$/;
    const list = bullet.test(row) ? { re: bullet, make: bulletList } : numbered.test(row) ? { re: numbered, make: orderedList } : undefined;
    if (list) {
      const items: TipTapNode[][] = [];
      while (i < rows.length && list.re.test(rows[i]!)) items.push([paragraph(inline(list.re.exec(rows[i++]!)![1]!, ink))]);
      out.push(list.make(items));
      continue;
    }
    if (/^\s*>/.test(row)) {
      const quoted: string[] = [];
      while (i < rows.length && /^\s*>/.test(rows[i]!)) quoted.push(rows[i++]!.replace(/^\s*>\s?/, ''));
      out.push({ type: 'blockquote', content: [paragraph(joinLines(quoted, ink))] });
      continue;
    }
    const para: string[] = [];
    while (i < rows.length && rows[i]!.trim() && !/^(#{1,6}\s|\s*[-*+]\s|\s*\d+[.)]\s|\s*\||\s*>|\s*```)/.test(rows[i]!)) para.push(rows[i++]!);
    if (para.length === 0) para.push(rows[i++]!);
    out.push(paragraph(joinLines(para, ink)));
  }
  return out;
}

function joinLines(values: string[], ink: Ink): TipTapNode[] {
  const out: TipTapNode[] = [];
  values.forEach((v, k) => {
    if (k > 0) out.push({ type: 'hardBreak' });
    out.push(...inline(v.trim(), ink));
  });
  return out;
}
