import type { TipTapDoc, TipTapMark, TipTapNode } from '../../../contract';

/** Marks put on every text node a builder makes: `aiOrigin` for AI text, nothing for templates. */
export interface Ink {
  marks: TipTapMark[];
}

export const PLAIN_INK: Ink = { marks: [] };

export function aiInk(interactionId: string): Ink {
  return { marks: [{ type: 'aiOrigin', attrs: { interactionId } }] };
}

/** Text nodes for a line; ProseMirror forbids empty text nodes, so empty input gives none. */
export function text(value: string | undefined, ink: Ink, extra: TipTapMark[] = []): TipTapNode[] {
  if (!value) return [];
  const marks = [...extra, ...ink.marks];
  return [marks.length > 0 ? { type: 'text', text: value, marks } : { type: 'text', text: value }];
}

/** A line that may contain newlines: they become hard breaks inside one paragraph. */
export function lines(value: string | undefined, ink: Ink): TipTapNode[] {
  if (!value) return [];
  const out: TipTapNode[] = [];
  value.split('\n').forEach((line, i) => {
    if (i > 0) out.push({ type: 'hardBreak' });
    out.push(...text(line, ink));
  });
  return out;
}

export function heading(level: 1 | 2 | 3, value: string, ink: Ink): TipTapNode {
  const content = text(value, ink);
  return content.length > 0 ? { type: 'heading', attrs: { level }, content } : { type: 'heading', attrs: { level } };
}

export function paragraph(content: TipTapNode[]): TipTapNode {
  return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
}

/** Blank lines separate paragraphs; single newlines are hard breaks. */
export function paragraphs(value: string | undefined, ink: Ink): TipTapNode[] {
  if (!value?.trim()) return [];
  return value
    .trim()
    .split(/\n\s*\n/)
    .map((block) => paragraph(lines(block.trim(), ink)));
}

export function listItem(children: TipTapNode[]): TipTapNode {
  return { type: 'listItem', content: children.length > 0 ? children : [paragraph([])] };
}

export function bulletList(items: TipTapNode[][]): TipTapNode {
  return { type: 'bulletList', content: items.map(listItem) };
}

export function orderedList(items: TipTapNode[][]): TipTapNode {
  return { type: 'orderedList', attrs: { start: 1 }, content: items.map(listItem) };
}

export function bullets(values: readonly (string | undefined)[] | undefined, ink: Ink): TipTapNode | undefined {
  const items = (values ?? []).filter((v): v is string => Boolean(v));
  return items.length > 0 ? bulletList(items.map((v) => [paragraph(lines(v, ink))])) : undefined;
}

/** A table with a header row; cells hold one paragraph each, as the editor's table expects. */
export function table(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | undefined>>, ink: Ink): TipTapNode {
  const cell = (type: 'tableHeader' | 'tableCell', value: string | undefined): TipTapNode => ({
    type,
    attrs: { colspan: 1, rowspan: 1, colwidth: null },
    content: [paragraph(type === 'tableHeader' ? text(value, ink, [{ type: 'bold' }]) : lines(value, ink))],
  });
  return {
    type: 'table',
    content: [
      { type: 'tableRow', content: header.map((h) => cell('tableHeader', h)) },
      ...rows.map((row) => ({ type: 'tableRow', content: header.map((_, i) => cell('tableCell', row[i])) })),
    ],
  };
}

export function doc(nodes: TipTapNode[]): TipTapDoc {
  return { type: 'doc', content: nodes.length > 0 ? nodes : [paragraph([])] };
}

/** Every text node in a tree, for checks that all AI text is marked. */
export function* textNodes(node: TipTapNode | TipTapDoc): Generator<TipTapNode> {
  const stack: TipTapNode[] = [node as TipTapNode];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === 'text') yield current;
    for (const child of current.content ?? []) stack.push(child);
  }
}
