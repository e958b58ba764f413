/**
 * Storage figures for the library (issue 3): autosave against a bare INSERT OR REPLACE of the same
 * bytes, search over 10,000 documents, and opening that library to a listed sidebar; and search
 * over 10,000 documents among which are 400 KB single-paragraph ones (issue 7 §8). Prints the
 * figures and writes bench/results/storage.json; asserts nothing.
 *
 * `LECTERN_BENCH_STORAGE_CASES=long-paragraphs` (comma-separated: autosave, library,
 * long-paragraphs) runs only those cases and writes bench/results/storage-<cases>.json instead.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import type { TipTapDoc, TipTapNode } from '../electron/contract';
import { createCore, LIBRARY_FILE, type LecternCore } from '../electron/core/app';
import { runIntegrityCheck } from '../electron/core/db/openDatabase';
import { plainText } from '../electron/core/library/plainText';
import { writeResults } from './writeResults';

const TARGETS = { autosave100kP95Ms: 5, autosaveRatio: 2, searchP95Ms: 20, openMs: 200 };
const CASES = ['autosave', 'library', 'long-paragraphs'] as const;

// A deterministic generator, so runs compare.
let seed = 42;
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const SUBJECTS: Record<string, string[]> = {
  Science: ['photosynthesis', 'chlorophyll', 'glucose', 'respiration', 'circuit', 'electricity', 'forces', 'friction', 'gravity', 'magnet', 'cells', 'nucleus', 'evaporation', 'condensation', 'habitat', 'predator', 'skeleton', 'organisms', 'colour', 'light'],
  Mathematics: ['fractions', 'equivalent', 'denominator', 'numerator', 'algebra', 'equation', 'times', 'tables', 'multiplication', 'division', 'perimeter', 'area', 'angles', 'probability', 'percentages', 'ratio', 'decimals', 'place', 'value', 'graphs'],
  English: ['persuasive', 'writing', 'poetry', 'metaphor', 'simile', 'shakespeare', 'macbeth', 'narrative', 'character', 'setting', 'grammar', 'punctuation', 'apostrophe', 'paragraph', 'analyse', 'inference', 'vocabulary', 'spelling', 'phonics', 'stanza'],
  History: ['world', 'war', 'romans', 'victorians', 'tudors', 'empire', 'monarchy', 'battle', 'evidence', 'sources', 'chronology', 'industrial', 'revolution', 'castle', 'medieval', 'invasion', 'suffragettes', 'organisation', 'timeline', 'parliament'],
  Geography: ['rivers', 'meander', 'erosion', 'volcano', 'eruption', 'earthquake', 'tectonic', 'climate', 'change', 'weather', 'continents', 'map', 'compass', 'settlement', 'population', 'rainforest', 'coast', 'glacier', 'centre', 'urban'],
  French: ['verbs', 'conjugation', 'vocabulary', 'greetings', 'numbers', 'colours', 'family', 'school', 'food', 'weather', 'holidays', 'sport', 'town', 'directions', 'past', 'tense', 'listening', 'speaking', 'reading', 'accents'],
};
const COMMON = ['the', 'pupils', 'will', 'learn', 'to', 'explain', 'and', 'describe', 'of', 'a', 'in', 'with', 'their', 'lesson', 'objective', 'success', 'criteria', 'starter', 'plenary', 'group', 'work', 'discuss', 'answer', 'questions', 'use', 'examples', 'teacher', 'model', 'independent', 'practice', 'assessment', 'homework', 'behaviour', 'organise', 'review'];

function sentence(subject: string): string {
  const words = Array.from({ length: 8 + Math.floor(random() * 16) }, () => (random() < 0.3 ? pick(SUBJECTS[subject]!) : pick(COMMON)));
  const text = words.join(' ');
  return text[0]!.toUpperCase() + text.slice(1) + '.';
}

/** A lesson plan-like document of about `bytes` bytes of JSON: headings, paragraphs, lists. */
function lessonDoc(subject: string, bytes: number): TipTapDoc {
  const content: TipTapNode[] = [];
  let size = 0;
  while (size < bytes) {
    let node: TipTapNode;
    const roll = random();
    if (roll < 0.12) node = { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: sentence(subject).slice(0, 40) }] };
    else if (roll < 0.3) {
      node = {
        type: 'bulletList',
        content: Array.from({ length: 3 }, () => ({
          type: 'listItem',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: sentence(subject) }] }],
        })),
      };
    } else {
      node = {
        type: 'paragraph',
        content: [
          { type: 'text', text: sentence(subject) + ' ' },
          { type: 'text', marks: [{ type: 'bold' }], text: pick(SUBJECTS[subject]!) },
          { type: 'text', text: ' ' + sentence(subject) },
        ],
      };
    }
    content.push(node);
    size += JSON.stringify(node).length;
  }
  return { type: 'doc', content };
}

