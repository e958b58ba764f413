import type { TipTapNode } from '../../../contract';

const BLOCK_TYPES = new Set(['paragraph', 'heading', 'blockquote', 'codeBlock', 'listItem', 'taskItem', 'horizontalRule', 'table']);
const CELL_TYPES = new Set(['tableCell', 'tableHeader']);

type Item = TipTapNode | { mark: '\n' | ' | ' | 'row-end' };

/**
 * The text of a lesson as an AI action reads it: blocks on their own lines and each table row on
 * one line with " | " between its cells. A register pasted into a lesson (name, date of birth,
 * UPN) then reads as one row per pupil, which is what lets the redactor see that a date in it sits
 * beside a pupil's name or under a "DOB" heading (search's plainText puts every cell on its own line).
 * Iterative, so a deeply nested document cannot overflow the stack.
 */
export function documentText(doc: TipTapNode): string {
  const out: string[] = [];
  const stack: Item[] = [doc];
  const newline = () => {
    if (out.length > 0 && out[out.length - 1] !== '\n') out.push('\n');
  };
  let cellDepth = 0;
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('mark' in item) {
      if (item.mark === '\n') {
        if (cellDepth === 0) newline();
        else out.push(' ');
      } else if (item.mark === ' | ') out.push(' | ');
      else {
        cellDepth--;
        newline();
      }
      continue;
    }
    const node = item;
    if (node.type === 'text' && node.text) out.push(node.text);
    else if (node.type === 'hardBreak') out.push(cellDepth > 0 ? ' ' : '\n');
    const children = node.content ?? [];
    if (node.type === 'tableRow') {
      newline();
      cellDepth++;
      stack.push({ mark: 'row-end' });
      for (let i = children.length - 1; i >= 0; i--) {
        stack.push(children[i]!);
        if (i > 0 && CELL_TYPES.has(children[i]!.type)) stack.push({ mark: ' | ' });
      }
      continue;
    }
    if (BLOCK_TYPES.has(node.type)) stack.push({ mark: '\n' });
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out.join('').replace(/ +(?=\n|$)/g, '').replace(/\n+$/, '').replace(/ {2,}\| /g, ' | ');
}
