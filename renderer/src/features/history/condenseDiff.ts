import type { DiffSegment } from '../../../../electron/contract';

/** A piece of a condensed diff: the segments as they were, with long unchanged stretches cut to a `gap`. */
export type DiffPiece = { type: DiffSegment['type'] | 'gap'; text: string };

/** Words with the spaces after them, so cut text joins back exactly. */
const words = (text: string): string[] => text.match(/\s*\S+\s*|\s+/g) ?? [];

/**
 * Shortens unchanged text between changes to `context` words either side, so a teacher sees each
 * change in its sentence without scrolling through the whole lesson. Changed text is never cut.
 * With no change at all, returns no pieces.
 */
export function condenseDiff(segments: readonly DiffSegment[], context = 12): DiffPiece[] {
  const merged: DiffSegment[] = [];
  for (const segment of segments) {
    if (segment.text === '') continue;
    const last = merged[merged.length - 1];
    if (last && last.type === segment.type) merged[merged.length - 1] = { type: last.type, text: last.text + segment.text };
    else merged.push({ ...segment });
  }
  if (!merged.some((s) => s.type !== 'equal')) return [];

  const pieces: DiffPiece[] = [];
  merged.forEach((segment, index) => {
    if (segment.type !== 'equal') {
      pieces.push(segment);
      return;
    }
    const w = words(segment.text);
    const first = index === 0;
    const last = index === merged.length - 1;
    const keep = (first || last ? context : 2 * context) + 1;
    if (w.length <= keep) {
      pieces.push(segment);
      return;
    }
    const head = first ? '' : w.slice(0, context).join('');
    const tail = last ? '' : w.slice(w.length - context).join('');
    if (head) pieces.push({ type: 'equal', text: head });
    pieces.push({ type: 'gap', text: '…' });
    if (tail) pieces.push({ type: 'equal', text: tail });
  });
  return pieces;
}
