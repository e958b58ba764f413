import type { Node as PmNode } from '@tiptap/pm/model';

/**
 * The selected text as an AI action sends it: blocks separated by a blank line, and a table's rows
 * one to a line with " | " between cells (ProseMirror's textBetween puts every cell on its own
 * line). A pasted register then reaches the redactor as rows, so a date under a "DOB" heading or
 * beside a pupil's name is recognised as a date of birth, as it is when an action reads the whole
 * lesson (core's documentText).
 */
export function selectionText(doc: PmNode, from: number, to: number): string {
  let hasTable = false;
  doc.nodesBetween(from, to, (node) => {
    if (node.type.name === 'table') hasTable = true;
    return !hasTable && !node.isTextblock;
  });
  if (!hasTable) return doc.textBetween(from, to, '\n\n', '\n');

  const blocks: string[] = [];
  doc.nodesBetween(from, to, (node, pos) => {
    if (node.type.name === 'table') {
      const rows: string[] = [];
      node.forEach((row, rowOffset) => {
        const rowStart = pos + 1 + rowOffset;
        if (rowStart + row.nodeSize <= from || rowStart >= to) return;
        const cells: string[] = [];
        row.forEach((cell, cellOffset) => {
          const start = rowStart + 1 + cellOffset;
          const end = start + cell.nodeSize;
          cells.push(end <= from || start >= to ? '' : doc.textBetween(Math.max(start, from), Math.min(end, to), ' ', ' ').trim());
        });
        rows.push(cells.join(' | '));
      });
      blocks.push(rows.join('\n'));
      return false;
    }
    if (node.isTextblock) {
      blocks.push(doc.textBetween(Math.max(pos, from), Math.min(pos + node.nodeSize, to), '\n', '\n'));
      return false;
    }
    return true;
  });
  return blocks.filter((b) => b.length > 0).join('\n\n');
}