/** The document after one keystroke-sized edit: one paragraph rewritten. */
function edited(doc: TipTapDoc, i: number): TipTapDoc {
  const content = [...(doc.content ?? [])];
  const at = i % content.length;
  content[at] = { type: 'paragraph', content: [{ type: 'text', text: `Edit ${i}: ${sentence('Science')}` }] };
  return { type: 'doc', content };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}
const round = (n: number) => Math.round(n * 1000) / 1000;

function openCore(dataDir: string, background = false): LecternCore {
  return createCore({ dataDir, host: 'web-harness', version: 'bench', library: { background } });
}

function benchAutosave(dir: string, figures: Record<string, unknown>): void {
  const core = openCore(join(dir, 'autosave'));
  const raw = new Sqlite(join(dir, 'raw.sqlite'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.exec('CREATE TABLE raw (id TEXT PRIMARY KEY, body TEXT NOT NULL) STRICT');
  const rawInsert = raw.prepare('INSERT OR REPLACE INTO raw (id, body) VALUES (?, ?)');
  for (const [label, bytes, runs] of [
    ['10kb', 10_000, 400],
    ['100kb', 100_000, 200],
    ['1mb', 1_000_000, 40],
  ] as const) {
    const base = lessonDoc('Science', bytes);
    const { id } = core.documents.create({ title: `Autosave ${label}`, kind: 'lesson-plan', content: base });
    const versions = Array.from({ length: runs + 10 }, (_, i) => edited(base, i));
    const serialised = versions.map((v) => JSON.stringify(v));
    const texts = versions.map((v) => plainText(v));
    const save: number[] = [];
    const stored: number[] = [];
    const bare: number[] = [];
    const dispatched: number[] = [];
    for (let i = 0; i < versions.length; i++) {
      // Interleaved, so all three see the same disk, cache and checkpoint conditions.
      let t = performance.now();
      rawInsert.run(id, serialised[i]);
      const rawMs = performance.now() - t;
      // The storage half on the same bytes: revision check, content and plain text, search queue.
      t = performance.now();
      core.documents.saveSerialized(id, serialised[(i + 5) % versions.length]!, texts[(i + 5) % versions.length]!);
      const storedMs = performance.now() - t;
      // The whole autosave from the editor's document: serialise, extract text, store.
      t = performance.now();
      core.documents.save(id, versions[i]!);
      const saveMs = performance.now() - t;
      if (i >= 10) {
        bare.push(rawMs);
        stored.push(storedMs);
        save.push(saveMs);
      }
    }
    // Through the contract as the app calls it: input validated by zod, output checked.
    for (let i = 0; i < Math.min(runs, 50); i++) {
      const t = performance.now();
      void core.dispatch('documents.save', { id, content: versions[i] });
      dispatched.push(performance.now() - t);
    }
    // What the deferred index update costs when it runs (idle, or before a search).
    const index: number[] = [];
    for (let i = 0; i < Math.min(runs, 20); i++) {
      core.documents.save(id, versions[i]!);
      const t = performance.now();
      core.library.searchIndex.flush();
      index.push(performance.now() - t);
    }
    Object.assign(figures, {
      [`autosave_${label}_bytes`]: serialised[0]!.length,
      [`autosave_${label}_p50_ms`]: round(percentile(save, 0.5)),
      [`autosave_${label}_p95_ms`]: round(percentile(save, 0.95)),
      [`autosave_${label}_raw_p50_ms`]: round(percentile(bare, 0.5)),
      [`autosave_${label}_raw_p95_ms`]: round(percentile(bare, 0.95)),
      [`autosave_${label}_storage_p50_ms`]: round(percentile(stored, 0.5)),
      [`autosave_${label}_storage_p95_ms`]: round(percentile(stored, 0.95)),
      // Same bytes in, as the target defines it: what the library's storage adds to a bare insert.
      [`autosave_${label}_ratio_vs_raw`]: round(percentile(stored, 0.5) / percentile(bare, 0.5)),
      [`autosave_${label}_p95_ratio_vs_raw`]: round(percentile(stored, 0.95) / percentile(bare, 0.95)),
      // Editor document in: adds JSON.stringify and plain-text extraction, which any autosave of a
      // TipTap document pays (JSON.stringify alone is about twice the bare insert at 100 KB).
      [`autosave_${label}_end_to_end_ratio_vs_raw`]: round(percentile(save, 0.5) / percentile(bare, 0.5)),
      [`autosave_${label}_via_dispatch_p50_ms`]: round(percentile(dispatched, 0.5)),
      [`autosave_${label}_index_update_p50_ms`]: round(percentile(index, 0.5)),
    });
  }
  core.close();
  raw.close();
}

const QUERIES: Array<{ text: string; filter?: Record<string, string> }> = [
  { text: 'photosynthesis ' },
  { text: 'fractions ' },
  { text: 'volcano erup' },
  { text: 'colour ' },
  { text: 'organisation ' },
  { text: 'world war ' },
  { text: 'shakespeare macbeth ' },
  { text: 'times tables ' },
  { text: 'equivalent fractions ' },
  { text: 'pho' },
  { text: 'analyze ' },
  { text: 'persuasive writing ' },
  { text: 'climate change ' },
  { text: 'electricity circuit ' },
  { text: 'algebra' },
  { text: 'conjugation verbs ' },
  { text: 'rivers meander ' },
  { text: 'respiration ' },
  { text: 'poetry ', filter: { subject: 'English' } },
  { text: 'forces', filter: { keyStage: 'KS3' } },
];

export function buildLibrary(dataDir: string, count: number): { buildMs: number; indexMs: number } {
  const core = openCore(dataDir);
  const subjects = Object.keys(SUBJECTS);
  const keyStages = ['KS1', 'KS2', 'KS3', 'KS4'];
  const kinds = ['lesson-plan', 'worksheet', 'quiz', 'rubric', 'scheme-of-work', 'note'] as const;
  let t = performance.now();
  core.db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const subject = subjects[i % subjects.length]!;
      core.documents.create({
        title: `${sentence(subject).split(' ').slice(0, 4).join(' ')} ${i}`,
        kind: pick(kinds),
        subject: subject === 'Mathematics' ? 'Mathematics' : subject,
        keyStage: pick(keyStages),
        tags: random() < 0.3 ? [pick(SUBJECTS[subject]!)] : [],
        folder: random() < 0.5 ? `${subject}/Term ${1 + (i % 3)}` : undefined,
        content: lessonDoc(subject, 2_000 + Math.floor(random() * 10_000)),
      });
    }
  })();
  const buildMs = performance.now() - t;
  t = performance.now();
  core.library.searchIndex.flush();
  const indexMs = performance.now() - t;
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  core.close();
  return { buildMs, indexMs };
}

