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
  const parts = diffArrays(
    tokA.map((t) => t.key),
    tokB.map((t) => t.key),
    { maxEditLength: MAX_EDITS },
  );
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
    const joinable = open !== null && part.count === 1 && /^t\s+$/.test(part.value[0]!) && p + 1 < parts.length;
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
