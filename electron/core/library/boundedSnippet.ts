import Sqlite, { type Database, type Statement } from 'better-sqlite3';

/** One term of a search as FTS5 sees it: a quoted phrase, optionally a prefix. */
export interface MatchTerm {
  text: string;
  prefix: boolean;
}

/**
 * Characters handed to FTS5 per window tried: room for a 16-token snippet with context, and few
 * enough tokens (at most ~200) that snippet()'s cost, quadratic in the matches it sees, stays small.
 */
export const SNIPPET_WINDOW_CHARS = 400;
/** Windows tried per long body before giving up on a snippet (the document is still a result). */
export const MAX_SNIPPET_WINDOWS = 8;
/** The shortest start of a term searched for in a long body. */
const MIN_CANDIDATE = 3;

export interface BoundedSnippetResult {
  /** snippet() output (marked with the given open and close characters), or null when no window matched. */
  marked: string | null;
  /** Characters handed to FTS5, at most MAX_SNIPPET_WINDOWS × SNIPPET_WINDOW_CHARS. */
  charsIndexed: number;
  windowsTried: number;
}

/**
 * Snippets at a cost that does not grow with the document. FTS5's snippet() scores a window at
 * every match against every other match of the whole column: quadratic in the matches, so one
 * 400 KB paragraph dense with the search word took 109 s, and even highlight() took 80 ms. Here a
 * regular expression (linear, stopping at the first hit) finds where a query term may start, and
 * only a window of SNIPPET_WINDOW_CHARS around it goes through FTS5, in a scratch table on a
 * private in-memory connection (the library's own may be read-only or refusing writes) with the
 * library's tokenizer, so what is highlighted is exactly what the index matches. A false lead (a
 * "then" for "the") costs one small window, at most MAX_SNIPPET_WINDOWS of them; the snippet shows
 * the first match rather than FTS5's best-scoring passage of the whole document.
 */
export class BoundedSnippets {
  private scratch:
    | { db: Database; clear: Statement; insert: Statement<[number, string]>; snippets: Statement<[string], { id: number; s: string }>; fill: (rows: Array<[number, string]>) => void }
    | undefined;

  constructor(
    private readonly tokenize: string,
    private readonly marks: { open: string; close: string; ellipsis: string; tokens: number },
  ) {}

  /**
   * Snippets for the bodies of one query's results, in one pass per round of windows: each body's
   * next candidate window goes into the scratch table, one snippet() query covers them all, and
   * bodies whose window held no match go round again from after it.
   */
  snippets(bodies: readonly string[], terms: readonly MatchTerm[], anyTermQuery: string): BoundedSnippetResult[] {
    const results = bodies.map((): BoundedSnippetResult => ({ marked: null, charsIndexed: 0, windowsTried: 0 }));
    const source = candidatePattern(terms)?.source;
    if (source === undefined || bodies.length === 0) return results;
    const scratch = this.open();
    // One pattern per body: each keeps its own place in its body between rounds.
    const patterns = bodies.map(() => new RegExp(source, 'giu'));
    const windows = new Map<number, { start: number; end: number }>();
    let pending = bodies.map((_, i) => i);
    for (let round = 0; round < MAX_SNIPPET_WINDOWS && pending.length > 0; round++) {
      const rows: Array<[number, string]> = [];
      windows.clear();
      for (const i of pending) {
        const body = bodies[i]!;
        const found = nextCandidate(body, patterns[i]!);
        if (found < 0) continue;
        const window = windowAround(body, found);
        windows.set(i, window);
        results[i]!.windowsTried++;
        results[i]!.charsIndexed += window.end - window.start;
        rows.push([i, body.slice(window.start, window.end)]);
      }
      if (rows.length === 0) break;
      const done = new Set<number>();
      let found: Array<{ id: number; s: string }>;
      try {
        scratch.fill(rows);
        found = scratch.snippets.all(anyTermQuery);
      } finally {
        // Emptied even when the query fails, or the next search would find these rows' ids taken.
        scratch.clear.run();
      }
      for (const { id, s } of found) {
        if (!s.includes(this.marks.open)) continue;
        const { start, end } = windows.get(id)!;
        const { ellipsis } = this.marks;
        let marked = s;
        if (start > 0 && !marked.startsWith(ellipsis)) marked = ellipsis + marked;
        if (end < bodies[id]!.length && !marked.endsWith(ellipsis)) marked += ellipsis;
        results[id]!.marked = marked;
        done.add(id);
      }
      // Nothing in these windows matched: carry on after them.
      pending = [...windows.keys()].filter((i) => !done.has(i));
      for (const i of pending) patterns[i]!.lastIndex = windows.get(i)!.end;
    }
    return results;
  }