async function benchLibrary(dir: string, figures: Record<string, unknown>): Promise<void> {
  const dataDir = join(dir, 'library');
  const count = 10_000;
  const built = buildLibrary(dataDir, count);
  figures.library_documents = count;
  figures.library_build_ms = Math.round(built.buildMs);
  figures.library_index_build_ms = Math.round(built.indexMs);
  figures.library_file_mb = round(statSync(join(dataDir, LIBRARY_FILE)).size / 1e6);

  // Opening to a listed sidebar, as the app does: createCore (lock, migrations check, trash purge,
  // background integrity check started) and documents.list through the contract.
  const opens: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t = performance.now();
    const core = openCore(dataDir, true);
    const listed = await core.dispatch('documents.list', {});
    const ms = performance.now() - t;
    if (!listed.ok || (listed.value as unknown[]).length !== count) throw new Error('listing failed');
    opens.push(ms);
    await core.library.integrityChecked;
    core.close();
  }
  figures.open_to_list_first_ms = round(opens[0]!);
  figures.open_to_list_ms = round(percentile(opens.slice(1), 0.5));

  const core = openCore(dataDir);
  const search: number[] = [];
  const searchDispatch: number[] = [];
  const hits: Record<string, number> = {};
  for (let rep = 0; rep < 11; rep++) {
    for (const q of QUERIES) {
      const t = performance.now();
      const results = core.library.search.query({ text: q.text, limit: 50, ...q.filter });
      const ms = performance.now() - t;
      if (rep > 0) search.push(ms);
      hits[q.text.trim()] = results.length;
    }
  }
  for (const q of QUERIES) {
    const t = performance.now();
    await core.dispatch('search.query', { text: q.text, ...q.filter });
    searchDispatch.push(performance.now() - t);
  }
  figures.search_p50_ms = round(percentile(search, 0.5));
  figures.search_p95_ms = round(percentile(search, 0.95));
  figures.search_max_ms = round(Math.max(...search));
  figures.search_via_dispatch_p95_ms = round(percentile(searchDispatch, 0.95));
  figures.search_results_per_query = hits;

  // The integrity checks at this size: why start-up runs them in a worker thread.
  let t = performance.now();
  runIntegrityCheck(core.db, 'quick');
  figures.quick_check_ms = Math.round(performance.now() - t);
  t = performance.now();
  runIntegrityCheck(core.db, 'full');
  figures.integrity_check_ms = Math.round(performance.now() - t);

  // Thinning: 10,000 documents with 30 automatic revisions each from the last 30 days. The first
  // pass after an upgrade reads them all; later ones (hourly) only the band that changed zone.
  const insert = core.db.prepare(
    `INSERT INTO revisions (id, document_id, created_at, kind, label, title, content, plain_text)
     SELECT lower(hex(randomblob(16))), id, ? - abs(random() % 2592000000), 'auto', NULL, title, '{}', '' FROM documents`,
  );
  const now = Date.now();
  core.db.transaction(() => {
    for (let k = 0; k < 30; k++) insert.run(now);
  })();
  t = performance.now();
  figures.thin_first_pass_deleted = core.library.revisions.thin(now);
  figures.thin_first_pass_ms = Math.round(performance.now() - t);
  figures.thin_revisions_before = 300_000;
  t = performance.now();
  core.library.revisions.thin(now + 3_600_000);
  figures.thin_hourly_pass_ms = round(performance.now() - t);
  core.close();
}

