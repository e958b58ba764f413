import type { DiffSegment } from '../../contract';

export interface TextDiff {
  segments: DiffSegment[];
  insertedWords: number;
  deletedWords: number;
}

/**
 * Beyond this many edits a hunk is shown as "all of this was replaced": Myers' algorithm keeps
 * O(D²) state, and past a couple of thousand edits a finer diff is no longer readable anyway.
 */
const MAX_EDITS = 2000;

const enum Op {
  Equal = 0,
  Insert = 1,
  Delete = 2,
}

/**
 * A diff of two plain texts for the history panel: lines are matched first, then the words inside
 * each changed run of lines, so a one-word edit in a long paragraph shows as one word.
 */
export function diffText(before: string, after: string): TextDiff {
  const out = new SegmentBuilder();
  const a = splitLines(before);
  const b = splitLines(after);
  const interner = new Map<string, number>();
  const ops = diffSequences(intern(a, interner), intern(b, interner));
  let i = 0;
  let j = 0;
  let k = 0;
  while (k < ops.length) {
    if (ops[k] === Op.Equal) {
      out.push('equal', a[i++]!);
      j++;
      k++;
      continue;
    }
    // A run of changed lines: compare its words.
    const deleted: string[] = [];
    const inserted: string[] = [];
    while (k < ops.length && ops[k] !== Op.Equal) {
      if (ops[k] === Op.Delete) deleted.push(a[i++]!);
      else inserted.push(b[j++]!);
      k++;
    }
    diffWords(deleted.join(''), inserted.join(''), out);
  }
  return out.finish();
}

function diffWords(before: string, after: string, out: SegmentBuilder): void {
  if (before === '' || after === '') {
    if (before !== '') out.push('delete', before);
    if (after !== '') out.push('insert', after);
    return;
  }
  const a = splitWords(before);
  const b = splitWords(after);
  const interner = new Map<string, number>();
  const ops = diffSequences(intern(a, interner), intern(b, interner));
  let i = 0;
  let j = 0;
  for (const op of ops) {
    if (op === Op.Equal) {
      out.push('equal', a[i++]!);
      j++;
    } else if (op === Op.Delete) out.push('delete', a[i++]!);
    else out.push('insert', b[j++]!);
  }
}

/**
 * The edit script turning `a` into `b`: Myers' O(ND) algorithm after trimming the common prefix
 * and suffix, falling back to delete-all-then-insert-all past MAX_EDITS.
 */
function diffSequences(a: Int32Array, b: Int32Array): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const middle = myers(a.subarray(start, endA), b.subarray(start, endB)) ?? [
    ...new Array<Op>(endA - start).fill(Op.Delete),
    ...new Array<Op>(endB - start).fill(Op.Insert),
  ];
  return [...new Array<Op>(start).fill(Op.Equal), ...middle, ...new Array<Op>(a.length - endA).fill(Op.Equal)];
}

function myers(a: Int32Array, b: Int32Array): Op[] | null {
  const n = a.length;
  const m = b.length;
  if (n === 0) return new Array<Op>(m).fill(Op.Insert);
  if (m === 0) return new Array<Op>(n).fill(Op.Delete);
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v for diagonals -(d+1)..(d+1) as it was before step d: enough to walk back.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m);
    }
  }
  return null;
}

function backtrack(trace: Int32Array[], n: number, m: number): Op[] {
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d]!;
    const at = (k: number) => v[k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push(Op.Equal);
      x--;
      y--;
    }
    if (d > 0) {
      ops.push(x === prevX ? Op.Insert : Op.Delete);
      x = prevX;
      y = prevY;
    }
  }
  return ops.reverse();
}

function intern(tokens: readonly string[], table: Map<string, number>): Int32Array {
  const ids = new Int32Array(tokens.length);
  tokens.forEach((token, i) => {
    let id = table.get(token);
    if (id === undefined) {
      id = table.size;
      table.set(token, id);
    }
    ids[i] = id;
  });
  return ids;
}

/** Lines with their line breaks, so joining them gives back the text exactly. */
function splitLines(text: string): string[] {
  return text === '' ? [] : (text.match(/[^\n]*\n|[^\n]+$/g) ?? []);
}

const WORD = /[\p{L}\p{N}\p{M}]+(?:['’-][\p{L}\p{N}\p{M}]+)*|\s+|[^\s\p{L}\p{N}\p{M}]/gsu;
const HAS_WORD = /[\p{L}\p{N}]/u;

/** Words, runs of white space and single punctuation marks. */
function splitWords(text: string): string[] {
  return text.match(WORD) ?? [];
}

class SegmentBuilder {
  private readonly segments: DiffSegment[] = [];
  private inserted = 0;
  private deleted = 0;

  push(type: DiffSegment['type'], text: string): void {
    if (text === '') return;
    if (type !== 'equal') {
      const words = splitWords(text).filter((t) => HAS_WORD.test(t)).length;
      if (type === 'insert') this.inserted += words;
      else this.deleted += words;
    }
    const last = this.segments[this.segments.length - 1];
    if (last && last.type === type) last.text += text;
    else this.segments.push({ type, text });
  }

  finish(): TextDiff {
    slideRight(this.segments);
    const segments: DiffSegment[] = [];
    for (const segment of this.segments) {
      if (segment.text === '') continue;
      const last = segments[segments.length - 1];
      if (last && last.type === segment.type) last.text += segment.text;
      else segments.push(segment);
    }
    return { segments, insertedWords: this.inserted, deletedWords: this.deleted };
  }
}

/**
 * Of the equally short diffs, Myers may pick one that cuts a sentence oddly ("mat" | ".\nIt was
 * happy" | "."). An insertion or deletion between two unchanged stretches can slide along tokens
 * it shares with the text after it; sliding it right as far as it goes gives "mat." | "\nIt was
 * happy." — the same change, read the way it was made.
 */
function slideRight(segments: DiffSegment[]): void {
  for (let i = 1; i < segments.length - 1; i++) {
    const before = segments[i - 1]!;
    const change = segments[i]!;
    const after = segments[i + 1]!;
    if (before.type !== 'equal' || after.type !== 'equal' || change.type === 'equal') continue;
    const moved = splitWords(change.text);
    // Lazily: the unchanged text after may be a whole long document.
    const rest = after.text.matchAll(WORD);
    let shift = 0;
    let carried = '';
    while (shift < moved.length) {
      const next = rest.next();
      if (next.done || next.value[0] !== moved[shift]) break;
      carried += moved[shift];
      shift++;
    }
    if (shift === 0) continue;
    before.text += carried;
    change.text = moved.slice(shift).join('') + carried;
    after.text = after.text.slice(carried.length);
  }
}
