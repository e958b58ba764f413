import type { Database, Statement } from 'better-sqlite3';
import type { HighlightedText, LibraryFilter, SearchResult } from '../../contract';
import type { Logger } from '../log';
import { isWriteRefused } from '../db/openDatabase';
import { BoundedSnippets, type MatchTerm } from './boundedSnippet';
import { filterClause, SUMMARY_COLUMNS, toSummary, type SummaryRow } from './documentRows';
import { spellingVariants } from './spelling';

/** Marks around matches in FTS5's highlight() and snippet(); stripped from indexed text. */
const OPEN = '\u0002';
const CLOSE = '\u0003';
const unmarked = (text: string) => text.replaceAll(OPEN, ' ').replaceAll(CLOSE, ' ');

/** Words beyond this are ignored: a pasted paragraph should not become a 300-term query. */
const MAX_WORDS = 16;
/** One-letter prefixes would expand to a large part of the vocabulary; they match whole words only. */
const MIN_PREFIX = 2;
const SNIPPET_TOKENS = 16;
/** Title matches count ten times as much as body matches in bm25. */
const TITLE_WEIGHT = 10;

/**
 * Keeps the FTS5 index in step with `documents`. Triggers queue every change in `search_pending`
 * inside the writing transaction; `flush` applies the queue. Searches flush first, so results are
 * never stale, and an idle flush shortly after edits keeps that first flush small. Measured on a
 * 100 KB document, indexing inside the save made autosave ~12× a bare insert; deferred, it stays
 * within the 2× budget (docs/library.md).
 */