/**
 * A pasted reading or transcript: about `bytes` of sentences in one paragraph, ending with `last`.
 * Dense: one sentence over and over, so a search for its words matches thousands of times.
 */
function longParagraphDoc(subject: string, bytes: number, last: string, dense = false): TipTapDoc {
  const sentences: string[] = [];
  for (let size = 0; size < bytes; ) {
    const s = dense ? 'The water cycle turns water into vapour and back.' : sentence(subject);
    sentences.push(s);
    size += s.length + 1;
  }
  sentences.push(last);
  return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: sentences.join(' ') }] }] };
}

async function benchLongParagraphs(dir: string, figures: Record<string, unknown>): Promise<void> {
  const dataDir = join(dir, 'long-paragraphs');
  const count = 10_000;
  const longCount = 12;
  const longBytes = 400_000;
  buildLibrary(dataDir, count - longCount);
  const core = openCore(dataDir);
  const subjects = Object.keys(SUBJECTS);
  core.db.transaction(() => {
    for (let i = 0; i < longCount; i++) {
      const subject = subjects[i % subjects.length]!;
      // Worst place for a match: the very end of the paragraph. Half are dense with "water cycle".
      const content = longParagraphDoc(subject, longBytes, 'The oxbow lake is left behind.', i % 2 === 1);
      core.documents.create({ title: `Pasted reading ${i}`, kind: 'note', subject, content });
    }
  })();
  core.library.searchIndex.flush();
  const longIds = new Set((core.db.prepare("SELECT id FROM documents WHERE title LIKE 'Pasted reading %'").all() as Array<{ id: string }>).map((r) => r.id));
  figures.long_paragraph_documents = `${longCount} of ${count}, ${longBytes / 1000} KB of text each in one paragraph, half dense with "water cycle"`;

  const queries = [...QUERIES, { text: 'oxbow ' }, { text: 'oxbo' }, { text: 'the oxbow lake ' }, { text: 'water cycle ' }, { text: 'wat' }];
  const times: number[] = [];
  const longInPage: Record<string, number> = {};
  const byQuery: Record<string, number[]> = {};
  let longSnippets = 0;
  let longWithMatch = 0;
  let longestSnippet = 0;
  for (let rep = 0; rep < 11; rep++) {
    for (const q of queries) {
      const t = performance.now();
      const results = core.library.search.query({ text: q.text, limit: 50, ...q.filter });
      const ms = performance.now() - t;
      if (rep === 0) {
        const long = results.filter((r) => longIds.has(r.document.id));
        longInPage[q.text.trim()] = long.length;
        for (const r of long) {
          longSnippets++;
          if (r.snippet.some((s) => s.match)) longWithMatch++;
          longestSnippet = Math.max(longestSnippet, r.snippet.map((s) => s.text).join('').length);
        }
      } else {
        times.push(ms);
        (byQuery[q.text.trim()] ??= []).push(ms);
      }
    }
  }
  figures.long_paragraph_search_p50_ms = round(percentile(times, 0.5));
  figures.long_paragraph_search_p95_ms = round(percentile(times, 0.95));
  figures.long_paragraph_search_max_ms = round(Math.max(...times));
  figures.long_paragraph_results_in_page = longInPage;
  figures.long_paragraph_p50_ms_by_query = Object.fromEntries(Object.entries(byQuery).map(([q, ms]) => [q, round(percentile(ms, 0.5))]));
  figures.long_paragraph_snippets_with_match = `${longWithMatch} of ${longSnippets}`;
  figures.long_paragraph_longest_snippet_chars = longestSnippet;

  // For comparison, what FTS5's snippet() over the whole column (the code before issue 7) costs on
  // one dense paragraph of 100 KB; at 400 KB it takes minutes.
  const scratch = new Sqlite(':memory:');
  scratch.exec("CREATE VIRTUAL TABLE f USING fts5 (body, tokenize = 'porter unicode61 remove_diacritics 2')");
  scratch.prepare('INSERT INTO f (rowid, body) VALUES (1, ?)').run(plainText(longParagraphDoc('Science', 100_000, 'The oxbow lake is left behind.', true)));
  const t = performance.now();
  scratch.prepare("SELECT snippet(f, 0, '[', ']', '…', 16) FROM f WHERE f MATCH ?").get('"water" AND "cycle"');
  figures.whole_column_snippet_dense_100kb_ms = Math.round(performance.now() - t);
  scratch.close();
  core.close();
}

