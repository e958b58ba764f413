import type { TipTapNode } from '../../contract';

const BLOCK_TYPES = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'codeBlock',
  'listItem',
  'taskItem',
  'tableCell',
  'tableHeader',
  'horizontalRule',
  'blockMath',
]);

/**
 * The text of a TipTap document with blocks on their own lines, for search and previews.
 * Iterative, so a deeply nested document cannot overflow the stack.
 */
export function plainText(doc: TipTapNode): string {
  const out: string[] = [];
  const stack: Array<TipTapNode | '\n'> = [doc];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === '\n') {
      if (out.length > 0 && out[out.length - 1] !== '\n') out.push('\n');
      continue;
    }
    if (node.type === 'text' && node.text) out.push(node.text);
    // Equations are found by their LaTeX source (issue 10 §4); a block equation is its own line.
    else if ((node.type === 'inlineMath' || node.type === 'blockMath') && typeof node.attrs?.latex === 'string') out.push(node.attrs.latex);
    else if (node.type === 'hardBreak') out.push('\n');
    if (BLOCK_TYPES.has(node.type)) stack.push('\n');
    const children = node.content ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out.join('').replace(/\n+$/, '');
}