export class SearchIndex {
  private readonly selectPending: Statement<[number], { seq: number; title: string | null; plain_text: string | null }>;
  private readonly anyPending: Statement<[], { n: number }>;
  private readonly deleteEntry: Statement<[number]>;
  private readonly insertEntry: Statement<[number, string, string]>;
  private readonly deletePending: Statement<[number]>;
  private readonly applyBatch: (limit: number) => number;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
    private readonly idleMs = 1000,
  ) {
    // Documents in the trash leave the index (and come back when restored), so a search needs no
    // join to leave them out.
    this.selectPending = db.prepare(
      `SELECT p.doc_seq AS seq, d.title, d.plain_text FROM search_pending p
       LEFT JOIN documents d ON d.seq = p.doc_seq AND d.deleted_at IS NULL ORDER BY p.doc_seq LIMIT ?`,
    );
    this.anyPending = db.prepare('SELECT EXISTS (SELECT 1 FROM search_pending) AS n');
    // CAST: better-sqlite3 binds JS numbers as REAL, and FTS5 ignores a REAL rowid constraint
    // combined with MATCH (it returned every match); integers are compared correctly everywhere.
    this.deleteEntry = db.prepare('DELETE FROM documents_fts WHERE rowid = CAST(? AS INTEGER)');
    this.insertEntry = db.prepare('INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)');
    this.deletePending = db.prepare('DELETE FROM search_pending WHERE doc_seq = ?');
    this.applyBatch = db.transaction((limit: number) => {
      const rows = this.selectPending.all(limit);
      for (const row of rows) {
        this.deleteEntry.run(row.seq);
        if (row.title !== null && row.plain_text !== null) {
          this.insertEntry.run(row.seq, unmarked(row.title), unmarked(row.plain_text));
        }
        this.deletePending.run(row.seq);
      }
      return rows.length;
    });
  }

  hasPending(): boolean {
    return this.anyPending.get()!.n === 1;
  }

  /** Brings the index up to date. Returns how many documents were (re)indexed. */
  flush(): number {
    // Also while the library is damaged and refuses writes: searches still answer (issue 7 §3).
    if (isWriteRefused(this.db)) return 0;
    let total = 0;
    for (let n = this.applyBatch(500); n > 0; n = this.applyBatch(500)) total += n;
    return total;
  }

  /** Flushes once edits pause, in small batches so the main process stays responsive. */
  schedule(): void {
    if (isWriteRefused(this.db)) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.idleFlush(), this.idleMs);
    this.timer.unref();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private idleFlush(): void {
    this.timer = undefined;
    if (!this.db.open) return;
    try {
      if (this.applyBatch(50) > 0) {
        this.timer = setTimeout(() => this.idleFlush(), 0);
        this.timer.unref();
      }
    } catch (error) {
      // Not fatal here: the next search flushes again and reports the failure to its caller.
      this.log.error('search index update failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }
}

export interface SearchInput extends LibraryFilter {
  text: string;
  limit?: number | undefined;
}

/** Full-text search over documents not in the trash, with the library's metadata filters. */
export class LibrarySearch {
  private readonly ranked = new Map<string, Statement<Record<string, string | number>, { seq: number }>>();
  private readonly highlight: Statement<[string, string], { seq: number; title: string; body: string }>;
  private readonly snippets = new BoundedSnippets('porter unicode61 remove_diacritics 2', { open: OPEN, close: CLOSE, ellipsis: '…', tokens: SNIPPET_TOKENS });
  private readonly summaryBySeq: Statement<[number], SummaryRow>;
  private readonly vocabulary: Statement<[string], { term: string }>;

  constructor(
    private readonly db: Database,
    private readonly index: SearchIndex,
  ) {
    // One pass for the whole page: `+rowid` keeps the IN test out of FTS5's hands, so the query is
    // evaluated once and snippets are made only for the page's rows. Per-row lookups re-ran a
    // prefix query fifty times (7 ms of a 10 ms search at 10,000 documents). Not snippet(): its
    // cost is the square of the matches in the whole column (109 s on one 400 KB paragraph), so
    // BoundedSnippets makes the snippets from a small window of each body.
    this.highlight = db.prepare(
      `SELECT rowid AS seq, highlight(documents_fts, 0, char(2), char(3)) AS title, body
       FROM documents_fts WHERE documents_fts MATCH ? AND +rowid IN (SELECT value FROM json_each(?))`,
    );
    this.summaryBySeq = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE d.seq = ?`);
    // A TEMP view of the index's terms, per connection: no schema change, and it works read-only.
    db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.documents_fts_terms USING fts5vocab(main, documents_fts, 'row')");
    this.vocabulary = db.prepare('SELECT term FROM temp.documents_fts_terms WHERE term = ?');
  }

  query(input: SearchInput): SearchResult[] {
    this.index.flush();
    const groups = matchGroups(input.text, (term) => this.vocabulary.get(term) !== undefined);
    if (groups === null) return [];
    const match = renderMatch(groups, ' AND ');
    const clause = filterClause(input);
    let statement = this.ranked.get(clause.key);
    if (!statement) {
      // The index holds documents out of the trash only, so without metadata filters the ranking
      // needs no join: on a term found in every document that halved the time.
      statement =
        clause.conditions.length === 0
          ? this.db.prepare(
              `SELECT rowid AS seq FROM documents_fts WHERE documents_fts MATCH @match
               ORDER BY bm25(documents_fts, ${TITLE_WEIGHT}, 1.0), rowid DESC LIMIT @limit`,
            )
          : this.db.prepare(
              `SELECT d.seq FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid
               WHERE documents_fts MATCH @match AND ${clause.conditions.join(' AND ')}
               ORDER BY bm25(documents_fts, ${TITLE_WEIGHT}, 1.0), d.seq DESC LIMIT @limit`,
            );
      this.ranked.set(clause.key, statement);
    }
    const rows = statement.all({ ...clause.params, match, limit: input.limit ?? 30 });
    const found = this.highlight.all(match, JSON.stringify(rows.map((r) => r.seq)));
    const made = this.snippets.snippets(
      found.map((m) => m.body),
      groups.flat(),
      renderMatch(groups, ' OR '),
    );
    const marked = new Map(found.map((m, i) => [m.seq, { title: m.title, snippet: made[i]!.marked }]));
    return rows.map(({ seq }) => {
      const summary = this.summaryBySeq.get(seq)!;
      const hit = marked.get(seq);
      return {
        document: toSummary(summary),
        title: hit ? segments(hit.title) : [{ text: summary.title, match: false }],
        snippet: hit?.snippet?.includes(OPEN) ? segments(hit.snippet) : [],
      };
    });
  }
}

/**
 * An FTS5 MATCH expression for what the teacher typed, or null when it holds no words. Every word
 * becomes a quoted string (so no FTS5 operator or column filter can be injected: inside quotes
 * only `"` is special, and it is doubled), OR-ed with its other spellings; the last word matches
 * as a prefix unless the text ends with a space.
 */
export function buildMatchQuery(text: string, isIndexed: (term: string) => boolean = () => false): string | null {
  const groups = matchGroups(text, isIndexed);
  // Explicit: FTS5 accepts an implicit AND between plain phrases only, not beside a group.
  return groups === null ? null : renderMatch(groups, ' AND ');
}

/** One group per word typed: the word and its other spellings and stems, any of which may match. */
function renderMatch(groups: readonly MatchTerm[][], join: ' AND ' | ' OR '): string {
  return groups
    .map((terms) => {
      const rendered = terms.map((t) => `${quote(t.text)}${t.prefix ? '*' : ''}`);
      return rendered.length === 1 ? rendered[0] : `(${rendered.join(' OR ')})`;
    })
    .join(join);
}

function matchGroups(text: string, isIndexed: (term: string) => boolean): MatchTerm[][] | null {
  const words = text
    .normalize('NFC')
    .split(/\s+/u)
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, MAX_WORDS);
  if (words.length === 0) return null;
  const typing = !/\s$/u.test(text);
  return words
    .map((word, i) => {
      const prefix = typing && i === words.length - 1 && lastTokenLength(word) >= MIN_PREFIX;
      const folded = foldForSpelling(word);
      const spellings = folded === null ? [word] : [word, ...spellingVariants(folded, prefix).filter((v) => v !== folded)];
      const terms: MatchTerm[] = spellings.map((s) => ({ text: s, prefix }));
      if (prefix && folded !== null) {
        // Only stems the index really holds: "whe" from "wheel" would otherwise pull in every
        // "when" and "where". Queried as prefixes because FTS5 stems query terms again
        // ("organis" would become "organi").
        const stems = new Set(spellings.flatMap((s) => possibleStems(s.toLocaleLowerCase('en-GB'))));
        for (const stem of stems) if (isIndexed(stem)) terms.push({ text: stem, prefix: true });
        // The porter stemmer rewrites a final y as i even in a prefix query ("photosy*" becomes
        // "photosi*"), which no indexed token starts with; the prefix without the y still matches.
        if (folded.endsWith('y') && folded.length > 4) terms.push({ text: folded.slice(0, -1), prefix: true });
      }
      return terms;
    });
}

const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;

/**
 * Porter endings (and the starts of their combinations), for `possibleStems`. The index holds
 * stems, often shorter than what has been typed so far: "organisation" is indexed as "organis",
 * so the prefix "organisati*" alone would find nothing until the word is finished.
 */
const STEM_ENDINGS = [
  's', 'es', 'ies', 'sses', 'ed', 'eed', 'edly', 'ing', 'ingly', 'ly', 'y', 'ational', 'tional', 'ations', 'enci', 'ence',
  'anci', 'ance', 'izer', 'iser', 'abli', 'able', 'ability', 'alli', 'entli', 'eli', 'ousli', 'ization', 'isation',
  'ator', 'alism', 'iveness', 'fulness', 'ousness', 'aliti', 'iviti', 'biliti', 'icate', 'ative', 'alize', 'alise',
  'iciti', 'ical', 'ful', 'ness', 'al', 'er', 'ers', 'ic', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ions', 'ism',
  'ate', 'iti', 'ity', 'ous', 'ive', 'ize', 'ise', 'e',
];

/**
 * The stems a word still being typed may be heading for: itself cut where the rest could be the
 * start of a porter ending ("organisati" → "organis", as "ati" may become "ation"). Matched as whole
 * tokens, OR-ed with the prefix, so results do not vanish mid-word and come back at its end.
 */
function possibleStems(word: string): string[] {
  const out: string[] = [];
  for (let cut = Math.max(3, word.length - 7); cut < word.length; cut++) {
    const tail = word.slice(cut);
    if (STEM_ENDINGS.some((ending) => ending.startsWith(tail))) out.push(word.slice(0, cut));
  }
  return out;
}

/** Lower case without diacritics, for the spelling table; null for anything but plain letters. */
function foldForSpelling(word: string): string | null {
  const folded = word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('en-GB');
  return /^[a-z]+$/.test(folded) ? folded : null;
}

/** The prefix applies to the last token FTS5 sees in the word ("year-7" → "7"). */
function lastTokenLength(word: string): number {
  return [...(word.match(/[\p{L}\p{N}\p{M}]+/gu)?.at(-1) ?? '')].length;
}

/** Splits text marked by highlight()/snippet() into plain and matched pieces. */
export function segments(marked: string): HighlightedText {
  const out: HighlightedText = [];
  let match = false;
  let start = 0;
  for (let i = 0; i <= marked.length; i++) {
    const ch = marked[i];
    if (i < marked.length && ch !== OPEN && ch !== CLOSE) continue;
    if (i > start) {
      const text = marked.slice(start, i);
      const last = out[out.length - 1];
      if (last && last.match === match) last.text += text;
      else out.push({ text, match });
    }
    if (ch === OPEN) match = true;
    else if (ch === CLOSE) match = false;
    start = i + 1;
  }
  return out;
}