export async function run(): Promise<void> {
  const wanted = (process.env.LECTERN_BENCH_STORAGE_CASES ?? CASES.join(','))
    .split(',')
    .map((c) => c.trim())
    .filter((c): c is (typeof CASES)[number] => (CASES as readonly string[]).includes(c));
  const dir = mkdtempSync(join(tmpdir(), 'lectern-bench-storage-'));
  const figures: Record<string, unknown> = {};
  try {
    if (wanted.includes('autosave')) benchAutosave(dir, figures);
    if (wanted.includes('library')) await benchLibrary(dir, figures);
    if (wanted.includes('long-paragraphs')) await benchLongParagraphs(dir, figures);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const verdicts: Record<string, boolean> = {};
  if (wanted.includes('autosave')) {
    verdicts.autosave_100kb_p95_under_5ms = (figures.autosave_100kb_p95_ms as number) < TARGETS.autosave100kP95Ms;
    verdicts.autosave_100kb_under_2x_raw = (figures.autosave_100kb_ratio_vs_raw as number) < TARGETS.autosaveRatio;
  }
  if (wanted.includes('library')) {
    verdicts.search_p95_under_20ms = (figures.search_p95_ms as number) < TARGETS.searchP95Ms;
    verdicts.open_under_200ms = (figures.open_to_list_ms as number) < TARGETS.openMs;
  }
  if (wanted.includes('long-paragraphs')) verdicts.long_paragraph_search_p95_under_20ms = (figures.long_paragraph_search_p95_ms as number) < TARGETS.searchP95Ms;
  figures.targets_met = verdicts;
  for (const [key, value] of Object.entries(figures)) {
    console.log(`${key.padEnd(40)} ${typeof value === 'object' ? JSON.stringify(value) : value}`);
  }
  writeResults(wanted.length === CASES.length ? 'storage' : `storage-${wanted.join('-')}`, figures);
}