  private open() {
    if (!this.scratch) {
      const db = new Sqlite(':memory:');
      db.exec(`CREATE VIRTUAL TABLE scratch USING fts5 (body, tokenize = '${this.tokenize}')`);
      const { open, close, ellipsis, tokens } = this.marks;
      const insert = db.prepare<[number, string]>('INSERT INTO scratch (rowid, body) VALUES (?, ?)');
      this.scratch = {
        db,
        clear: db.prepare('DELETE FROM scratch'),
        insert,
        snippets: db.prepare(
          `SELECT rowid AS id, snippet(scratch, 0, ${sqlText(open)}, ${sqlText(close)}, ${sqlText(ellipsis)}, ${tokens}) AS s FROM scratch WHERE scratch MATCH ?`,
        ),
        fill: db.transaction((rows: Array<[number, string]>) => {
          for (const [id, text] of rows) insert.run(id, text);
        }),
      };
    }
    return this.scratch;
  }
}

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * A case- and accent-insensitive pattern for the start of any term: enough of it that the
 * stemmer's rewrites at the end of a word ("halves" → "halv", "ponies" → "poni") still match.
 * Too loose is harmless (FTS5 checks the window); too strict only costs the snippet.
 */
export function candidatePattern(terms: readonly MatchTerm[]): RegExp | null {
  const alternatives = new Set<string>();
  for (const term of terms) {
    const first = fold(term.text).match(/[\p{L}\p{N}]+/u)?.[0];
    if (!first) continue;
    const chars = [...first];
    const keep = Math.min(chars.length, Math.max(MIN_CANDIDATE, chars.length - 3));
    alternatives.add(chars.slice(0, keep).map(letterClass).join(''));
  }
  if (alternatives.size === 0) return null;
  return new RegExp(`(?:${[...alternatives].join('|')})`, 'giu');
}

/** The index of the next candidate that starts a word, or -1; advances `pattern.lastIndex`. */
function nextCandidate(body: string, pattern: RegExp): number {
  for (let m = pattern.exec(body); m; m = pattern.exec(body)) {
    const before = m.index > 0 ? body.codePointAt(m.index - 1) : undefined;
    if (before === undefined || !/[\p{L}\p{N}\p{M}]/u.test(String.fromCodePoint(before))) return m.index;
    if (m[0].length === 0) pattern.lastIndex++;
  }
  return -1;
}

/** A window of about SNIPPET_WINDOW_CHARS with `at` in its first half, cut at spaces. */
function windowAround(body: string, at: number): { start: number; end: number } {
  let start = Math.max(0, at - SNIPPET_WINDOW_CHARS / 4);
  let end = Math.min(body.length, start + SNIPPET_WINDOW_CHARS);
  if (start > 0) {
    const space = body.indexOf(' ', start);
    start = space >= 0 && space < at ? space + 1 : at;
  }
  if (end < body.length) {
    const space = body.lastIndexOf(' ', end);
    if (space > at) end = space;
  }
  return { start, end };
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('en-GB');
}

/** Every precomposed Latin letter, by the plain letter it is built on ("e" → "éèêë…"). */
const ACCENTED = (() => {
  const map = new Map<string, string>();
  for (const [from, to] of [
    [0xc0, 0x24f],
    [0x1e00, 0x1eff],
  ] as const) {
    for (let cp = from; cp <= to; cp++) {
      const ch = String.fromCodePoint(cp);
      const base = fold(ch);
      if (base.length === 1 && base !== ch.toLocaleLowerCase('en-GB') && /[a-z]/.test(base)) map.set(base, (map.get(base) ?? '') + ch);
    }
  }
  return map;
})();

function letterClass(ch: string): string {
  const accented = ACCENTED.get(ch);
  const plain = ch.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  // Combining marks after the letter: text that was never composed (NFD) matches too.
  return accented ? `[${plain}${accented}]\\p{M}*` : `${plain}\\p{M}*`;
}
