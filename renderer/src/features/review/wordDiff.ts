import { diffArrays } from 'diff';
import type { Fragment, Node as PmNode } from '@tiptap/pm/model';

/** One word, space run, punctuation mark, node boundary or leaf node, and where it lies. */
export interface Token {
  key: string;
  from: number;
  to: number;
}

/** One change between two documents: [fromA, toA) of the old one became [fromB, toB) of the new one. */
export interface Hunk {
  fromA: number;
  toA: number;
  fromB: number;
  toB: number;
}

// A word (letters and digits, with inner apostrophes or hyphens), a run of spaces, or any other single character.
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|\s+|[^\s\p{L}\p{N}]/gu;

function blockKey(node: PmNode): string {
  // A heading's level is part of what it is: turning a heading into a paragraph is a change.
  return node.type.name === 'heading' ? `heading${String(node.attrs.level)}` : node.type.name;
}

function walk(fragment: Fragment, offset: number, from: number, to: number, out: Token[]): void {
  fragment.forEach((child, childOffset) => {
    const start = offset + childOffset;
    const end = start + child.nodeSize;
    if (end <= from || start >= to) return;
    if (child.isText) {
      const text = child.text!;
      WORD.lastIndex = 0;
      for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
        const tFrom = start + m.index;
        const tTo = tFrom + m[0].length;
        if (tTo <= from || tFrom >= to) continue;
        const a = Math.max(tFrom, from);
        const b = Math.min(tTo, to);
        out.push({ key: `t${text.slice(a - start, b - start)}`, from: a, to: b });
      }
    } else if (child.isLeaf) {
      out.push({ key: `*${child.type.name}`, from: start, to: end });
    } else {
      if (start >= from) out.push({ key: `<${blockKey(child)}`, from: start, to: start + 1 });
      walk(child.content, start + 1, from, to, out);
      if (end <= to) out.push({ key: `>${blockKey(child)}`, from: end - 1, to: end });
    }
  });
}

/** The tokens of [from, to) of a document, in order. Marks are not part of a token: the diff is of words. */
export function tokenize(doc: PmNode, from: number, to: number): Token[] {
  const out: Token[] = [];
  walk(doc.content, 0, from, to, out);
  return out;
}

/**
 * Beyond this many edits the diff gives up and the whole range is one change: a complete rewrite
 * reads better as "this passage replaced by that one" than as a soup of coincidentally kept words,
 * and it bounds the time taken (Myers' diff is O(N·D)).
 */
export const MAX_EDITS = 3000;

/**
 * The word-level changes between [fromA, toA) of `a` and [fromB, toB) of `b` (jsdiff's Myers diff
 * over the tokens). Changes separated only by one run of spaces are merged, so "the big cat" →
 * "a small dog" is one change, not three.
 */
export function wordDiff(a: PmNode, fromA: number, toA: number, b: PmNode, fromB: number, toB: number): Hunk[] {
  const tokA = tokenize(a, fromA, toA);
  const tokB = tokenize(b, fromB, toB);
  // Tokens as small integers: the diff compares numbers, not strings.
  const ids = new Map<string, number>();
  const intern = (t: Token) => {
    let id = ids.get(t.key);
    if (id === undefined) ids.set(t.key, (id = ids.size));
    return id;
  };
  const parts = diffArrays(tokA.map(intern), tokB.map(intern), { maxEditLength: MAX_EDITS });
  if (!parts) return tokA.length === 0 && tokB.length === 0 ? [] : [{ fromA, toA, fromB, toB }];

  const posA = (i: number) => (i < tokA.length ? tokA[i]!.from : toA);
  const posB = (i: number) => (i < tokB.length ? tokB[i]!.from : toB);
  const hunks: Hunk[] = [];
  let iA = 0;
  let iB = 0;
  let open: { iA: number; iB: number } | null = null;
  const close = () => {
    if (!open) return;
    hunks.push({ fromA: posA(open.iA), toA: iA > open.iA ? tokA[iA - 1]!.to : posA(open.iA), fromB: posB(open.iB), toB: iB > open.iB ? tokB[iB - 1]!.to : posB(open.iB) });
    open = null;
  };
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    if (part.added || part.removed) {
      open ??= { iA, iB };
      if (part.removed) iA += part.count;
      else iB += part.count;
      continue;
    }
    const joinable = open !== null && part.count === 1 && /^t\s+$/.test(tokA[iA]!.key) && p + 1 < parts.length;
    if (joinable) {
      iA += 1;
      iB += 1;
      continue;
    }
    close();
    iA += part.count;
    iB += part.count;
  }
  close();
  return hunks;
}

/** The top-level blocks overlapping [from, to), each clipped to it, with a key saying what it holds. */
function blocksOf(doc: PmNode, from: number, to: number): Array<{ from: number; to: number; key: string }> {
  const out: Array<{ from: number; to: number; key: string }> = [];
  doc.forEach((child, offset) => {
    const start = Math.max(offset, from);
    const end = Math.min(offset + child.nodeSize, to);
    if (end <= start && !(child.nodeSize === 0)) return;
    if (offset + child.nodeSize <= from || offset >= to) return;
    out.push({ from: start, to: end, key: `${child.type.name}:${String(child.attrs.level ?? '')}:${doc.textBetween(start, end, '\n', '\u2022')}` });
  });
  return out;
}

/**
 * The word-level changes between two ranges, blocks first: the top-level blocks are matched by
 * their text (jsdiff), unchanged ones skipped, and a run of changed blocks is compared block by
 * block when both sides have as many, otherwise as one range. A long answer then costs the sum of
 * small diffs rather than one diff of thousands of edits.
 */
export function blockWordDiff(a: PmNode, fromA: number, toA: number, b: PmNode, fromB: number, toB: number): Hunk[] {
  const blocksA = blocksOf(a, fromA, toA);
  const blocksB = blocksOf(b, fromB, toB);
  if (blocksA.length <= 2 || blocksB.length <= 2) return wordDiff(a, fromA, toA, b, fromB, toB);
  const ids = new Map<string, number>();
  const intern = (key: string) => {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  const parts = diffArrays(blocksA.map((x) => intern(x.key)), blocksB.map((x) => intern(x.key)));
  const hunks: Hunk[] = [];
  let iA = 0;
  let iB = 0;
  let run: { iA: number; iB: number } | null = null;
  const flush = () => {
    if (!run) return;
    const nA = iA - run.iA;
    const nB = iB - run.iB;
    if (nA === nB) {
      for (let k = 0; k < nA; k++) {
        const x = blocksA[run.iA + k]!;
        const y = blocksB[run.iB + k]!;
        hunks.push(...wordDiff(a, x.from, x.to, b, y.from, y.to));
      }
    } else {
      const rA = nA > 0 ? { from: blocksA[run.iA]!.from, to: blocksA[iA - 1]!.to } : null;
      const rB = nB > 0 ? { from: blocksB[run.iB]!.from, to: blocksB[iB - 1]!.to } : null;
      const pointA = iA < blocksA.length ? blocksA[iA]!.from : toA;
      const pointB = iB < blocksB.length ? blocksB[iB]!.from : toB;
      hunks.push(...wordDiff(a, rA?.from ?? pointA, rA?.to ?? pointA, b, rB?.from ?? pointB, rB?.to ?? pointB));
    }
    run = null;
  };
  for (const part of parts) {
    if (part.added || part.removed) {
      run ??= { iA, iB };
      if (part.removed) iA += part.count;
      else iB += part.count;
      continue;
    }
    flush();
    iA += part.count;
    iB += part.count;
  }
  flush();
  return hunks;
}
